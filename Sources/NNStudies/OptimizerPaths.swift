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
    private var paths: [Series]
    private var losses: [Series]
    private var iteration = 0

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        paths = configuration.optimizers.map { Series(label: $0, panel: "path") }
        losses = configuration.optimizers.map { Series(label: $0, panel: "loss") }
    }

    public var params: JSONValue {
        let m = configuration.function.minimum, s = configuration.function.start
        return [
            "function": .string(configuration.function.rawValue), "formula": .string(configuration.function.formula),
            "minimum": ["value": .number(m.value), "x": .number(m.x), "y": .number(m.y)],
            "start": ["x": .number(s.x), "y": .number(s.y)],
            "lr": .number(configuration.learningRate), "iterations": .int(configuration.iterations),
            "optimizers": .array(configuration.optimizers.map { .string($0) }),
        ]
    }

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
            paths[i].append(x: px, y: py)
            losses[i].append(x: Double(iteration), y: loss)
            if px.isFinite && py.isFinite { try optimizers[i].step() }
            records.append(MetricRecord(series: paths[i].label, step: iteration, values: ["x": px, "y": py, "loss": loss]))
        }
        iteration += 1
        return records
    }

    public var report: StudyReport {
        let m = configuration.function.minimum
        let runs = zip(paths, losses).map { path, loss -> JSONValue in
            let x = path.x.last ?? .nan, y = path.y.last ?? .nan
            let distance = ((x - m.x) * (x - m.x) + (y - m.y) * (y - m.y)).squareRoot()
            return [
                "optimizer": .string(path.label), "final_x": .number(x), "final_y": .number(y),
                "final_loss": .number(loss.y.last ?? .nan), "distance_to_minimum": .number(distance),
            ]
        }
        let closest = runs.indices.min { a, b in
            let da = runs[a]["distance_to_minimum"]?.doubleValue ?? .nan
            let db = runs[b]["distance_to_minimum"]?.doubleValue ?? .nan
            return da.isNaN ? false : (db.isNaN ? true : da < db)
        }
        return StudyReport(study: Self.name, params: params, series: paths + losses,
                           summary: ["closest": closest.map { .string(paths[$0].label) } ?? .null, "runs": .array(runs)])
    }
}
