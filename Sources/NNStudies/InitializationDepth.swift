import Foundation
import NNEngine
import NNRuns

/// The seed's deep MLP (100 bias-free linear layers, 256 wide, batch 16): the standard deviation
/// of each layer's output under five initializations, one layer a step.
///
/// With N(0, 1) weights each layer multiplies the std by about √256 = 16 until float32
/// overflows; 1/√n keeps it near 1; tanh with 1/√n weights shrinks it; Xavier (Glorot and
/// Bengio, AISTATS 2010) with tanh's gain and Kaiming (He et al., ICCV 2015) with ReLU keep it steady.
public struct InitializationDepth: Study {
    public static let name = "init"

    /// One way to initialize and activate every layer.
    public enum Scheme: String, CaseIterable, Sendable {
        case normal = "normal(0,1)"
        case scaled = "normal/sqrt(n)"
        case tanh = "tanh normal/sqrt(n)"
        case tanhXavier = "tanh xavier"
        case reluKaiming = "relu kaiming"

        func initialize(_ weight: Tensor, width: Int, generator: Generator) throws {
            switch self {
            case .normal: Init.normal(weight, mean: 0, std: 1, generator: generator)
            case .scaled, .tanh: Init.normal(weight, mean: 0, std: Float(1 / Double(width).squareRoot()), generator: generator)
            case .tanhXavier: try Init.xavierUniform(weight, gain: Init.calculateGain(nonlinearity: "tanh"), generator: generator)
            case .reluKaiming: try Init.kaimingNormal(weight, nonlinearity: "relu", generator: generator)
            }
        }

        func activate(_ x: Tensor) -> Tensor {
            switch self {
            case .normal, .scaled: x
            case .tanh, .tanhXavier: x.tanh()
            case .reluKaiming: x.relu()
            }
        }
    }

    public struct Configuration: Hashable, Sendable {
        public var layers: Int
        public var width: Int
        public var batch: Int
        public var seed: UInt64

        public init(layers: Int = 100, width: Int = 256, batch: Int = 16, seed: UInt64 = 0) {
            self.layers = layers
            self.width = width
            self.batch = batch
            self.seed = seed
        }
    }

    /// A std below this counts as vanished.
    public static let vanishingStd = 1e-6

    public let configuration: Configuration
    private var states: [(x: Tensor, generator: Generator, done: Bool)] = []
    private var stds: [[Double]]
    private var gains: [Gain] = []
    private var layer = 0

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        stds = Scheme.allCases.map { _ in [] }
    }

    public var params: JSONValue { configuration.params }

    public mutating func step() throws -> [MetricRecord]? {
        guard layer < configuration.layers else { return nil }
        if states.isEmpty {
            gains = try Self.gains(seed: configuration.seed)
            states = Scheme.allCases.indices.map { i in
                let generator = Generator(seed: configuration.seed &+ UInt64(i))
                return (Tensor.randn([configuration.batch, configuration.width], generator: generator), generator, false)
            }
        }
        var records: [MetricRecord] = []
        for (i, scheme) in Scheme.allCases.enumerated() where !states[i].done {
            let weight = Tensor.zeros([configuration.width, configuration.width])
            try scheme.initialize(weight, width: configuration.width, generator: states[i].generator)
            let x = scheme.activate(linear(states[i].x, weight: weight))
            let std = Double(x.std().item())
            states[i].x = x
            stds[i].append(std)
            if !std.isFinite || std < Self.vanishingStd { states[i].done = true }
            records.append(MetricRecord(series: scheme.rawValue, params: ["scheme": .string(scheme.rawValue)],
                                        step: layer + 1, values: ["std": std]))
        }
        layer += 1
        return records
    }

    /// One activation's `calculate_gain` and how much it shrinks a standard normal.
    public struct Gain: Hashable, Sendable {
        public var nonlinearity: String
        public var gain: Double
        /// std(act(x)) / std(x) for x ~ N(0, 1).
        public var stdRatio: Double
    }

    /// calculate_gain for the activations, and the std of act(x) / std of x for x ~ N(0, 1).
    public static func gains(seed: UInt64) throws -> [Gain] {
        let x = Tensor.randn([100_000], generator: Generator(seed: seed))
        let inStd = Double(x.std().item())
        let cases: [(String, Double?, (Tensor) -> Tensor)] = [
            ("linear", nil, { $0 }), ("sigmoid", nil, { $0.sigmoid() }), ("tanh", nil, { $0.tanh() }),
            ("relu", nil, { $0.relu() }), ("leaky_relu", 0.01, { $0.leakyRelu(negativeSlope: 0.01) }),
            ("selu", nil, { $0.selu() }),
        ]
        return try cases.map { name, param, f in
            Gain(nonlinearity: name, gain: try Init.calculateGain(nonlinearity: name, param: param),
                 stdRatio: Double(f(x).std().item()) / inStd)
        }
    }

    public var snapshot: any StudySnapshot { Snapshot(configuration: configuration, stds: stds, gains: gains) }
}
