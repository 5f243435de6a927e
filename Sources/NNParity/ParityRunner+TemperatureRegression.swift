import NNEngine
import NNRuns

/// Checks experiment `temperature_regression`: the linear model `w * (t_u * input_scale) + b` fit to
/// `t_c` by MSE with the named optimizer; final parameters, final loss and the loss every 500 epochs.
extension ParityRunner {
    /// Keys of `params` that describe the experiment rather than the optimizer.
    private static let regressionKeys: Set = ["optimizer", "epochs", "input_scale", "t_c", "t_u", "w0", "b0"]

    func checkTemperatureRegression(_ c: ParityCase) throws {
        let params = try c.require("params")
        let tc = try c.numbers("t_c", in: params), tu = try c.numbers("t_u", in: params)
        let scale = Float(c.field("input_scale", in: params)?.doubleValue ?? 1)
        let input = Tensor(tu.map { Float($0) * scale }, shape: [tu.count])
        let target = Tensor(tc.map { Float($0) }, shape: [tc.count])
        let w = Tensor(Float(c.field("w0", in: params)?.doubleValue ?? 1), requiresGrad: true)
        let b = Tensor(Float(c.field("b0", in: params)?.doubleValue ?? 0), requiresGrad: true)
        var options = Self.hyperparameters(params)
        for key in Self.regressionKeys { options[key] = nil }
        let optimizer = try Optimizer.named(
            c.field("optimizer", in: params)?.stringValue ?? "SGD", paramGroups: [ParamGroup(params: [w, b], options: options)])
        var every500: [Double] = []
        var finalLoss = Double.nan
        for epoch in 0..<(try c.integer("epochs", in: params, within: 0...ParityLimits.maximumSteps)) {
            let loss = try mseLoss(w * input + b, target)
            finalLoss = Double(loss.item())
            if epoch % 500 == 0 { every500.append(finalLoss) }
            optimizer.zeroGrad()
            try loss.backward()
            try optimizer.step()
        }
        c.compare("final_params", expected: try c.numbers("final_params"), actual: [Double(w.item()), Double(b.item())])
        c.compare("final_loss", expected: try c.number("final_loss"), actual: finalLoss)
        c.compare("loss_every_500", expected: try c.numbers("loss_every_500"), actual: every500)
    }
}
