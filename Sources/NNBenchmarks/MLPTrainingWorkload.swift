import NNEngine
import NNStudies

/// `mlp-train-200`: a 784-256-10 perceptron with ReLU trained by cross entropy and SGD (lr 0.01,
/// momentum 0.9) for 200 steps of batch 64.
///
/// The data are 10 batches of standard normal inputs and uniform class labels drawn once from
/// PyTorch's generator with seed 0, used in turn; the model is initialized as PyTorch's
/// `nn.Linear` from seed 1 before every run.
public struct MLPTrainingWorkload: Workload {
    public static let name = "mlp-train-200"
    public let steps: Int
    public static let inFeatures = 784, hidden = 256, classes = 10, batchSize = 64, batches = 10
    private let inputs: [Tensor]
    private let labels: [IntTensor]
    private var model = Sequential()
    private var optimizer: SGD?

    public init() throws { try self.init(steps: 200) }

    public init(steps: Int) throws {
        self.steps = steps
        let generator = Generator(seed: 0)
        let n = Self.batchSize * Self.batches
        let x = Tensor.randn([n, Self.inFeatures], generator: generator).toArray()
        let y = Tensor.randint(0, Self.classes, [n], generator: generator).toArray().map { Int($0) }
        let size = Self.batchSize * Self.inFeatures
        inputs = (0..<Self.batches).map { i in
            Tensor(Array(x[(i * size)..<((i + 1) * size)]), shape: [Self.batchSize, Self.inFeatures])
        }
        labels = try (0..<Self.batches).map { i in
            try IntTensor(Array(y[(i * Self.batchSize)..<((i + 1) * Self.batchSize)]))
        }
    }

    /// A freshly initialized model and optimizer.
    public mutating func reset() throws {
        let generator = Generator(seed: 1)
        model = Sequential(
            Linear(inFeatures: Self.inFeatures, outFeatures: Self.hidden, generator: generator),
            Activation.relu(),
            Linear(inFeatures: Self.hidden, outFeatures: Self.classes, generator: generator))
        optimizer = try SGD(model.parameters, learningRate: 0.01, momentum: 0.9)
    }

    /// Trains, each step as `nndash train` makes it (`Training.update`); returns the last step's loss.
    public mutating func run() throws -> Double {
        if optimizer == nil { try reset() }
        guard let optimizer else { return .nan }
        var loss = Float.nan
        for step in 0..<steps {
            let batch = step % Self.batches
            loss = try Training.update(model, optimizer, inputs: inputs[batch], targets: labels[batch]).loss
        }
        return Double(loss)
    }
}
