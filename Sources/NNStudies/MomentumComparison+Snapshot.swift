import NNRuns

extension MomentumComparison.Run {
    /// The run's parameters, as its series records them.
    public var params: JSONValue { ["lr": .number(lr), "momentum": .number(momentum), "nesterov": .bool(nesterov)] }

    init(params: JSONValue) throws(RecordedRunError) {
        let reader = RecordedParams(params)
        self.init(lr: try reader.number("lr"), momentum: try reader.number("momentum"), nesterov: try reader.bool("nesterov"))
    }
}

extension MomentumComparison.Configuration {
    /// The parameters as `--json` prints them and `run.json` records them.
    public var params: JSONValue {
        [
            "runs": .array(runs.map(\.params)), "iterations": .int(iterations), "x0": .number(x0),
            "weight_decay": .number(weightDecay), "dampening": .number(dampening),
            "function": "(2x)^2", "betas": JSONValue(betas), "points": .int(points), "seed": .int(Int(seed)),
        ]
    }

    /// The configuration `params` describes.
    public init(params: JSONValue) throws(RecordedRunError) {
        let reader = RecordedParams(params)
        guard let runValues = params["runs"]?.arrayValue else { throw RecordedRunError("the run's parameter runs is not a list") }
        var runs: [MomentumComparison.Run] = []
        for value in runValues { runs.append(try MomentumComparison.Run(params: value)) }
        guard let betas = params["betas"]?.doubleArray else { throw RecordedRunError("the run's parameter betas is not a list of numbers") }
        let seed = try reader.int("seed"), points = try reader.int("points")
        guard seed >= 0 else { throw RecordedRunError("the run's parameter seed is negative") }
        // The points size the noisy sequence drawn again to replay the averages.
        guard Self.pointsRange.contains(points) else {
            throw RecordedRunError("the run's parameter points is \(points), not in \(Self.pointsRange.lowerBound)...\(Self.pointsRange.upperBound)")
        }
        // Runs recorded before these options existed ran without them.
        let weightDecay = params["weight_decay"] == nil ? 0 : try reader.number("weight_decay")
        let dampening = params["dampening"] == nil ? 0 : try reader.number("dampening")
        self.init(runs: runs, iterations: try reader.int("iterations"), x0: try reader.number("x0"),
                  weightDecay: weightDecay, dampening: dampening, betas: betas, points: points, seed: UInt64(seed))
    }
}

extension MomentumComparison {
    /// The momentum study at one moment: each run's loss and x, the weighted averages, and what they say.
    public struct Snapshot: StudySnapshot {
        public static let study = MomentumComparison.name
        public var configuration: Configuration
        /// Each run's loss and x at iterations 0, 1, 2, ...
        public var losses: [[Double]]
        public var positions: [[Double]]
        /// The noisy sequence and its averages (panels `ewa` and `ewa_corrected`).
        public var averages: [Series]
        /// Each run's verdict and the fastest, by the sweep's definitions.
        public var analysis: SweepAnalysis
        /// How many times each run's x changed sign: how much it rang around the minimum.
        public var crossings: [Int]
        /// The step each run's loss first fell to `nearFraction` of its start (nil if it never did).
        public var stepsToNear: [Int?]
        /// The run first to `nearFraction` of its start (the smaller loss then breaking a tie).
        public var firstNear: Int?
        /// The factor each run's |x| shrinks by a step in the long run (`contraction`).
        public var contractions: [Double]
        /// Each β's weights (1 − β)β^t summed over the `points` values the average sees.
        public var weightSums: [Double]

        /// "Near the minimum": a hundredth of the starting loss, the lesson's picture's scale.
        public static let nearFraction = 0.01

        public init(configuration: Configuration, losses: [[Double]], positions: [[Double]], averages: [Series]) {
            self.configuration = configuration
            self.losses = losses
            self.positions = positions
            self.averages = averages
            analysis = SweepAnalysis(learningRates: configuration.runs.map(\.lr), losses: losses)
            crossings = positions.map { x in zip(x, x.dropFirst()).filter { $0 * $1 < 0 }.count }
            let near = losses.map { loss -> Int? in
                guard let start = loss.first, start.isFinite else { return nil }
                return loss.firstIndex { $0.isFinite && $0 <= start * Self.nearFraction }
            }
            stepsToNear = near
            firstNear = near.indices.filter { near[$0] != nil }.min { a, b in
                let sa = near[a]!, sb = near[b]!
                return sa != sb ? sa < sb : losses[a][sa] < losses[b][sb]
            }
            contractions = configuration.runs.map {
                MomentumComparison.contraction($0, weightDecay: configuration.weightDecay, dampening: configuration.dampening)
            }
            weightSums = configuration.betas.map {
                MomentumComparison.averageWeights(beta: $0, points: configuration.points).reduce(0, +)
            }
        }

        public var report: StudyReport {
            let runs = configuration.runs
            let lossSeries = runs.indices.map { i in
                Series(label: runs[i].label, params: runs[i].params, panel: "loss",
                       x: losses[i].indices.map(Double.init), y: losses[i])
            }
            let positionSeries = runs.indices.map { i in
                Series(label: runs[i].label, params: runs[i].params, panel: "x",
                       x: positions[i].indices.map(Double.init), y: positions[i])
            }
            let verdicts = zip(runs, analysis.runs).enumerated().map { i, pair -> JSONValue in
                let (run, verdict) = pair
                return [
                    "label": .string(run.label),
                    "verdict": .string(verdict.verdict.name),
                    "steps_to_tolerance": verdict.stepsToTolerance.map { .int($0) } ?? .null,
                    "diverged": .bool(verdict.diverged),
                    "diverged_at": verdict.divergedAt.map { .int($0) } ?? .null,
                    "final_loss": .number(verdict.finalLoss),
                    "zero_crossings": .int(crossings[i]),
                    "steps_to_near": stepsToNear[i].map { .int($0) } ?? .null,
                    "contraction": .number(contractions[i]),
                ]
            }
            let best: JSONValue = analysis.best.map { .string(runs[$0].label) } ?? .null
            let near: JSONValue = firstNear.map { .string(runs[$0].label) } ?? .null
            let sums = zip(configuration.betas, weightSums).map { beta, sum -> JSONValue in
                ["beta": .number(beta), "weight_sum": .number(sum)]
            }
            return StudyReport(study: Self.study, params: configuration.params,
                               series: lossSeries + positionSeries + averages,
                               summary: ["fastest": best, "first_near": near, "near_fraction": .number(Self.nearFraction),
                                         "runs": .array(verdicts), "average_weights": .array(sums)])
        }

        public init(recorded: StudyReport) throws(RecordedRunError) {
            let configuration = try Configuration(params: recorded.params)
            func metric(_ run: Run, _ key: String) -> [Double] {
                recorded.series.first { $0.label == run.label && $0.panel == key }?.consecutiveSteps ?? []
            }
            let losses = configuration.runs.map { metric($0, "loss") }
            let positions = configuration.runs.map { metric($0, "x") }
            self.init(configuration: configuration, losses: losses, positions: positions,
                      averages: MomentumComparison.averages(configuration))
        }
    }
}
