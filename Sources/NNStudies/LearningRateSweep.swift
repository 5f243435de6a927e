import NNEngine
import NNRuns

/// Plain gradient descent at several learning rates side by side: the seed's multi-learning-rate
/// experiment on f(x) = (2x)², or on another `SweepFunction`. Each step advances every run by one
/// iteration; each curve is the loss above the function's minimum.
public struct LearningRateSweep: Study {
    public static let name = "sweep"

    /// The sweep's parameters; the defaults are the seed's.
    public struct Configuration: Hashable, Sendable {
        public var lrMin = 0.01
        public var lrMax = 0.2
        public var num = 10
        public var iterations = 100
        public var x0 = 2.0
        public var function = SweepFunction.quadratic
        /// How the learning rates are spaced between `lrMin` and `lrMax`.
        public var scale = Spacing.linear

        public init(lrMin: Double = 0.01, lrMax: Double = 0.2, num: Int = 10, iterations: Int = 100, x0: Double = 2.0,
                    function: SweepFunction = .quadratic, scale: Spacing = .linear) {
            self.lrMin = lrMin
            self.lrMax = lrMax
            self.num = num
            self.iterations = iterations
            self.x0 = x0
            self.function = function
            self.scale = scale
        }
    }

    /// Evenly spaced values (`linspace`) or evenly spaced logarithms (`logspace`, geometric).
    public enum Spacing: String, CaseIterable, Sendable {
        case linear, log
    }

    public let configuration: Configuration
    public let learningRates: [Double]
    private var xs: [Tensor]
    private var series: [Series]
    private var iteration = 0

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        learningRates = switch configuration.scale {
        case .linear: linspace(configuration.lrMin, configuration.lrMax, count: configuration.num)
        case .log: logspace(configuration.lrMin, configuration.lrMax, count: configuration.num)
        }
        xs = learningRates.map { _ in Tensor(Float(configuration.x0), requiresGrad: true) }
        series = learningRates.map { lr in
            Series(label: Self.label(lr), params: ["lr": .number(lr)])
        }
    }

    /// The legend's name for a learning rate, e.g. `lr=0.0100`.
    public static func label(_ lr: Double) -> String {
        "lr=" + formatFixed(lr, digits: 4)
    }

    public var params: JSONValue {
        var members: [(String, JSONValue)] = [
            ("lr_min", .number(configuration.lrMin)), ("lr_max", .number(configuration.lrMax)),
            ("num", .int(configuration.num)), ("iterations", .int(configuration.iterations)),
            ("x0", .number(configuration.x0)), ("function", .string(configuration.function.formula)),
        ]
        if configuration.function != .quadratic {
            members.append(("minimum", .number(configuration.function.minimum)))
            members.append(("argmin", .number(configuration.function.argmin)))
        }
        if configuration.scale != .linear { members.append(("scale", .string(configuration.scale.rawValue))) }
        return .object(members)
    }

    public mutating func step() throws -> [MetricRecord]? {
        guard iteration < configuration.iterations else { return nil }
        var records: [MetricRecord] = []
        records.reserveCapacity(xs.count)
        for (i, x) in xs.enumerated() {
            let y = configuration.function(x)
            try y.backward()
            let loss = Double(y.item()) - configuration.function.minimum
            let value = x.item()
            let grad = x.grad ?? Tensor(0)
            series[i].append(x: Double(iteration), y: loss)
            noGrad { x -= Float(learningRates[i]) * grad }
            x.zeroGrad()
            records.append(MetricRecord(
                series: series[i].label, step: iteration,
                values: ["loss": loss, "x": Double(value), "grad": Double(grad.item())]))
        }
        iteration += 1
        return records
    }

    public var analysis: SweepAnalysis {
        SweepAnalysis(learningRates: learningRates, losses: series.map(\.y))
    }

    public var report: StudyReport {
        StudyReport(study: Self.name, params: params, series: series, summary: analysis.summary)
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
                ("loss_factor_per_step", .number(run.lossFactor)),
                ("steps_to_tolerance", run.stepsToTolerance.map { .int($0) } ?? .null),
                ("diverged_at", run.divergedAt.map { .int($0) } ?? .null),
                ("diverged", .bool(run.diverged)),
                ("final_loss", .number(run.finalLoss)),
            ])
        })))
        return .object(members)
    }
}
