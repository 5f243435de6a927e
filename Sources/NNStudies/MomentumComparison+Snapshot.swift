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
        self.init(runs: runs, iterations: try reader.int("iterations"), x0: try reader.number("x0"), betas: betas,
                  points: points, seed: UInt64(seed))
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

        public init(configuration: Configuration, losses: [[Double]], positions: [[Double]], averages: [Series]) {
            self.configuration = configuration
            self.losses = losses
            self.positions = positions
            self.averages = averages
            analysis = SweepAnalysis(learningRates: configuration.runs.map(\.lr), losses: losses)
            crossings = positions.map { x in zip(x, x.dropFirst()).filter { $0 * $1 < 0 }.count }
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
                ]
            }
            let best: JSONValue = analysis.best.map { .string(runs[$0].label) } ?? .null
            return StudyReport(study: Self.study, params: configuration.params,
                               series: lossSeries + positionSeries + averages,
                               summary: ["fastest": best, "runs": .array(verdicts)])
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
