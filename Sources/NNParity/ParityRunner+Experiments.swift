import NNEngine
import NNRuns
import NNStudies

/// Checks `experiment` cases: the seed studies end to end, each run by its own code
/// (`ExperimentStudies`) with the case's parameters.
///
/// Each experiment has a checker registered in `experiments`; to support a new one, add a file
/// with its method and one line there.
extension ParityRunner {
    /// The checker of every supported experiment.
    static let experiments: [String: Checker] = [
        "gd_quadratic": { try $0.checkGDQuadratic($1) },
        "lr_sweep": { try $0.checkLRSweep($1) },
        "backprop_2_2_2": { try $0.checkBackprop222($1) },
        "momentum": { try $0.checkMomentum($1) },
        "temperature_regression": { try $0.checkTemperatureRegression($1) },
        "optimizer_session": { try $0.checkOptimizerSession($1) },
        "init_depth": { try $0.checkInitDepth($1) },
        "dead_relu": { try $0.checkDeadReLU($1) },
    ]

    func checkExperiment(_ c: ParityCase) throws {
        guard let check = Self.experiments[c.name] else { throw ParityError.unsupported("experiment \(c.name)") }
        try check(self, c)
    }

    /// `nndash gd`: x, the gradient and the loss of every iteration on y = (2x)².
    func checkGDQuadratic(_ c: ParityCase) throws {
        let params = try c.require("params")
        let configuration = GradientDescent.Configuration(
            lr: try c.number("lr", in: params), x0: try c.number("x0", in: params),
            iterations: try c.integer("iterations", in: params, within: 0...ParityLimits.maximumSteps))
        let run = try ExperimentStudies.finished(studies.gradientDescent(configuration), as: GradientDescent.Snapshot.self)
        c.compare("x", expected: try c.numbers("x"), actual: run.x)
        c.compare("grad", expected: try c.numbers("grad"), actual: run.grad)
        c.compare("loss", expected: try c.numbers("loss"), actual: run.loss)
    }

    /// `nndash sweep`: its learning rates and the loss of every iteration at each.
    func checkLRSweep(_ c: ParityCase) throws {
        let params = try c.require("params")
        let steps = 0...ParityLimits.maximumSteps
        let num = try c.integer("num", in: params, within: steps), iterations = try c.integer("iterations", in: params, within: steps)
        guard num * iterations <= ParityLimits.maximumSteps else {
            throw ParityError.malformed("num × iterations must be at most \(ParityLimits.maximumSteps), got \(num) × \(iterations)")
        }
        let study = studies.sweep(LearningRateSweep.Configuration(
            lrMin: try c.number("lr_min", in: params), lrMax: try c.number("lr_max", in: params), num: num,
            iterations: iterations, x0: try c.number("x0", in: params)))
        let lrs = study.learningRates
        if c.field("lrs") != nil { c.compare("lrs", expected: try c.numbers("lrs"), actual: lrs) }
        guard let losses = c.field("loss")?.arrayValue, losses.count == lrs.count else {
            throw ParityError.malformed("loss needs one row per learning rate")
        }
        let run = try ExperimentStudies.finished(study, as: LearningRateSweep.Snapshot.self)
        for (i, lr) in lrs.enumerated() {
            guard let expected = losses[i].doubleArray else { throw ParityError.malformed("loss[\(i)] is not numeric") }
            c.compare("loss[lr=\(lr)]", expected: expected, actual: run.losses[i])
        }
    }

    /// `nndash backprop`: the 2-2-2 sigmoid network's first step, one MSE backward and one SGD
    /// update: output, loss, gradients and weights after the step.
    func checkBackprop222(_ c: ParityCase) throws {
        let params = try c.require("params")
        var configuration = Backprop222.Configuration(lr: try c.number("lr", in: params), steps: 1)
        configuration.input = try c.numbers("input", in: params, count: 2).map { Float($0) }
        configuration.target = try c.numbers("target", in: params, count: 2).map { Float($0) }
        let run = try ExperimentStudies.finished(studies.backprop(configuration), as: Backprop222.Snapshot.self)
        guard let step = run.first else { throw ParityError.malformed("the backprop study took no step") }
        for (key, value) in try c.require("expected").objectValue ?? [] {
            let actual: [Double]
            if key == "output" {
                actual = step.output
            } else if key == "loss" {
                actual = [step.loss]
            } else if key.hasSuffix(".grad"), let grad = step.grads[String(key.dropLast(".grad".count))] {
                actual = grad
            } else if key.hasSuffix(".after_step"), let after = step.weightsAfter[String(key.dropLast(".after_step".count))] {
                actual = after
            } else {
                throw ParityError.unsupported("backprop_2_2_2 value \(key)")
            }
            if let number = value.doubleValue {
                c.compare(key, expected: [number], actual: actual)
            } else {
                _ = try c.tensor(value)  // a well-formed tensor: its shape holds its data
                c.compare(key, expected: try c.numbers("data", in: value), actual: actual)
            }
        }
    }
}
