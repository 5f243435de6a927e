import NNEngine

/// `regression-5000`: the seed's temperature regression, `t_c ≈ w * (0.1 * t_u) + b`, fit by MSE
/// with SGD (lr 1e-2) for 5000 epochs from w = 1, b = 0.
public struct TemperatureRegressionWorkload: Workload {
    public static let name = "regression-5000"
    /// Celsius readings.
    public static let tc: [Float] = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]
    /// The same temperatures in unknown units.
    public static let tu: [Float] = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]

    public let epochs: Int
    public let learningRate: Double
    private let input: Tensor
    private let target: Tensor
    /// The weight and bias being fit.
    public private(set) var w = Tensor(1, requiresGrad: true)
    public private(set) var b = Tensor(0, requiresGrad: true)
    private var optimizer: SGD?

    public init() { self.init(epochs: 5000, learningRate: 1e-2, inputScale: 0.1) }

    public init(epochs: Int, learningRate: Double, inputScale: Float) {
        self.epochs = epochs
        self.learningRate = learningRate
        input = Tensor(Self.tu.map { $0 * inputScale })
        target = Tensor(Self.tc)
    }

    /// Fresh parameters and optimizer.
    public mutating func reset() throws {
        w = Tensor(1, requiresGrad: true)
        b = Tensor(0, requiresGrad: true)
        optimizer = try SGD([w, b], learningRate: learningRate)
    }

    /// Trains; returns the last epoch's loss.
    public mutating func run() throws -> Double {
        if optimizer == nil { try reset() }
        guard let optimizer else { return .nan }
        var loss = Tensor(Float.nan)
        for _ in 0..<epochs {
            loss = try mseLoss(w * input + b, target)
            optimizer.zeroGrad()
            try loss.backward()
            try optimizer.step()
        }
        return Double(loss.item())
    }
}
