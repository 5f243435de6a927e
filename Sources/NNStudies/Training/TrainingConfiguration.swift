import NNEngine
import NNRuns

/// The parameters of a training run.
///
/// The defaults are the usual first classifier of a course: LeNet on 28x28 digits (generated
/// here; `--data mnist` for the real ones), SGD with lr 0.01 and momentum 0.9 in batches of 64,
/// for 5 epochs, with StepLR cutting the rate tenfold after 4 (the curves show the cut before the
/// run ends). Lesson 001's values are `Recipe.lesson001.configuration`.
public struct TrainingConfiguration: Hashable, Sendable {
    public var model: ModelKind = .lenet
    public var data: DataSource = .digits
    /// The optimizer; `params` and checkpoints record it by PyTorch's class name.
    public var optimizer = OptimizerName.SGD
    public var learningRate = 0.01
    /// Used by the optimizers that take one (SGD, RMSprop).
    public var momentum = 0.9
    public var scheduler: SchedulerKind = .StepLR
    public var stepSize = 4
    public var gamma = 0.1
    public var epochs = 5
    public var batchSize = 64
    public var seed: UInt64 = 0
    /// The share of examples held out for validation (when the data has no split of its own).
    public var validationFraction = 0.2
    /// The MLP's hidden width.
    public var hidden = 64
    /// The training transforms of image files; nil for the source's default.
    public var transform: ImagePipeline?
    /// The validation transforms; nil for `transform` without its random transforms.
    public var validTransform: ImagePipeline?

    /// The model a run on `data` gets when none is asked for: LeNet for images, the MLP for points.
    public static func defaultModel(for data: DataSource) -> ModelKind { data.isImage ? .lenet : .mlp }

    /// Named settings of a whole run, which the options given beside it change.
    public enum Recipe: String, CaseIterable, Sendable {
        /// Lesson 001: LeNet on a two-class image folder, its transforms, batch 16, SGD lr 0.0125
        /// momentum 0.9, StepLR(step_size=10, gamma=0.1), 10 epochs.
        case lesson001

        /// The recipe's settings over the defaults.
        public var configuration: TrainingConfiguration {
            var c = TrainingConfiguration()
            switch self {
            case .lesson001:
                (c.model, c.learningRate, c.momentum, c.stepSize, c.gamma) = (.lenet, 0.0125, 0.9, 10, 0.1)
                (c.epochs, c.batchSize, c.transform) = (10, 16, .lesson001)
            }
            return c
        }
    }

    public init() {}

    /// The optimizers a run can use: every one but SparseAdam, which PyTorch refuses for the dense
    /// gradients these models have.
    public static let optimizers = OptimizerName.allCases.filter { $0 != .SparseAdam }

    /// The values each integer setting may take (the command line's options and a checkpoint's
    /// parameters are held to the same ranges).
    public static let stepSizeRange = 1...1_000_000
    public static let epochsRange = 1...100_000
    public static let batchSizeRange = 1...100_000
    public static let seedRange = 0...Int(Int32.max)
    public static let hiddenRange = 1...100_000

    public var params: JSONValue {
        [
            "model": .string(model.rawValue), "data": .string(data.description), "optimizer": .string(optimizer.rawValue),
            "lr": .number(learningRate),
            "momentum": optimizer.takesMomentum ? .number(momentum) : .null,
            "scheduler": .string(scheduler.rawValue), "step_size": .int(stepSize), "gamma": .number(gamma),
            "epochs": .int(epochs), "batch_size": .int(batchSize), "seed": .int(Int(truncatingIfNeeded: seed)),
            "validation_fraction": .number(validationFraction), "hidden": .int(hidden),
            "transform": transform.map { .string($0.description) } ?? .null,
            "valid_transform": validTransform.map { .string($0.description) } ?? .null,
        ]
    }

    /// The run's dataset, and lines about what loading left out; downloaded datasets come from `store`.
    public func loadData(store: DatasetStore = .standard()) throws -> (dataset: Dataset, notes: [String]) {
        try data.load(seed: seed, transform: transform, validTransform: validTransform, store: store)
    }

    /// The configuration whose `params` are `params` (as a checkpoint records them).
    ///
    /// - Throws: `TrainingError.invalidCheckpoint` naming the first missing or out-of-range value.
    public init(params: JSONValue) throws(TrainingError) {
        func bad(_ key: String) -> TrainingError {
            let value = params[key]?.jsonText ?? "nothing"
            return .invalidCheckpoint("its parameter \(key) is \(value.count > 40 ? String(value.prefix(40)) + "…" : value)")
        }
        func text(_ key: String) throws(TrainingError) -> String {
            guard let value = params[key]?.stringValue else { throw bad(key) }
            return value
        }
        func number(_ key: String, _ accept: (Double) -> Bool) throws(TrainingError) -> Double {
            guard let value = params[key]?.doubleValue, value.isFinite, accept(value) else { throw bad(key) }
            return value
        }
        func integer(_ key: String, _ range: ClosedRange<Int>) throws(TrainingError) -> Int {
            guard let value = params[key]?.intValue, range.contains(value) else { throw bad(key) }
            return value
        }
        guard let model = ModelKind(rawValue: try text("model")) else { throw bad("model") }
        guard let data = DataSource(argument: try text("data")) else { throw bad("data") }
        guard let optimizer = OptimizerName(rawValue: try text("optimizer")), Self.optimizers.contains(optimizer) else {
            throw bad("optimizer")
        }
        guard let scheduler = SchedulerKind(rawValue: try text("scheduler")) else { throw bad("scheduler") }
        self.model = model
        self.data = data
        self.optimizer = optimizer
        self.scheduler = scheduler
        learningRate = try number("lr") { $0 >= 0 }
        if optimizer.takesMomentum { momentum = try number("momentum") { $0 >= 0 } }
        stepSize = try integer("step_size", Self.stepSizeRange)
        gamma = try number("gamma") { $0 > 0 }
        epochs = try integer("epochs", Self.epochsRange)
        batchSize = try integer("batch_size", Self.batchSizeRange)
        seed = UInt64(try integer("seed", Self.seedRange))
        validationFraction = try number("validation_fraction") { $0 > 0 && $0 < 1 }
        hidden = try integer("hidden", Self.hiddenRange)
        func pipeline(_ key: String) throws(TrainingError) -> ImagePipeline? {
            // Checkpoints from before transforms existed have no such key.
            guard let value = params[key], value != .null else { return nil }
            guard let text = value.stringValue, let parsed = try? ImagePipeline(parsing: text) else { throw bad(key) }
            return parsed
        }
        transform = try pipeline("transform")
        validTransform = try pipeline("valid_transform")
    }
}
