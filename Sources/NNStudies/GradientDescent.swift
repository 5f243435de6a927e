import NNEngine
import NNRuns

/// Gradient descent at one learning rate on f(x) = (2x)²: the loss, x and the gradient at each
/// iteration (before its update), and the path of x as points (x, f(x)).
///
/// The seed's lesson tries lr = 1, 0.5, 0.2, 0.125, 0.1, 0.02: the error is multiplied by
/// 1 − 8·lr each step, so 1 and 0.5 diverge, 0.2 oscillates in, 0.125 lands in one step.
public struct GradientDescent: Study {
    public static let name = "gd"
    /// The seed's learning rates.
    public static let seedLearningRates = [1, 0.5, 0.2, 0.125, 0.1, 0.02]

    public struct Configuration: Hashable, Sendable {
        public var lr: Double
        public var x0: Double
        public var iterations: Int

        public init(lr: Double = 0.2, x0: Double = 2, iterations: Int = 20) {
            self.lr = lr
            self.x0 = x0
            self.iterations = iterations
        }
    }

    public let configuration: Configuration
    private let x: Tensor
    private var xs: [Double] = []
    private var grads: [Double] = []
    private var losses: [Double] = []
    private var iteration = 0

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        x = Tensor(Float(configuration.x0), requiresGrad: true)
    }

    public var params: JSONValue { configuration.params }

    public mutating func step() throws -> [MetricRecord]? {
        guard iteration < configuration.iterations else { return nil }
        let (lossValue, value, gradient) = try SweepFunction.quadratic.descend(x, lr: Float(configuration.lr))
        losses.append(lossValue)
        xs.append(value)
        grads.append(gradient)
        iteration += 1
        return [MetricRecord(series: "gd", step: iteration - 1, values: ["loss": lossValue, "x": value, "grad": gradient])]
    }

    public var snapshot: any StudySnapshot { Snapshot(configuration: configuration, x: xs, grad: grads, loss: losses) }
}
