import Foundation
import NNEngine
import NNRuns
import Synchronization

/// The seed's deep MLP (100 bias-free linear layers, 256 wide, batch 16): the standard deviation
/// of each layer's output under six initializations, one layer a step, and after the last layer
/// the std of each layer's weight gradient.
///
/// With N(0, 1) weights each layer multiplies the std by about √256 = 16 until float32
/// overflows; 1/√n keeps it near 1; tanh with 1/√n weights shrinks it; Xavier (Glorot and
/// Bengio, AISTATS 2010) with tanh's gain and Kaiming (He et al., ICCV 2015) with ReLU keep it
/// steady; Xavier with ReLU grows it, the failure Kaiming's initialization answers.
public struct InitializationDepth: Study {
    public static let name = "init"

    /// One way to initialize and activate every layer.
    public enum Scheme: String, CaseIterable, Sendable {
        case normal = "normal(0,1)"
        case scaled = "normal/sqrt(n)"
        case tanh = "tanh normal/sqrt(n)"
        case tanhXavier = "tanh xavier"
        case reluKaiming = "relu kaiming"
        /// xavier_uniform with tanh's gain under ReLU, as lesson 002 runs it.
        case reluXavier = "relu xavier"

        /// Which way the variance argument says the std moves from layer to layer.
        public enum Drift: Sendable { case holds, shrinks, grows }

        /// Var(out) = n·Var(w)·E[f(z)²]/Var(z): N(0, 1) multiplies it by n; tanh's slope below 1
        /// away from 0 takes some at every layer that 1/√n weights do not give back; ReLU keeps
        /// half of E[z²], which Kaiming's √2 restores and Xavier's 5/3 overshoots by (5/3)²/2.
        public var drift: Drift {
            switch self {
            case .normal, .reluXavier: .grows
            case .tanh: .shrinks
            case .scaled, .tanhXavier, .reluKaiming: .holds
            }
        }

        /// Initializes a layer's `weight` (width x width) as this scheme does.
        public func initialize(_ weight: Tensor, width: Int, generator: Generator) throws {
            switch self {
            case .normal: Init.normal(weight, mean: 0, std: 1, generator: generator)
            case .scaled, .tanh: Init.normal(weight, mean: 0, std: Float(1 / Double(width).squareRoot()), generator: generator)
            case .tanhXavier: try Init.xavierUniform(weight, gain: Init.calculateGain(nonlinearity: "tanh"), generator: generator)
            case .reluKaiming: try Init.kaimingNormal(weight, nonlinearity: "relu", generator: generator)
            case .reluXavier: try Init.xavierUniform(weight, gain: Init.calculateGain(nonlinearity: "tanh"), generator: generator)
            }
        }

        /// The activation after each layer.
        public func activate(_ x: Tensor) -> Tensor {
            switch self {
            case .normal, .scaled: x
            case .tanh, .tanhXavier: x.tanh()
            case .reluKaiming, .reluXavier: x.relu()
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
    /// Each scheme's weights so far, recording gradients for the backward pass after the last layer.
    private var weights: [[Tensor]]
    private var stds: [[Double]]
    private var gradientStds: [[Double]]
    private var gains: [Gain] = []
    private var layer = 0

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        stds = Scheme.allCases.map { _ in [] }
        gradientStds = stds
        weights = Scheme.allCases.map { _ in [] }
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
            weight.requiresGrad = true
            weights[i].append(weight)
            let x = scheme.activate(linear(states[i].x, weight: weight))
            let std = Double(x.std().item())
            states[i].x = x
            stds[i].append(std)
            if !std.isFinite || std < Self.vanishingStd { states[i].done = true }
            records.append(MetricRecord(series: scheme.rawValue, params: ["scheme": .string(scheme.rawValue)],
                                        step: layer + 1, values: ["std": std]))
        }
        layer += 1
        if layer == configuration.layers || states.allSatisfy(\.done) {
            records += try backward()
            layer = configuration.layers
        }
        return records
    }

    /// The loss the gradients are of: the mean of the last layer's output.
    public static let gradientLoss = "mean of the output"

    /// Backpropagates each scheme's mean output through its layers and records the std of
    /// each layer's weight gradient (∂L/∂W_l = δ_lᵀ·h_{l−1}: it scales with the layer's input).
    private mutating func backward() throws -> [MetricRecord] {
        var records: [MetricRecord] = []
        for (i, scheme) in Scheme.allCases.enumerated() {
            try states[i].x.mean().backward()
            gradientStds[i] = weights[i].map { w in w.grad.map { Double($0.std().item()) } ?? .nan }
            weights[i] = []
            for (l, value) in gradientStds[i].enumerated() {
                records.append(MetricRecord(series: scheme.rawValue, params: ["scheme": .string(scheme.rawValue)],
                                            step: l + 1, values: ["grad_std": value]))
            }
        }
        return records
    }

    /// One activation's `calculate_gain` and how much it shrinks a standard normal.
    public struct Gain: Hashable, Sendable {
        public var nonlinearity: String
        public var gain: Double
        /// std(act(x)) / std(x) for x ~ N(0, 1).
        public var stdRatio: Double
        /// The root mean square of x over that of act(x): the factor weights must make up for
        /// the second moment to hold, which `calculate_gain` answers (exactly √2 for ReLU).
        public var rmsRatio: Double

        /// std(x) / std(act(x)): what lesson 002 prints (1.598 for tanh against the gain's 5/3).
        public var inverseStdRatio: Double { 1 / stdRatio }
    }

    /// The last seed's gains: a replay of a recorded run works them out from its seed again each
    /// time it reads the run, which is often the same run.
    private static let lastGains = Mutex<(seed: UInt64, gains: [Gain])?>(nil)

    /// calculate_gain for the activations, and the std of act(x) / std of x for x ~ N(0, 1).
    public static func gains(seed: UInt64) throws -> [Gain] {
        if let last = lastGains.withLock({ $0 }), last.seed == seed { return last.gains }
        let gains = try measuredGains(seed: seed)
        lastGains.withLock { $0 = (seed, gains) }
        return gains
    }

    private static func measuredGains(seed: UInt64) throws -> [Gain] {
        let x = Tensor.randn([100_000], generator: Generator(seed: seed))
        let inStd = Double(x.std().item())
        let cases: [(String, Double?, (Tensor) -> Tensor)] = [
            ("linear", nil, { $0 }), ("sigmoid", nil, { $0.sigmoid() }), ("tanh", nil, { $0.tanh() }),
            ("relu", nil, { $0.relu() }), ("leaky_relu", 0.01, { $0.leakyReLU(negativeSlope: 0.01) }),
            ("selu", nil, { $0.selu() }),
        ]
        return try cases.map { name, param, f in
            let y = f(x)
            let rms = { (t: Tensor) in Double((t * t).mean().item()).squareRoot() }
            return Gain(nonlinearity: name, gain: try Init.calculateGain(nonlinearity: name, param: param),
                        stdRatio: Double(y.std().item()) / inStd, rmsRatio: rms(x) / rms(y))
        }
    }

    public var snapshot: any StudySnapshot {
        Snapshot(configuration: configuration, stds: stds, gradientStds: gradientStds, gains: gains)
    }
}
