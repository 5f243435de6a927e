import NNRuns

extension GradientDescent.Configuration {
    /// The parameters as `--json` prints them and `run.json` records them.
    public var params: JSONValue {
        ["lr": .number(lr), "x0": .number(x0), "iterations": .int(iterations), "function": "(2x)^2"]
    }

    /// The configuration `params` describes.
    public init(params: JSONValue) throws(RecordedRunError) {
        let reader = RecordedParams(params)
        self.init(lr: try reader.number("lr"), x0: try reader.number("x0"), iterations: try reader.int("iterations"))
    }
}

extension GradientDescent {
    /// What f″ = 8 says about a learning rate: the error is multiplied by 1 − 8·lr a step.
    public enum Behaviour: Hashable, Sendable {
        case landsInOneStep, convergesMonotonically, convergesOscillating, diverges

        public init(errorFactor: Double) {
            if errorFactor == 0 { self = .landsInOneStep }
            else if Swift.abs(errorFactor) >= 1 { self = .diverges }
            else { self = errorFactor > 0 ? .convergesMonotonically : .convergesOscillating }
        }

        public var text: String {
            switch self {
            case .landsInOneStep: "lands on the minimum in one step"
            case .convergesMonotonically: "converges monotonically"
            case .convergesOscillating: "converges, oscillating around 0"
            case .diverges: "diverges: |1 − 8·lr| ≥ 1"
            }
        }
    }

    /// Gradient descent at one moment: x, the gradient and the loss at each iteration (before
    /// its update), and what they say.
    public struct Snapshot: StudySnapshot {
        public static let study = GradientDescent.name
        public var configuration: Configuration
        public var x: [Double]
        public var grad: [Double]
        public var loss: [Double]
        /// 1 − 8·lr: the factor the error is multiplied by each step.
        public var errorFactor: Double { 1 - 8 * configuration.lr }
        public var behaviour: Behaviour { Behaviour(errorFactor: errorFactor) }
        /// The loss curve's verdict, by the same definition as the sweep's.
        public var verdict: SweepAnalysis.Run

        public init(configuration: Configuration, x: [Double], grad: [Double], loss: [Double]) {
            self.configuration = configuration
            self.x = x
            self.grad = grad
            self.loss = loss
            verdict = SweepAnalysis.analyze(learningRate: configuration.lr, losses: loss)
        }

        /// The points (x, f(x)) the descent visited, in order.
        public var path: (x: [Double], y: [Double]) { (x, loss) }

        public var report: StudyReport {
            let steps = loss.indices.map(Double.init)
            var summary: [(String, JSONValue)] = [
                ("error_factor_per_step", .number(errorFactor)),
                ("converges", .bool(Swift.abs(errorFactor) < 1)),
                ("one_step", .bool(errorFactor == 0)),
                ("verdict", .string(verdict.verdict.name)),
                ("diverged_at", verdict.divergedAt.map { .int($0) } ?? .null),
            ]
            if let last = x.last { summary.append(("final_x", .number(last))) }
            if let last = loss.last { summary.append(("final_loss", .number(last))) }
            return StudyReport(study: Self.study, params: configuration.params, series: [
                Series(label: "loss", panel: "loss", x: steps, y: loss),
                Series(label: "x", panel: "x", x: steps, y: x),
                Series(label: "grad", panel: "x", x: steps, y: grad),
                Series(label: "path", panel: "curve", x: x, y: loss),
            ], summary: .object(summary))
        }

        public init(recorded: StudyReport) throws(RecordedRunError) {
            let configuration = try Configuration(params: recorded.params)
            func metric(_ name: String) -> [Double] {
                recorded.series.first { $0.panel == name }?.consecutiveSteps ?? []
            }
            let loss = metric("loss"), x = metric("x"), grad = metric("grad")
            let n = min(loss.count, x.count, grad.count)
            self.init(configuration: configuration, x: Array(x.prefix(n)), grad: Array(grad.prefix(n)),
                      loss: Array(loss.prefix(n)))
        }
    }
}
