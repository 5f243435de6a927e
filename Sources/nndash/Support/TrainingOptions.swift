import ArgumentParser
import NNEngine
import NNStudies
import NNText

/// The model, data and optimizer options `train` and `lr-find` share.
///
/// Each option is optional: one not given takes its value from a base configuration (the
/// defaults, or the checkpoint a run resumes), so a resumed run can tell the options given
/// beside `--resume` from the defaults.
struct TrainingOptions: ParsableArguments {
    private static let defaults = TrainingConfiguration()

    @Option(help: "The classifier: mlp (flattens images) or lenet (images of 1 or 3 channels; default: lenet for images, mlp for points).")
    var model: ModelKind?

    @Option(help: ArgumentHelp("The examples: spiral, moons, blobs, shapes (generated images), idx:IMAGES,LABELS (MNIST IDX files), folder:PATH (an image folder as torchvision's ImageFolder: a subfolder of PNG or JPEG images per class, PATH/train and PATH/valid or val as the split when present), or mnist, fashion-mnist, cifar10 (downloaded once and cached; trained on the training split and validated on the test split, or NAME:train, NAME:test for one split with a held-out share; default: \(defaults.data)).",
                               valueName: "source"), transform: Self.dataSource)
    var data: DataSource?

    @Option(name: .customLong("data-root"), help: ArgumentHelp("The folder of downloaded datasets (default: $XDG_CACHE_HOME/nndash/datasets, or ~/.cache/nndash/datasets).",
                                                               valueName: "dir"), completion: .directory)
    var dataRoot: String?

    @Option(name: .customLong("data-mirror"), help: ArgumentHelp("A base URL holding copies of the datasets' files under their published names, tried instead of the datasets' own mirrors (default: $NNDASH_DATA_MIRROR when set).",
                                                                 valueName: "url"))
    var dataMirror: String?

    @Option(help: ArgumentHelp("The training transforms of image files, as torchvision writes them, e.g. 'Resize((32,32)),RandomCrop(32,padding=4),RandomHorizontalFlip(),ToTensor(),Normalize([0.5],[0.5])', or lesson001 (the lesson's pipeline); random ones are seeded by --seed (default: ToTensor(), with Resize((32,32)) first for a folder of mixed sizes).",
                               valueName: "pipeline"), transform: ImagePipeline.init(parsing:))
    var transform: ImagePipeline?

    @Option(name: .customLong("valid-transform"), help: ArgumentHelp("The validation transforms (default: --transform without its random transforms).",
                                                                    valueName: "pipeline"), transform: ImagePipeline.init(parsing:))
    var validTransform: ImagePipeline?

    @Option(help: "The optimizer, by PyTorch's class name (default: \(defaults.optimizer.rawValue)).")
    var optimizer: OptimizerOption<TrainingOptimizers>?

    @Option(help: "The momentum of SGD and RMSprop (default: \(defaults.momentum)).")
    var momentum: Double?

    @Option(name: .customLong("batch-size"), help: "Examples per iteration (default: \(defaults.batchSize)).")
    var batchSize: Int?

    @Option(help: "The seed of the data, the initial weights and the shuffling (default: \(defaults.seed)).")
    var seed: Int?

    @Option(help: "The hidden width of the MLP (default: \(defaults.hidden)).")
    var hidden: Int?

    /// `--data`'s source.
    /// - Throws: `ValidationError` listing the forms a source takes.
    static func dataSource(_ text: String) throws -> DataSource {
        guard let source = DataSource(argument: text) else {
            throw ValidationError("not spiral, moons, blobs, shapes, idx:IMAGES,LABELS, folder:PATH, mnist, fashion-mnist or cifar10 (with :train or :test)")
        }
        return source
    }

    func validate() throws {
        if let dataRoot, dataRoot.isEmpty { throw ValidationError("--data-root must not be empty") }
        if let dataMirror {
            let scheme = dataMirror.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() }
            guard scheme == "http" || scheme == "https", dataMirror.contains("://"), !dataMirror.contains(where: { $0.isWhitespace }) else {
                throw ValidationError("--data-mirror must be an http or https URL, got \(dataMirror)")
            }
        }
        try optimizer?.validate()
        if let momentum { try requireFinite(momentum, "--momentum", nonNegative: true) }
        if let batchSize { try requireRange(batchSize, "--batch-size", TrainingConfiguration.batchSizeRange) }
        if let seed { try requireRange(seed, "--seed", TrainingConfiguration.seedRange) }
        if let hidden { try requireRange(hidden, "--hidden", TrainingConfiguration.hiddenRange) }
    }

    /// The configuration these options describe over the defaults (the learning rate and schedule
    /// are the caller's); without --model, LeNet for images and the MLP for points.
    var configuration: TrainingConfiguration { withDefaultModel(applied(to: TrainingConfiguration())) }

    /// `c` with the default model for its data when --model was not given.
    func withDefaultModel(_ c: TrainingConfiguration) -> TrainingConfiguration {
        guard model == nil else { return c }
        var c = c
        c.model = TrainingConfiguration.defaultModel(for: c.data)
        return c
    }

    /// `base` with every option that was given applied.
    func applied(to base: TrainingConfiguration) -> TrainingConfiguration {
        var c = base
        if let model { c.model = model }
        if let data { c.data = data }
        if let optimizer { c.optimizer = optimizer.name }
        if let momentum { c.momentum = momentum }
        if let batchSize { c.batchSize = batchSize }
        if let seed { c.seed = UInt64(seed) }
        if let hidden { c.hidden = hidden }
        if let transform { c.transform = transform }
        if let validTransform { c.validTransform = validTransform }
        return c
    }

    /// The options given, each with its key in `TrainingConfiguration.params`.
    var given: [(option: String, key: String)] {
        [("--model", "model", model != nil), ("--data", "data", data != nil), ("--optimizer", "optimizer", optimizer != nil),
         ("--momentum", "momentum", momentum != nil), ("--batch-size", "batch_size", batchSize != nil),
         ("--seed", "seed", seed != nil), ("--hidden", "hidden", hidden != nil),
         ("--transform", "transform", transform != nil), ("--valid-transform", "valid_transform", validTransform != nil)]
            .filter(\.2).map { ($0.0, $0.1) }
    }

    /// Loads the data, so a problem is reported before anything is drawn; a run too large for the
    /// machine's memory is refused before its model is allocated.
    func checkedDataset(_ configuration: TrainingConfiguration) throws -> Dataset {
        if hidden != nil, configuration.model != .mlp {
            throw ValidationError("--hidden \(configuration.hidden) sizes the MLP; --model \(configuration.model.rawValue) has no hidden width (add --model mlp)")
        }
        let dataset: Dataset
        do {
            let notes: [String]
            (dataset, notes) = try configuration.loadData(store: DownloadReporter().store(root: dataRoot, mirror: dataMirror))
            for note in notes { Output.printError("nndash: --data \(configuration.data): \(note)") }
        } catch {
            throw ValidationError("--data \(configuration.data): \(error)")
        }
        try RunBudget.requireMemory(Training.estimatedBytes(configuration, dataset: dataset),
                                 for: "--hidden \(configuration.hidden) --batch-size \(configuration.batchSize) on \(dataset.name)")
        return dataset
    }

    /// `build()`, the model and data of `configuration` set up, with a failure reported as the
    /// options' error (a model that does not fit the data names --model).
    func checked<T>(_ configuration: TrainingConfiguration, _ build: () throws -> T) throws -> T {
        do {
            return try build()
        } catch let error as ModelKind.Mismatch {
            throw ValidationError("--model \(configuration.model.rawValue): \(error)")
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

/// A training run's optimizers: every one but SparseAdam.
enum TrainingOptimizers: OptimizerChoices {
    static var accepted: [OptimizerName] { TrainingConfiguration.optimizers }
    static func refusal(of name: OptimizerName) -> String? {
        name == .SparseAdam ? "\(SparseAdam.denseGradientRefusal) (every model here has dense gradients)" : nil
    }
}
