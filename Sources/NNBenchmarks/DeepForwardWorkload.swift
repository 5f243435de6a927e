import NNEngine
import NNStudies

/// `deep-forward-100`: a forward pass without gradients through 100 layers of
/// `Linear(256, 256, bias: false)` then tanh, Xavier-uniform initialized with tanh's gain
/// (Glorot and Bengio, 2010), on a batch of 16 standard normal inputs: the init study's
/// `tanh xavier` network, its layers built as PyTorch's script builds them (each `nn.Linear`
/// initialized, then re-initialized by the scheme).
public struct DeepForwardWorkload: Workload {
    public static let name = "deep-forward-100"
    public static let width = 256, batchSize = 16
    /// The init study's scheme the layers are initialized and activated by.
    public static let scheme = InitializationDepth.Scheme.tanhXavier
    public let depth: Int
    private let layers: [Linear]
    private let input: Tensor

    public init() throws { try self.init(depth: 100) }

    public init(depth: Int) throws {
        self.depth = depth
        let generator = Generator(seed: 0)
        layers = try (0..<depth).map { _ in
            let layer = Linear(inFeatures: Self.width, outFeatures: Self.width, bias: false, generator: generator)
            try Self.scheme.initialize(layer.weight, width: Self.width, generator: generator)
            return layer
        }
        input = Tensor.randn([Self.batchSize, Self.width], generator: generator)
    }

    public func reset() {}

    /// One forward pass; returns the standard deviation of the last layer's activations.
    public func run() -> Double {
        noGrad { Double(layers.reduce(input) { x, layer in Self.scheme.activate(layer(x)) }.std().item()) }
    }
}
