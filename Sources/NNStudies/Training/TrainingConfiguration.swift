import NNEngine
import NNRuns

/// The parameters of a training run; the defaults follow the seed's LeNet run (SGD, lr
/// 0.0125, momentum 0.9, StepLR).
public struct TrainingConfiguration: Hashable, Sendable {
    public var model: ModelKind = .mlp
    public var data: DataSource = .spiral
    /// PyTorch's optimizer class name (`Optimizer.names`).
    public var optimizer = "SGD"
    public var learningRate = 0.0125
    /// Used by the optimizers that take one (SGD, RMSprop).
    public var momentum = 0.9
    public var scheduler: SchedulerKind = .StepLR
    public var stepSize = 7
    public var gamma = 0.1
    public var epochs = 10
    public var batchSize = 32
    public var seed: UInt64 = 0
    /// The share of examples held out for validation.
    public var validationFraction = 0.2
    /// The MLP's hidden width.
    public var hidden = 64

    public init() {}

    /// The optimizers a run can use: every one but SparseAdam, which PyTorch refuses for the dense
    /// gradients these models have.
    public static let optimizers = Optimizer.names.filter { $0 != "SparseAdam" }

    /// The optimizers that take a `momentum` option.
    static let momentumOptimizers: Set<String> = ["SGD", "RMSprop"]

    public var params: JSONValue {
        [
            "model": .string(model.rawValue), "data": .string(data.description), "optimizer": .string(optimizer),
            "lr": .number(learningRate),
            "momentum": Self.momentumOptimizers.contains(optimizer) ? .number(momentum) : .null,
            "scheduler": .string(scheduler.rawValue), "step_size": .int(stepSize), "gamma": .number(gamma),
            "epochs": .int(epochs), "batch_size": .int(batchSize), "seed": .int(Int(truncatingIfNeeded: seed)),
            "validation_fraction": .number(validationFraction), "hidden": .int(hidden),
        ]
    }
}
