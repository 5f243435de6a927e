import NNEngine
import NNRuns

/// Every optimizer of the engine started from the same point of a 2-D function: each one's path
/// (panel `path`, x against y) and its loss above the minimum (panel `loss`).
public struct OptimizerPaths: Study {
    public static let name = "optimizers"

    /// One optimizer compared: one of the engine's that takes a plain step (SparseAdam takes
    /// sparse gradients only, LBFGS a closure per step), or `Momentum`, SGD with momentum 0.9.
    public enum Choice: Hashable, Sendable {
        case plain(OptimizerName)
        case momentum

        /// Every optimizer compared, in the study's order.
        public static let all: [Choice] = [.plain(.SGD), .momentum] + ([
            .Adam, .AdamW, .Adamax, .NAdam, .RAdam, .Adagrad, .RMSprop, .Adadelta, .ASGD, .Rprop,
        ] as [OptimizerName]).map(Choice.plain)

        /// The choice called `name`: PyTorch's class name, or `Momentum`.
        public init?(name: String) {
            guard let choice = Self.all.first(where: { $0.name == name }) else { return nil }
            self = choice
        }

        /// PyTorch's class name, or `Momentum`: its label, and how `params` record it.
        public var name: String {
            switch self {
            case .plain(let optimizer): optimizer.rawValue
            case .momentum: "Momentum"
            }
        }
    }

    public struct Configuration: Hashable, Sendable {
        public var function: SurfaceFunction
        /// nil takes the function's `defaultLearningRate`.
        public var lr: Double?
        public var iterations: Int
        public var optimizers: [Choice]

        public init(function: SurfaceFunction = .rosenbrock, lr: Double? = nil, iterations: Int = 500,
                    optimizers: [Choice] = Choice.all) {
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

    /// The engine's optimizer for `choice` over `params` at `lr`.
    static func make(_ choice: Choice, params: [Tensor], lr: Double) throws -> Optimizer {
        switch choice {
        case .momentum: try SGD(params, learningRate: lr, momentum: 0.9)
        case .plain(let name): try Optimizer.named(name, paramGroups: [ParamGroup(params: params, options: ["lr": .number(lr)])])
        }
    }

    /// Advances every optimizer one step; the first step creates them.
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
            let name = trajectories[i].optimizer.name
            records.append(MetricRecord(series: name, params: ["optimizer": .string(name)],
                                        step: iteration, values: ["x": px, "y": py, "loss": loss]))
        }
        iteration += 1
        return records
    }

    public var snapshot: any StudySnapshot { Snapshot(configuration: configuration, trajectories: trajectories) }
}
