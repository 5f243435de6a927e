import NNRuns
import NNStudies

/// Checks experiment `momentum`: `nndash momentum`'s study with one run, `SGD(lr, momentum,
/// dampening, nesterov)` on y = (2x)², the loss of every iteration before its update.
extension ParityRunner {
    func checkMomentum(_ c: ParityCase) throws {
        let params = try c.require("params")
        let expected = try c.numbers("loss")
        let iterations = c.field("iterations", in: params) == nil
            ? expected.count : try c.integer("iterations", in: params, within: 0...ParityLimits.maximumSteps)
        guard iterations <= ParityLimits.maximumSteps else { throw ParityError.malformed("more than \(ParityLimits.maximumSteps) losses") }
        let run = MomentumComparison.Run(
            lr: try c.number("lr", in: params), momentum: c.field("momentum", in: params)?.doubleValue ?? 0,
            nesterov: c.field("nesterov", in: params)?.boolValue ?? false)
        let study = studies.momentum(MomentumComparison.Configuration(
            runs: [run], iterations: iterations, x0: try c.number("x0", in: params),
            dampening: c.field("dampening", in: params)?.doubleValue ?? 0))
        let snapshot = try ExperimentStudies.finished(study, as: MomentumComparison.Snapshot.self)
        c.compare("loss", expected: expected, actual: snapshot.losses.first ?? [])
    }
}
