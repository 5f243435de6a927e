import NNEngine
import NNRuns

/// Checks experiment `temperature_regression`: the linear model `w * (t_u * input_scale) + b` fit to
/// `t_c` by MSE with the named optimizer; final parameters, final loss and the loss every 500 epochs.
enum TemperatureRegressionParity {
    /// Keys of `params` that describe the experiment rather than the optimizer.
    private static let experimentKeys: Set = ["optimizer", "epochs", "input_scale", "t_c", "t_u", "w0", "b0"]

    /// The comparison of case `json` with the engine.
    static func check(_ json: JSONValue) throws -> ToleranceCheck {
        guard let params = json["params"], let tc = params["t_c"]?.doubleArray, let tu = params["t_u"]?.doubleArray else {
            throw GoldenError("temperature_regression case without t_c or t_u")
        }
        let scale = Float(params["input_scale"]?.doubleValue ?? 1)
        let input = Tensor(tu.map { Float($0) * scale }, shape: [tu.count])
        let target = Tensor(tc.map { Float($0) }, shape: [tc.count])
        let w = Tensor(Float(params["w0"]?.doubleValue ?? 1), requiresGrad: true)
        let b = Tensor(Float(params["b0"]?.doubleValue ?? 0), requiresGrad: true)
        var options = OptimizerParity.hyperparameters(params)
        for key in experimentKeys { options[key] = nil }
        let optimizer = try Optimizer.named(
            params["optimizer"]?.stringValue ?? "SGD", paramGroups: [ParamGroup(params: [w, b], options: options)])
        var every500: [Float] = []
        var finalLoss: Float = .nan
        for epoch in 0..<(params["epochs"]?.intValue ?? 0) {
            let loss = try mseLoss(w * input + b, target)
            finalLoss = loss.item()
            if epoch % 500 == 0 { every500.append(finalLoss) }
            optimizer.zeroGrad()
            try loss.backward()
            try optimizer.step()
        }
        var check = ToleranceCheck(case: json)
        check.compare("final_params", [w.item(), b.item()], json["final_params"]?.doubleArray ?? [])
        check.compare("final_loss", [finalLoss], [json["final_loss"]?.doubleValue ?? .nan])
        check.compare("loss_every_500", every500, json["loss_every_500"]?.doubleArray ?? [])
        return check
    }
}
