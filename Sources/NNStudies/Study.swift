import NNRuns

/// An experiment that advances in steps and can say at any moment what it has found so far.
///
/// A study is created, stepped and read on one background queue; its tensors never leave it.
public protocol Study {
    /// The subcommand name, e.g. `sweep`.
    static var name: String { get }
    /// The parameters the study runs with, as `--json` prints them.
    var params: JSONValue { get }
    /// Advances one step and returns the metrics it produced; nil once the study is finished.
    mutating func step() throws -> [MetricRecord]?
    /// What the study has found so far.
    var report: StudyReport { get }
}

/// The metrics one step produced for one series, as the run folder records them.
public struct MetricRecord: Hashable, Sendable {
    public var series: String
    public var step: Int
    public var values: [String: Double]

    public init(series: String, step: Int, values: [String: Double]) {
        self.series = series
        self.step = step
        self.values = values
    }
}
