import NNEngine
import NNRuns
import NNText

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

        /// The learning rates: `linspace` or `logspace` from `lrMin` to `lrMax`.
        public var learningRates: [Double] {
            switch scale {
            case .linear: linspace(lrMin, lrMax, count: num)
            case .log: logspace(lrMin, lrMax, count: num)
            }
        }
    }

    /// Evenly spaced values (`linspace`) or evenly spaced logarithms (`logspace`, geometric).
    public enum Spacing: String, CaseIterable, Sendable {
        case linear, log
    }

    public let configuration: Configuration
    public let learningRates: [Double]
    /// The legend's name of each learning rate, e.g. `lr=0.01`.
    public let labels: [String]
    private var xs: [Tensor]
    private var losses: [[Double]]
    /// Each run's x and gradient at its last iteration, before that iteration's update.
    private var lastSteps: [(x: Double, grad: Double)]
    private var iteration = 0

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        learningRates = configuration.learningRates
        labels = Self.labels(learningRates)
        xs = learningRates.map { _ in Tensor(Float(configuration.x0), requiresGrad: true) }
        losses = learningRates.map { _ in [] }
        lastSteps = learningRates.map { _ in (0, 0) }
    }

    /// The legend's names of `learningRates`: `lr=` and as many significant digits as it takes
    /// to tell them apart, at least three (a rate given twice gets ` #2`, ` #3`, ... after the first).
    public static func labels(_ learningRates: [Double]) -> [String] {
        var seen: [String: Int] = [:]
        return NumberFormat.distinct(learningRates).map { text in
            let label = "lr=" + text
            seen[label, default: 0] += 1
            return seen[label]! == 1 ? label : "\(label) #\(seen[label]!)"
        }
    }

    public var params: JSONValue { configuration.params }

    /// One iteration of every run without making its records: the study's maths, as `step()`
    /// records it and `nndash bench` times it. False once every iteration is done.
    public mutating func advance() throws -> Bool {
        guard iteration < configuration.iterations else { return false }
        // By index, not `enumerated()`, which iterates over a copy of `xs` and retains each x.
        for i in xs.indices {
            let step = try configuration.function.descend(xs[i], lr: Float(learningRates[i]))
            losses[i].append(step.loss - configuration.function.minimum)
            lastSteps[i] = (step.x, step.grad)
        }
        iteration += 1
        return true
    }

    /// Each run's loss at its last iteration so far (NaN before the first).
    public var lastLosses: [Double] { losses.map { $0.last ?? .nan } }

    public mutating func step() throws -> [MetricRecord]? {
        guard try advance() else { return nil }
        return learningRates.indices.map { i in
            MetricRecord(series: labels[i], params: ["lr": .number(learningRates[i])], step: iteration - 1,
                         values: ["loss": losses[i].last!, "x": lastSteps[i].x, "grad": lastSteps[i].grad])
        }
    }

    public var snapshot: any StudySnapshot { sweepSnapshot }

    /// The typed snapshot of the sweep so far.
    public var sweepSnapshot: Snapshot {
        Snapshot(configuration: configuration, learningRates: learningRates, losses: losses)
    }
}
