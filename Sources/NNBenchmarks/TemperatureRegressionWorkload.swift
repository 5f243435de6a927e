import NNStudies

/// `regression-5000`: the seed's temperature regression as `nndash regression` runs it (the
/// study itself), `t_c ≈ w * (0.1 * t_u) + b` fit by MSE with SGD (lr 1e-2) for 5000 epochs from
/// w = 1, b = 0, without the validation split.
public struct TemperatureRegressionWorkload: Workload {
    public static let name = "regression-5000"
    public let configuration: TemperatureRegression.Configuration
    private var study: TemperatureRegression

    public init() {
        self.init(TemperatureRegression.Configuration(
            runs: [TemperatureRegression.splitRun], epochs: 5000, validationFraction: 0))
    }

    public init(_ configuration: TemperatureRegression.Configuration) {
        self.configuration = configuration
        study = TemperatureRegression(configuration)
    }

    /// The fit so far: its loss every epoch, and w and b after each update.
    public var trace: TemperatureRegression.Trace? { study.traces.first }

    /// A fresh study: parameters w = 1, b = 0 and a new optimizer.
    public mutating func reset() {
        study = TemperatureRegression(configuration)
    }

    /// Trains; returns the last epoch's loss.
    public mutating func run() throws -> Double {
        while try study.advance() {}
        return trace?.loss.last ?? .nan
    }
}
