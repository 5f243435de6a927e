import NNRuns
import NNStudies

/// Recorded runs of one study shown together (`nndash replay RUN_DIR RUN_DIR...`): each run's
/// snapshot, as its study rebuilt it, under the run's name.
struct RunOverlay: StudySnapshot {
    static let study = "overlay"
    /// The runs in the order given, each named by its folder.
    var runs: [(name: String, state: any StudySnapshot)]

    init(runs: [(name: String, state: any StudySnapshot)]) { self.runs = runs }

    /// The first run's report.
    var report: StudyReport { runs.first?.state.report ?? StudyReport(study: "", params: [:]) }

    init(recorded: StudyReport) throws(RecordedRunError) {
        throw RecordedRunError("runs overlaid are read from their own folders")
    }
}
