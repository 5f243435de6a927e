import NNEngine
import NNRuns

/// Checks experiment `momentum`: `SGD(lr, momentum, nesterov)` on y = (2x)^2, the loss of every
/// iteration before its update.
enum MomentumExperimentParity {
    /// The comparison of case `json` with the engine.
    static func check(_ json: JSONValue) throws -> ToleranceCheck {
        guard let params = json["params"], let expected = json["loss"]?.doubleArray else {
            throw GoldenError("momentum case without params or loss")
        }
        let x = Tensor(Float(params["x0"]?.doubleValue ?? 2), requiresGrad: true)
        let optimizer = try SGD(
            [x], learningRate: params["lr"]?.doubleValue ?? 0.01, momentum: params["momentum"]?.doubleValue ?? 0,
            dampening: params["dampening"]?.doubleValue ?? 0, nesterov: params["nesterov"]?.boolValue ?? false)
        var losses: [Float] = []
        for _ in 0..<(params["iterations"]?.intValue ?? expected.count) {
            let loss = (2 * x).pow(2)
            losses.append(loss.item())
            optimizer.zeroGrad()
            try loss.backward()
            try optimizer.step()
        }
        var check = ToleranceCheck(case: json)
        check.compare("loss", losses, expected)
        return check
    }
}
