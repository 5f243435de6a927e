import NNRuns

extension DeadUnits.Configuration {
    /// The parameters as `--json` prints them and `run.json` records them.
    public var params: JSONValue {
        ["lr": .number(lr), "hidden": .int(hidden), "steps": .int(steps), "bias_shift": .number(biasShift),
         "negative_slope": .number(negativeSlope), "seed": .int(Int(seed)), "points_per_class": .int(pointsPerClass),
         "data": "moons", "optimizer": "SGD, full batch", "loss": "cross_entropy"]
    }

    /// The configuration `params` describes.
    public init(params: JSONValue) throws(RecordedRunError) {
        let reader = RecordedParams(params)
        let hidden = try reader.int("hidden"), steps = try reader.int("steps"), points = try reader.int("points_per_class")
        let seed = try reader.int("seed")
        guard Self.hiddenRange.contains(hidden), Self.stepsRange.contains(steps), (1...100_000).contains(points),
              seed >= 0 else {
            throw RecordedRunError("the run's hidden, steps, points_per_class or seed is out of range")
        }
        self.init(lr: try reader.number("lr"), hidden: hidden, steps: steps, biasShift: try reader.number("bias_shift"),
                  negativeSlope: try reader.number("negative_slope"), seed: UInt64(seed), pointsPerClass: points)
    }
}

extension DeadUnits {
    /// One network's run: per step (before its update) the loss, the fraction of hidden units
    /// dead, the fraction that got no gradient, and how many units have come back from death.
    public struct Trace: Hashable, Sendable {
        public var label: String
        public var loss: [Double] = []
        public var dead: [Double] = []
        public var silent: [Double] = []
        public var revived: [Int] = []
        /// The step whose loss was no longer finite; the trace ends before it.
        public var divergedAt: Int?

        public init(label: String) { self.label = label }

        mutating func append(loss: Double, dead: Double, silent: Double, revived: Int) {
            self.loss.append(loss)
            self.dead.append(dead)
            self.silent.append(silent)
            self.revived.append(revived)
        }
    }

    /// Both networks at one moment, and what they show.
    public struct Snapshot: StudySnapshot {
        public static let study = DeadUnits.name
        public var configuration: Configuration
        /// ReLU's, then leaky ReLU's.
        public var traces: [Trace]

        public init(configuration: Configuration, traces: [Trace]) {
            self.configuration = configuration
            self.traces = traces
        }

        /// The units a fraction of the hidden layer stands for (a recorded fraction outside
        /// [0, 1] counts as its nearest end, one that is not a number as none).
        public func units(_ fraction: Double) -> Int {
            guard fraction.isFinite else { return 0 }
            return Int((Swift.min(1, Swift.max(0, fraction)) * Double(configuration.hidden)).rounded())
        }

        /// The first step at which `trace` had more dead units than at its start; nil if never.
        public func firstDeath(_ trace: Trace) -> Int? {
            guard let start = trace.dead.first else { return nil }
            return trace.dead.firstIndex { $0 > start }
        }

        public var report: StudyReport {
            var series: [Series] = []
            var summary: [(String, JSONValue)] = []
            for trace in traces {
                let steps = trace.loss.indices.map(Double.init)
                series.append(Series(label: trace.label, panel: "loss", x: steps, y: trace.loss))
                series.append(Series(label: trace.label, panel: "dead", x: steps, y: trace.dead))
                series.append(Series(label: trace.label, panel: "silent", x: steps, y: trace.silent))
                series.append(Series(label: trace.label, panel: "revived", x: steps, y: trace.revived.map(Double.init)))
                summary.append((trace.label, .object([
                    ("final_loss", trace.loss.last.map { .number($0) } ?? .null),
                    ("dead_units_at_start", trace.dead.first.map { .int(units($0)) } ?? .null),
                    ("dead_units_at_end", trace.dead.last.map { .int(units($0)) } ?? .null),
                    ("most_dead_units", trace.dead.max().map { .int(units($0)) } ?? .null),
                    ("silent_units_at_end", trace.silent.last.map { .int(units($0)) } ?? .null),
                    ("units_revived", .int(trace.revived.last ?? 0)),
                    ("first_death_at", firstDeath(trace).map { .int($0) } ?? .null),
                    ("diverged_at", trace.divergedAt.map { .int($0) } ?? .null),
                ])))
            }
            summary.append(("hidden_units", .int(configuration.hidden)))
            return StudyReport(study: Self.study, params: configuration.params, series: series, summary: .object(summary))
        }

        /// Rebuilds both traces from their recorded metrics (`loss`, `dead`, `silent`, `revived`).
        public init(recorded: StudyReport) throws(RecordedRunError) {
            let configuration = try Configuration(params: recorded.params)
            let traces = DeadUnits.labels(configuration).map { label -> Trace in
                func metric(_ name: String) -> [Double] {
                    recorded.series.first { $0.label == label && $0.panel == name }?.consecutiveSteps ?? []
                }
                let loss = metric("loss"), dead = metric("dead"), silent = metric("silent"), revived = metric("revived")
                var trace = Trace(label: label)
                for i in 0..<Swift.min(loss.count, dead.count, silent.count, revived.count) {
                    let count = revived[i]
                    trace.append(loss: loss[i], dead: dead[i], silent: silent[i],
                                 revived: count.isFinite && Swift.abs(count) < 1e9 ? Int(count) : 0)
                }
                return trace
            }
            self.init(configuration: configuration, traces: traces)
        }
    }
}
