import NNEngine
import NNRuns

/// The seed's 2-2-2 sigmoid network (Mazur's worked example): forward values, every gradient by
/// autograd on the MSE loss, and the weights after each SGD step, one step a step.
public struct Backprop222: Study {
    public static let name = "backprop"

    public struct Configuration: Hashable, Sendable {
        public var input: [Float] = [0.05, 0.10]
        public var target: [Float] = [0.01, 0.99]
        /// w1…w4 (input → hidden, row-major as `linear1.weight`), w5…w8 (hidden → output).
        public var weights1: [Float] = [0.15, 0.20, 0.25, 0.30]
        public var weights2: [Float] = [0.40, 0.45, 0.50, 0.55]
        public var bias1: Float = 0.35
        public var bias2: Float = 0.60
        public var lr: Double
        public var steps: Int

        public init(lr: Double = 0.5, steps: Int = 1) {
            self.lr = lr
            self.steps = steps
        }
    }

    /// Everything one step computes, for the diagram.
    public struct StepValues: Hashable, Sendable {
        public var hidden: [Double]
        public var output: [Double]
        public var loss: Double
        public var grads: [String: [Double]]
        public var weightsBefore: [String: [Double]]
        public var weightsAfter: [String: [Double]]
    }

    public let configuration: Configuration
    private let linear1 = Linear(inFeatures: 2, outFeatures: 2)
    private let linear2 = Linear(inFeatures: 2, outFeatures: 2)
    private var losses: [Double] = []
    private var first: StepValues?
    private var latest: StepValues?
    private var stepCount = 0

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        linear1.weight.copy(from: configuration.weights1)
        linear1.bias?.copy(from: [configuration.bias1, configuration.bias1])
        linear2.weight.copy(from: configuration.weights2)
        linear2.bias?.copy(from: [configuration.bias2, configuration.bias2])
    }

    public var params: JSONValue { configuration.params }

    private var named: [(String, Tensor)] {
        [("linear1", linear1), ("linear2", linear2)].flatMap { prefix, layer in
            layer.namedParameters.map { ("\(prefix).\($0.0)", $0.1) }
        }
    }

    private static func values(_ t: Tensor) -> [Double] { t.toArray().map { Double($0) } }

    public mutating func step() throws -> [MetricRecord]? {
        guard stepCount < configuration.steps else { return nil }
        let input = Tensor(configuration.input, shape: [1, 2])
        let target = Tensor(configuration.target, shape: [1, 2])
        let hidden = linear1(input).sigmoid()
        let output = linear2(hidden).sigmoid()
        let loss = ((output - target) ** 2).mean()
        for (_, p) in named { p.zeroGrad() }
        try loss.backward()
        let before = Dictionary(uniqueKeysWithValues: named.map { ($0.0, Self.values($0.1)) })
        let grads = Dictionary(uniqueKeysWithValues: named.map { ($0.0, $0.1.grad.map(Self.values) ?? []) })
        let lr = Float(configuration.lr)
        noGrad {
            for (_, p) in named { if let g = p.grad { p -= lr * g } }
        }
        let after = Dictionary(uniqueKeysWithValues: named.map { ($0.0, Self.values($0.1)) })
        let values = StepValues(hidden: Self.values(hidden), output: Self.values(output), loss: Double(loss.item()),
                                grads: grads, weightsBefore: before, weightsAfter: after)
        if first == nil { first = values }
        latest = values
        losses.append(values.loss)
        stepCount += 1
        return [MetricRecord(series: "loss", step: stepCount - 1, values: ["loss": values.loss]),
                MetricRecord(series: "network", step: stepCount - 1, values: values.metrics)]
    }

    public var snapshot: any StudySnapshot {
        Snapshot(configuration: configuration, losses: losses, first: first, latest: latest)
    }
}
