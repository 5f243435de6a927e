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
        ("leaky_relu", { $0.leakyRelu(negativeSlope: 0.1) }), ("elu", { $0.elu() }), ("selu", { $0.selu() }),
        ("celu", { $0.celu() }), ("gelu", { $0.gelu() }), ("silu", { $0.silu() }), ("mish", { $0.mish() }),
        ("softplus", { $0.softplus() }), ("softsign", { $0.softsign() }), ("hardtanh", { $0.hardtanh() }),
        ("relu6", { $0.relu6() }), ("hardsigmoid", { $0.hardsigmoid() }), ("hardswish", { $0.hardswish() }),
        ("logsigmoid", { $0.logsigmoid() }), ("tanhshrink", { $0.tanhshrink() }),
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
    private var series: [Series] = []
    private var next = 0

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public var params: JSONValue {
        ["low": .number(configuration.low), "high": .number(configuration.high), "points": .int(configuration.points),
         "softmax_input": JSONValue(configuration.softmaxInput), "leaky_relu_negative_slope": 0.1]
    }

    public mutating func step() throws -> [MetricRecord]? {
        guard next < Self.activations.count else { return nil }
        let (name, apply) = Self.activations[next]
        let grid = linspace(configuration.low, configuration.high, count: configuration.points)
        let x = Tensor(grid.map { Float($0) }, requiresGrad: true)
        let y = apply(x)
        try y.sum().backward()
        let values = y.toArray().map(Double.init)
        let grads = (x.grad?.toArray() ?? []).map { Double($0) }
        series.append(Series(label: name, panel: name, x: grid, y: values))
        series.append(Series(label: "d/dx", panel: name, x: grid, y: grads))
        next += 1
        let maxGrad = grads.map { Swift.abs($0) }.max() ?? 0
        return [MetricRecord(series: name, step: next - 1, values: ["max_abs_grad": maxGrad])]
    }

    /// ∂softmax(v)_i/∂v_j, one autograd backward per output.
    public static func softmaxJacobian(_ v: [Double]) throws -> [[Double]] {
        try v.indices.map { i in
            let input = Tensor(v.map { Float($0) }, requiresGrad: true)
            try input.softmax(dim: 0)[i].backward()
            return (input.grad?.toArray() ?? []).map { Double($0) }
        }
    }

    public var report: StudyReport {
        var summary: [(String, JSONValue)] = []
        if let softmaxGrad = series.first(where: { $0.panel == "softmax" && $0.label == "d/dx" }) {
            summary.append(("softmax_sum_grad_max_abs", .number(softmaxGrad.y.map { Swift.abs($0) }.max() ?? 0)))
        }
        let jacobian = (try? Self.softmaxJacobian(configuration.softmaxInput)) ?? []
        summary.append(("softmax_jacobian", .array(jacobian.map { JSONValue($0) })))
        return StudyReport(study: Self.name, params: params, series: series, summary: .object(summary))
    }
}
