import NNRuns

/// An experiment that advances in steps and can say at any moment what it has found so far.
///
/// A study is created, stepped and read on one background queue; its tensors never leave it.
public protocol Study {
    /// The subcommand name, e.g. `sweep`.
    static var name: String { get }
    /// The parameters the study runs with, as `--json` prints them and `run.json` records them.
    var params: JSONValue { get }
    /// Advances one step and returns the metrics it produced; nil once the study is finished.
    mutating func step() throws -> [MetricRecord]?
    /// What the study has found so far, as one typed value.
    var snapshot: any StudySnapshot { get }
}

extension Study {
    /// The `--json` document of the snapshot.
    public var report: StudyReport { snapshot.report }
}

/// The metrics one step produced for one series, as the run folder records them.
public struct MetricRecord: Hashable, Sendable {
    public var series: String
    /// The parameters of the series (its learning rate, ...), recorded with its first line so
    /// that replay rebuilds the series without re-deriving them.
    public var params: JSONValue?
    public var step: Int
    public var values: [String: Double]

    public init(series: String, params: JSONValue? = nil, step: Int, values: [String: Double]) {
        self.series = series
        self.params = params
        self.step = step
        self.values = values
    }
}
