import ArgumentParser
import NNEngine
import NNStudies

/// The model, data and optimizer options `train` and `lr-find` share.
struct TrainingOptions: ParsableArguments {
    @Option(help: "The classifier: mlp or lenet (images only).")
    var model = "mlp"

    @Option(help: ArgumentHelp("The examples: spiral, moons, blobs, shapes (generated images), or idx:IMAGES,LABELS (MNIST IDX files).",
                               valueName: "source"))
    var data = "spiral"

    @Option(help: "The optimizer, by PyTorch's class name: \(TrainingConfiguration.optimizers.joined(separator: ", ")).")
    var optimizer = "SGD"

    @Option(help: "The momentum of SGD and RMSprop.")
    var momentum = 0.9

    @Option(name: .customLong("batch-size"), help: "Examples per iteration.")
    var batchSize = 32

    @Option(help: "The seed of the data, the initial weights and the shuffling.")
    var seed = 0

    @Option(help: "The hidden width of the MLP.")
    var hidden = 64

    func validate() throws {
        guard ModelKind(rawValue: model) != nil else {
            throw ValidationError("--model must be mlp or lenet, got \(model)")
        }
        guard DataSource(argument: data) != nil else {
            throw ValidationError("--data must be spiral, moons, blobs, shapes or idx:IMAGES,LABELS, got \(data)")
        }
        guard optimizer != "SparseAdam" else {
            throw ValidationError("--optimizer SparseAdam: \(SparseAdam.denseGradientRefusal) (every model here has dense gradients)")
        }
        guard TrainingConfiguration.optimizers.contains(optimizer) else {
            throw ValidationError("--optimizer must be one of \(TrainingConfiguration.optimizers.joined(separator: ", ")), got \(optimizer)")
        }
        try requireFinite(momentum, "--momentum", nonNegative: true)
        try requireRange(batchSize, "--batch-size", 1...100_000)
        try requireRange(seed, "--seed", 0...Int(Int32.max))
        try requireRange(hidden, "--hidden", 1...100_000)
    }

    /// The configuration these options describe (the learning rate and schedule are the caller's).
    var configuration: TrainingConfiguration {
        var c = TrainingConfiguration()
        c.model = ModelKind(rawValue: model) ?? .mlp
        c.data = DataSource(argument: data) ?? .spiral
        c.optimizer = optimizer
        c.momentum = momentum
        c.batchSize = batchSize
        c.seed = UInt64(seed)
        c.hidden = hidden
        return c
    }

    /// Loads the data and builds the run once, so a problem is reported before anything is drawn.
    func checkedDataset(_ configuration: TrainingConfiguration) throws -> Dataset {
        let dataset: Dataset
        do {
            dataset = try configuration.data.load(seed: configuration.seed)
        } catch {
            throw ValidationError("--data \(data): \(error)")
        }
        do {
            _ = try Training(configuration, dataset: dataset)
        } catch let error as ModelKind.Mismatch {
            throw ValidationError("--model \(model): \(error)")
        } catch {
            throw ValidationError("\(error)")
        }
        return dataset
    }
}
