import NNRuns

/// What a study has found at one moment, as typed values: its series with the parameters that
/// produced them, and its findings (diverged at step N, converged, fastest, overflow at layer N).
///
/// The dashboard, `--plain`, `--json`, the recorder and replay are all projections of this one
/// value: findings are computed once, when the snapshot is made, and never again from text.
public protocol StudySnapshot: Sendable {
    /// The subcommand name of the study, e.g. `sweep`.
    static var study: String { get }
    /// The `--json` document: `{"study", "params", "series": [{"label", "params", "x", "y"}], "summary"}`.
    var report: StudyReport { get }
    /// Rebuilds the snapshot from a recorded run: its parameters and every series' recorded
    /// metrics (whose panel is the metric's name), never by re-deriving them.
    /// - Throws: `RecordedRunError` when the run's parameters are not the study's.
    init(recorded: StudyReport) throws(RecordedRunError)
}

/// Why a run folder cannot be shown as its study's snapshot.
public struct RecordedRunError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// A recorded run of a study nndash has no snapshot of: its metrics as recorded, shown as a
/// chart per metric.
public struct ReportSnapshot: StudySnapshot {
    public static let study = ""
    public var report: StudyReport

    public init(report: StudyReport) { self.report = report }

    public init(recorded: StudyReport) { report = recorded }
}
