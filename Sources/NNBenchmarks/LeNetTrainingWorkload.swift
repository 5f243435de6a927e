import NNEngine
import NNStudies

/// `lenet-epoch`: one pass of `nndash train`'s LeNet (for 28x28 images of one channel and 10
/// classes) over 1024 images in batches of 64, cross entropy, SGD lr 0.01 momentum 0.9.
///
/// The images are uniform values and the labels uniform classes drawn once from PyTorch's
/// generator with seed 0; the model is initialized as PyTorch's layers from seed 1 before every run.
public struct LeNetTrainingWorkload: Workload {
    public static let name = "lenet-epoch"
    public static let images = 1024, batchSize = 64, classes = 10, side = 28
    private let inputs: [Tensor]
    private let labels: [IntTensor]
    private let shape: Dataset
    private var model = Sequential()
    private var optimizer: SGD?

    public init() throws {
        let generator = Generator(seed: 0)
        let size = Self.side * Self.side
        let x = Tensor.rand([Self.images, 1, Self.side, Self.side], generator: generator).toArray()
        let y = Tensor.randint(0, Self.classes, [Self.images], generator: generator).toArray().map { Int($0) }
        let batches = Self.images / Self.batchSize
        inputs = (0..<batches).map { i in
            Tensor(Array(x[(i * Self.batchSize * size)..<((i + 1) * Self.batchSize * size)]), shape: [Self.batchSize, 1, Self.side, Self.side])
        }
        labels = try (0..<batches).map { i in try IntTensor(Array(y[(i * Self.batchSize)..<((i + 1) * Self.batchSize)])) }
        // Only the shape and the classes of the data size the model.
        shape = Dataset(name: "lenet-epoch", features: [Float](repeating: 0, count: size), featureShape: [1, Self.side, Self.side],
                        labels: [0], classNames: (0..<Self.classes).map(String.init))
    }

    /// A freshly initialized model and optimizer.
    public mutating func reset() throws {
        model = try ModelKind.lenet.make(for: shape, generator: Generator(seed: 1))
        optimizer = try SGD(model.parameters, learningRate: 0.01, momentum: 0.9)
    }

    /// Trains one epoch, each step as `nndash train` makes it (`Training.update`); returns the last batch's loss.
    public mutating func run() throws -> Double {
        if optimizer == nil { try reset() }
        guard let optimizer else { return .nan }
        var loss = Float.nan
        for batch in inputs.indices {
            loss = try Training.update(model, optimizer, inputs: inputs[batch], targets: labels[batch]).loss
        }
        return Double(loss)
    }
}
