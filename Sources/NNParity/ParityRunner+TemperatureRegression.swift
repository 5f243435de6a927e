import NNEngine
import NNRuns
import NNStudies

/// Checks experiment `temperature_regression`: `nndash regression`'s study with one fit and no
/// validation split, the linear model `w * (t_u * input_scale) + b` fit to `t_c` by MSE with the
/// named optimizer; final parameters, final loss and the loss every 500 epochs.
extension ParityRunner {
    /// The keys of `params` the study reads.
    private static let regressionKeys: Set = ["optimizer", "lr", "epochs", "input_scale", "t_c", "t_u", "w0", "b0"]

    func checkTemperatureRegression(_ c: ParityCase) throws {
        let params = try c.require("params")
        let epochs = try c.integer("epochs", in: params, within: 0...ParityLimits.maximumSteps)
        // The study fits the lesson's readings from w = 1, b = 0 with the optimizer's learning rate.
        let tc = try c.numbers("t_c", in: params), tu = try c.numbers("t_u", in: params)
        guard tc.map({ Float($0) }) == TemperatureRegression.tc, tu.map({ Float($0) }) == TemperatureRegression.tu else {
            throw ParityError.unsupported("temperature_regression on readings other than the lesson's")
        }
        guard c.field("w0", in: params)?.doubleValue ?? 1 == 1, c.field("b0", in: params)?.doubleValue ?? 0 == 0 else {
            throw ParityError.unsupported("temperature_regression from other than w0 = 1, b0 = 0")
        }
        if let other = (params.objectValue ?? []).map(\.0).first(where: { !Self.regressionKeys.contains($0) }) {
            throw ParityError.unsupported("temperature_regression parameter \(other)")
        }
        let name = c.field("optimizer", in: params)?.stringValue ?? "SGD"
        guard let optimizer = OptimizerName(rawValue: name), OptimizerName.plainStep.contains(optimizer) else {
            throw ParityError.unsupported("temperature_regression optimizer \(name)")
        }
        let run = TemperatureRegression.Run(
            optimizer: optimizer, lr: try c.number("lr", in: params),
            inputScale: c.field("input_scale", in: params)?.doubleValue ?? 1)
        let study = studies.regression(TemperatureRegression.Configuration(runs: [run], epochs: epochs, validationFraction: 0))
        let snapshot = try ExperimentStudies.finished(study, as: TemperatureRegression.Snapshot.self)
        guard let fit = snapshot.fits.first else { throw ParityError.malformed("the regression study made no fit") }
        c.compare("final_params", expected: try c.numbers("final_params"), actual: [fit.w.last ?? 1, fit.b.last ?? 0])
        c.compare("final_loss", expected: try c.number("final_loss"), actual: fit.loss.last ?? .nan)
        c.compare("loss_every_500", expected: try c.numbers("loss_every_500"), actual: fit.lossEvery500)
    }
}
