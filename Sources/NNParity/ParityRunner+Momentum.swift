import NNEngine
import NNRuns

/// Checks experiment `momentum`: `SGD(lr, momentum, nesterov)` on y = (2x)^2, the loss of every
/// iteration before its update.
extension ParityRunner {
    func checkMomentum(_ c: ParityCase) throws {
        let params = try c.require("params")
        let expected = try c.numbers("loss")
        let x = Tensor(Float(try c.number("x0", in: params)), requiresGrad: true)
        let optimizer = try SGD(
            [x], learningRate: try c.number("lr", in: params), momentum: c.field("momentum", in: params)?.doubleValue ?? 0,
            dampening: c.field("dampening", in: params)?.doubleValue ?? 0,
            nesterov: c.field("nesterov", in: params)?.boolValue ?? false)
        var losses: [Double] = []
        let iterations = c.field("iterations", in: params) == nil
            ? expected.count : try c.integer("iterations", in: params, within: 0...ParityLimits.maximumSteps)
        guard iterations <= ParityLimits.maximumSteps else { throw ParityError.malformed("more than \(ParityLimits.maximumSteps) losses") }
        for _ in 0..<iterations {
            let loss = (2 * x).pow(2)
            losses.append(Double(loss.item()))
            optimizer.zeroGrad()
            try loss.backward()
            try optimizer.step()
        }
        c.compare("loss", expected: expected, actual: losses)
    }
}
