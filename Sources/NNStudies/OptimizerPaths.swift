import NNEngine
import NNRuns

/// Every optimizer of the engine started from the same point of a 2-D function: each one's path
/// (panel `path`, x against y) and its loss above the minimum (panel `loss`).
public struct OptimizerPaths: Study {
    public static let name = "optimizers"

    /// The optimizers compared: PyTorch's names, plus `Momentum` for SGD with momentum 0.9.
    /// SparseAdam (sparse gradients only) and LBFGS (a closure per step) do not fit a plain step.
    public static let optimizerNames = [
        "SGD", "Momentum", "Adam", "AdamW", "Adamax", "NAdam", "RAdam", "Adagrad", "RMSprop", "Adadelta", "ASGD", "Rprop",
    ]

    public struct Configuration: Hashable, Sendable {
        public var function: SurfaceFunction
        /// nil takes the function's `defaultLearningRate`.
        public var lr: Double?
        public var iterations: Int
        public var optimizers: [String]

        public init(function: SurfaceFunction = .rosenbrock, lr: Double? = nil, iterations: Int = 500,
                    optimizers: [String] = OptimizerPaths.optimizerNames) {
            self.function = function
            self.lr = lr
            self.iterations = iterations
            self.optimizers = optimizers
        }

        public var learningRate: Double { lr ?? function.defaultLearningRate }
    }

    public let configuration: Configuration
    private var points: [(x: Tensor, y: Tensor)] = []
    private var optimizers: [Optimizer] = []
    private var trajectories: [Trajectory]
    private var iteration = 0

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        trajectories = configuration.optimizers.map { Trajectory(optimizer: $0) }
    }

    public var params: JSONValue { configuration.params }

    /// The engine's optimizer for one of `optimizerNames` over `params` at `lr`.
    static func make(_ name: String, params: [Tensor], lr: Double) throws -> Optimizer {
        if name == "Momentum" {
            return try SGD(params, learningRate: lr, momentum: 0.9)
        }
        return try Optimizer.named(name, paramGroups: [ParamGroup(params: params, options: ["lr": .number(lr)])])
    }

    /// Advances every optimizer one step; the first step creates them (and throws for an unknown name).
    public mutating func step() throws -> [MetricRecord]? {
        guard iteration < configuration.iterations else { return nil }
        let function = configuration.function
        if optimizers.isEmpty {
            for name in configuration.optimizers {
                let x = Tensor(Float(function.start.x), requiresGrad: true)
                let y = Tensor(Float(function.start.y), requiresGrad: true)
                points.append((x, y))
                optimizers.append(try Self.make(name, params: [x, y], lr: configuration.learningRate))
            }
        }
        var records: [MetricRecord] = []
        for (i, point) in points.enumerated() {
            let px = Double(point.x.item()), py = Double(point.y.item())
            optimizers[i].zeroGrad()
            let f = function(point.x, point.y)
            try f.backward()
            let loss = Double(f.item()) - function.minimum.value
            trajectories[i].append(x: px, y: py, loss: loss)
            if px.isFinite && py.isFinite { try optimizers[i].step() }
            records.append(MetricRecord(series: trajectories[i].optimizer, params: ["optimizer": .string(trajectories[i].optimizer)],
                                        step: iteration, values: ["x": px, "y": py, "loss": loss]))
        }
        iteration += 1
        return records
    }

    public var snapshot: any StudySnapshot { Snapshot(configuration: configuration, trajectories: trajectories) }
}
