/// A piece of work `nndash bench` times: its setup runs outside the timing, its body inside.
///
/// A workload builds its data once in `init`; `reset()` readies one timed run (fresh
/// parameters from a fixed seed), so every repetition does the same work.
public protocol Workload {
    /// The name on the command line, e.g. `sweep-quadratic`.
    static var name: String { get }
    /// The workload as `nndash bench` runs it, its data built.
    init() throws
    /// Readies one timed run (not timed).
    mutating func reset() throws
    /// The timed work; returns a figure of its outcome (a final loss) that checks the work was done.
    mutating func run() throws -> Double
}

/// The engine's workloads, in the order `nndash bench` runs them: the sweep and the regression
/// run their studies; the training workloads step as `nndash train` does (`Training.update`),
/// lenet-epoch on its LeNet and mlp-train-200 on a perceptron of its own; the deep forward pass
/// initializes and activates its 100 layers by the init study's tanh-Xavier scheme.
public var engineWorkloads: [any Workload.Type] {
    [QuadraticSweepWorkload.self, TemperatureRegressionWorkload.self, MLPTrainingWorkload.self, DeepForwardWorkload.self,
     LeNetTrainingWorkload.self]
}

/// The charts' workloads (a dashboard's own frame, which needs the app's screens, is nndash's).
public var chartWorkloads: [any Workload.Type] { [RenderFrameWorkload.self] }

/// The log readers' workloads.
public var logWorkloads: [any Workload.Type] { [ReadEventFilesWorkload.self, ReadJSONLinesWorkload.self] }
