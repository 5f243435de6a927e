import NNEngine
import NNRuns

/// Every activation of the engine and its gradient from autograd (`y.sum().backward()`), one
/// activation a step, each in its own panel; and the Jacobian of softmax, whose summed output is
/// constant (1) and so has zero gradient.
public struct ActivationGallery: Study {
    public static let name = "activations"

    /// The activations, by PyTorch's functional names, applied elementwise (softmax along the grid).
    public static let activations: [(name: String, apply: @Sendable (Tensor) -> Tensor)] = [
        ("sigmoid", { $0.sigmoid() }), ("tanh", { $0.tanh() }), ("relu", { $0.relu() }),
        ("leaky_relu", { $0.leakyReLU(negativeSlope: 0.1) }), ("elu", { $0.elu() }), ("selu", { $0.selu() }),
        ("celu", { $0.celu() }), ("gelu", { $0.gelu() }), ("silu", { $0.silu() }), ("mish", { $0.mish() }),
        ("softplus", { $0.softplus() }), ("softsign", { $0.softsign() }), ("hardtanh", { $0.hardtanh() }),
        ("relu6", { $0.relu6() }), ("hardsigmoid", { $0.hardsigmoid() }), ("hardswish", { $0.hardswish() }),
        ("logsigmoid", { $0.logSigmoid() }), ("tanhshrink", { $0.tanhshrink() }),
        ("softmax", { $0.softmax(dim: 0) }),
    ]

    public struct Configuration: Hashable, Sendable {
        public var low: Double
        public var high: Double
        public var points: Int
        /// The vector whose softmax Jacobian is shown.
        public var softmaxInput: [Double]

        public init(low: Double = -5, high: Double = 5, points: Int = 201, softmaxInput: [Double] = [1, 2, 3, 4]) {
            self.low = low
            self.high = high
            self.points = points
            self.softmaxInput = softmaxInput
        }
    }

    public let configuration: Configuration
    private var curves: [Curve] = []
    private let jacobian: [[Double]]

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        jacobian = (try? Self.softmaxJacobian(configuration.softmaxInput)) ?? []
    }

    public var params: JSONValue { configuration.params }

    /// One step per activation; its records hold every point of the curve and its gradient
    /// (`step` counts the points of all activations so far, so replay grows them in order).
    public mutating func step() throws -> [MetricRecord]? {
        guard curves.count < Self.activations.count else { return nil }
        let (name, apply) = Self.activations[curves.count]
        let grid = linspace(configuration.low, configuration.high, count: configuration.points)
        let x = Tensor(grid.map { Float($0) }, requiresGrad: true)
        let y = apply(x)
        try y.sum().backward()
        let curve = Curve(name: name, x: grid, y: y.toArray().map(Double.init), grad: (x.grad?.toArray() ?? []).map { Double($0) })
        let first = curves.count * configuration.points
        curves.append(curve)
        return zip(curve.x, zip(curve.y, curve.grad)).enumerated().map { j, point in
            MetricRecord(series: name, params: j == 0 ? ["activation": .string(name)] : nil, step: first + j,
                         values: ["x": point.0, "y": point.1.0, "grad": point.1.1])
        }
    }

    public var snapshot: any StudySnapshot { Snapshot(configuration: configuration, curves: curves, softmaxJacobian: jacobian) }

    /// ∂softmax(v)_i/∂v_j, one autograd backward per output.
    public static func softmaxJacobian(_ v: [Double]) throws -> [[Double]] {
        try v.indices.map { i in
            let input = Tensor(v.map { Float($0) }, requiresGrad: true)
            try input.softmax(dim: 0)[i].backward()
            return (input.grad?.toArray() ?? []).map { Double($0) }
        }
    }
}
