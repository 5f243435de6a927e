import NNEngine
import NNStudies

/// `deep-forward-100`: a forward pass without gradients through 100 layers of
/// `Linear(256, 256, bias: false)` then tanh, Xavier-uniform initialized with tanh's gain
/// (Glorot and Bengio, 2010), on a batch of 16 standard normal inputs.
public struct DeepForwardWorkload: Workload {
    public static let name = "deep-forward-100"
    public static let width = 256, batchSize = 16
    public let depth: Int
    private let model: Sequential
    private let input: Tensor

    public init() throws { try self.init(depth: 100) }

    public init(depth: Int) throws {
        self.depth = depth
        let generator = Generator(seed: 0)
        let gain = try Init.calculateGain(nonlinearity: "tanh")
        var layers: [any Module] = []
        for _ in 0..<depth {
            let layer = Linear(inFeatures: Self.width, outFeatures: Self.width, bias: false, generator: generator)
            try Init.xavierUniform(layer.weight, gain: gain, generator: generator)
            layers += [layer, Activation.tanh()]
        }
        model = Sequential(layers)
        input = Tensor.randn([Self.batchSize, Self.width], generator: generator)
    }

    public func reset() {}

    /// One forward pass; returns the standard deviation of the last layer's activations.
    public func run() -> Double {
        noGrad { Double(model(input).std().item()) }
    }
}
