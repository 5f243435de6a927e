import NNRuns

extension OptimizerPaths.Configuration {
    /// The parameters as `--json` prints them and `run.json` records them.
    public var params: JSONValue {
        let m = function.minimum, s = function.start
        return [
            "function": .string(function.rawValue), "formula": .string(function.formula),
            "minimum": ["value": .number(m.value), "x": .number(m.x), "y": .number(m.y)],
            "start": ["x": .number(s.x), "y": .number(s.y)],
            "lr": .number(learningRate), "iterations": .int(iterations),
            "optimizers": .array(optimizers.map { .string($0.name) }),
        ]
    }

    /// The configuration `params` describes.
    public init(params: JSONValue) throws(RecordedRunError) {
        let reader = RecordedParams(params)
        let name = try reader.string("function")
        guard let function = SurfaceFunction(rawValue: name) else {
            throw RecordedRunError("unknown surface function \(name.displaySafe)")
        }
        guard let names = params["optimizers"]?.arrayValue?.compactMap(\.stringValue) else {
            throw RecordedRunError("the run's parameter optimizers is not a list of names")
        }
        var optimizers: [OptimizerPaths.Choice] = []
        for name in names {
            guard let choice = OptimizerPaths.Choice(name: name) else {
                throw RecordedRunError("the run's parameter optimizers names \(name.displaySafe), not one of "
                    + OptimizerPaths.Choice.all.map(\.name).joined(separator: ", "))
            }
            optimizers.append(choice)
        }
        self.init(function: function, lr: try reader.number("lr"), iterations: try reader.int("iterations"), optimizers: optimizers)
    }
}

extension OptimizerPaths {
    /// One optimizer's walk: where it was and its loss above the minimum at each iteration.
    public struct Trajectory: Hashable, Sendable {
        public var optimizer: OptimizerPaths.Choice
        public var x: [Double] = []
        public var y: [Double] = []
        public var loss: [Double] = []

        public init(optimizer: OptimizerPaths.Choice, x: [Double] = [], y: [Double] = [], loss: [Double] = []) {
            self.optimizer = optimizer
            self.x = x
            self.y = y
            self.loss = loss
        }

        mutating func append(x: Double, y: Double, loss: Double) {
            self.x.append(x)
            self.y.append(y)
            self.loss.append(loss)
        }
    }

    /// What became of one optimizer.
    public struct Outcome: Hashable, Sendable {
        /// The loss curve's verdict, by the sweep's definition (diverged at N, converged, ...).
        public var verdict: SweepAnalysis.Run
        /// How far the last point is from the minimum; nil when the optimizer diverged.
        public var distance: Double?
        /// The loss above the minimum at the last point; nil when the optimizer diverged.
        public var finalLoss: Double?
    }

    /// The optimizers at one moment: their walks and what they say.
    public struct Snapshot: StudySnapshot {
        public static let study = OptimizerPaths.name
        public var configuration: Configuration
        public var trajectories: [Trajectory]
        public var outcomes: [Outcome]
        /// The optimizers nearest the minimum: one, or several within `tieTolerance` of each other.
        public var closest: [Int]

        /// Distances to the minimum closer than this (times the larger of 1 and the minimum's
        /// norm) are ties: float32 cannot tell them apart.
        public static let tieTolerance = 1e-6

        public init(configuration: Configuration, trajectories: [Trajectory]) {
            self.configuration = configuration
            self.trajectories = trajectories
            let m = configuration.function.minimum
            let outcomes = trajectories.map { t in
                let verdict = SweepAnalysis.analyze(learningRate: configuration.learningRate, losses: t.loss)
                guard verdict.divergedAt == nil, let x = t.x.last, let y = t.y.last, x.isFinite, y.isFinite else {
                    return Outcome(verdict: verdict, distance: nil, finalLoss: nil)
                }
                let distance = ((x - m.x) * (x - m.x) + (y - m.y) * (y - m.y)).squareRoot()
                return Outcome(verdict: verdict, distance: distance, finalLoss: t.loss.last)
            }
            self.outcomes = outcomes
            let tolerance = Self.tieTolerance * Swift.max(1, (m.x * m.x + m.y * m.y).squareRoot())
            if let best = outcomes.compactMap(\.distance).min() {
                closest = outcomes.indices.filter { outcomes[$0].distance.map { $0 <= best + tolerance } ?? false }
            } else {
                closest = []
            }
        }

        public var report: StudyReport {
            let paths = trajectories.map { t in
                Series(label: t.optimizer.name, panel: "path", x: t.x, y: t.y)
            }
            let losses = trajectories.map { t in
                Series(label: t.optimizer.name, panel: "loss", x: t.loss.indices.map(Double.init), y: t.loss)
            }
            let runs = zip(trajectories, outcomes).map { t, o -> JSONValue in
                [
                    "optimizer": .string(t.optimizer.name), "final_x": .number(t.x.last ?? .nan),
                    "final_y": .number(t.y.last ?? .nan),
                    "final_loss": o.finalLoss.map { .number($0) } ?? .null,
                    "distance_to_minimum": o.distance.map { .number($0) } ?? .null,
                    "verdict": .string(o.verdict.verdict.name),
                    "diverged_at": o.verdict.divergedAt.map { .int($0) } ?? .null,
                ]
            }
            let closestNames = closest.map { JSONValue.string(trajectories[$0].optimizer.name) }
            return StudyReport(study: Self.study, params: configuration.params, series: paths + losses, summary: [
                "closest": closest.count == 1 ? closestNames[0] : (closest.isEmpty ? .null : .array(closestNames)),
                "tie_tolerance": .number(Self.tieTolerance), "runs": .array(runs),
            ])
        }

        public init(recorded: StudyReport) throws(RecordedRunError) {
            let configuration = try Configuration(params: recorded.params)
            let trajectories = configuration.optimizers.map { choice -> Trajectory in
                func metric(_ key: String) -> [Double] {
                    recorded.series.first { $0.label == choice.name && $0.panel == key }?.consecutiveSteps ?? []
                }
                let x = metric("x"), y = metric("y"), loss = metric("loss")
                let n = Swift.min(x.count, y.count, loss.count)
                return Trajectory(optimizer: choice, x: Array(x.prefix(n)), y: Array(y.prefix(n)), loss: Array(loss.prefix(n)))
            }
            self.init(configuration: configuration, trajectories: trajectories)
        }
    }
}
