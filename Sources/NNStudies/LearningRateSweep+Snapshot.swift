import NNRuns

extension LearningRateSweep.Configuration {
    /// The parameters as `--json` prints them and `run.json` records them.
    public var params: JSONValue {
        var members: [(String, JSONValue)] = [
            ("lr_min", .number(lrMin)), ("lr_max", .number(lrMax)),
            ("num", .int(num)), ("iterations", .int(iterations)),
            ("x0", .number(x0)), ("function", .string(function.formula)),
        ]
        if function != .quadratic {
            members.append(("minimum", .number(function.minimum)))
            members.append(("argmin", .number(function.argmin)))
        }
        if scale != .linear { members.append(("scale", .string(scale.rawValue))) }
        return .object(members)
    }

    /// The configuration `params` describes.
    /// - Throws: `RecordedRunError` naming the first member that is missing or wrong.
    public init(params: JSONValue) throws(RecordedRunError) {
        let reader = RecordedParams(params)
        let formula = try reader.string("function")
        guard let function = SweepFunction.allCases.first(where: { $0.formula == formula || $0.rawValue == formula })
        else { throw RecordedRunError("unknown sweep function \(formula.displaySafe)") }
        let scaleName = params["scale"]?.stringValue ?? "linear"
        guard let scale = LearningRateSweep.Spacing(rawValue: scaleName) else {
            throw RecordedRunError("unknown learning-rate spacing \(scaleName.displaySafe)")
        }
        self.init(lrMin: try reader.number("lr_min"), lrMax: try reader.number("lr_max"), num: try reader.int("num"),
                  iterations: try reader.int("iterations"), x0: try reader.number("x0"), function: function, scale: scale)
    }
}

extension LearningRateSweep {
    /// The sweep at one moment: each learning rate's losses, and what they say.
    public struct Snapshot: StudySnapshot {
        public static let study = LearningRateSweep.name
        public var configuration: Configuration
        public var learningRates: [Double]
        /// The legend's name of each learning rate.
        public var labels: [String]
        /// Each learning rate's loss above the minimum, at iterations 0, 1, 2, ...
        public var losses: [[Double]]
        /// The verdicts and the fastest rate, computed once here.
        public var analysis: SweepAnalysis

        public init(configuration: Configuration, learningRates: [Double], losses: [[Double]]) {
            self.configuration = configuration
            self.learningRates = learningRates
            self.losses = losses
            labels = LearningRateSweep.labels(learningRates)
            analysis = SweepAnalysis(learningRates: learningRates, losses: losses)
        }

        public var report: StudyReport {
            let series = learningRates.indices.map { i in
                Series(label: labels[i], params: ["lr": .number(learningRates[i])],
                       x: losses[i].indices.map(Double.init), y: losses[i])
            }
            return StudyReport(study: Self.study, params: configuration.params, series: series, summary: analysis.summary)
        }

        /// Rebuilds the sweep from its recorded `loss` metrics, each rate read from its series' parameters.
        public init(recorded: StudyReport) throws(RecordedRunError) {
            let configuration = try Configuration(params: recorded.params)
            var rates: [Double] = [], losses: [[Double]] = []
            for series in recorded.series where series.panel == "loss" {
                guard let lr = series.params["lr"]?.doubleValue else {
                    throw RecordedRunError("the series \(series.label.displaySafe) has no recorded learning rate")
                }
                rates.append(lr)
                losses.append(series.consecutiveSteps)
            }
            self.init(configuration: configuration, learningRates: rates, losses: losses)
        }
    }
}

extension SweepAnalysis {
    /// The findings as `--json` prints them.
    public var summary: JSONValue {
        var members: [(String, JSONValue)] = []
        if let best {
            members.append(("best_lr", .number(runs[best].learningRate)))
            members.append(("best_steps_to_tolerance", runs[best].stepsToTolerance.map { .int($0) } ?? .null))
        } else {
            members.append(("best_lr", .null))
        }
        members.append(("tolerance", .number(Self.tolerance)))
        members.append(("runs", .array(runs.map { run in
            .object([
                ("lr", .number(run.learningRate)),
                ("verdict", .string(run.verdict.name)),
                ("loss_factor_per_step", run.lossFactor.map { .number($0) } ?? .null),
                ("steps_to_tolerance", run.stepsToTolerance.map { .int($0) } ?? .null),
                ("diverged_at", run.divergedAt.map { .int($0) } ?? .null),
                ("diverged", .bool(run.diverged)),
                ("final_loss", .number(run.finalLoss)),
            ])
        })))
        return .object(members)
    }
}
