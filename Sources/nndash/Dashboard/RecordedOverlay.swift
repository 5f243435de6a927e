import NNRuns
import NNStudies

/// Recorded runs of one study played back together: at each moment, every run after the
/// recorded steps up to the same step.
struct RecordedOverlay: ReplaySource {
    /// Each run's name (its folder's) and the run.
    let runs: [(name: String, study: RecordedStudy)]
    let screen: any StudyScreen
    /// Every step any run recorded, in order.
    let steps: [Double]

    /// - Throws: `RecordedRunError` naming both studies when the runs are not of one study.
    init(_ runs: [(name: String, study: RecordedStudy)]) throws(RecordedRunError) {
        guard let first = runs.first else { throw RecordedRunError("no run to show") }
        for run in runs.dropFirst() where run.study.screen.study != first.study.screen.study {
            throw RecordedRunError("runs of different studies cannot be overlaid: \(first.name) is \(first.study.screen.study), "
                + "\(run.name) is \(run.study.screen.study)")
        }
        self.runs = runs
        screen = OverlayScreen(base: first.study.screen)
        steps = Array(Set(runs.flatMap(\.study.steps))).sorted()
    }

    func state(steps count: Int) -> any StudySnapshot {
        let last = count >= steps.count ? Double.infinity : count > 0 ? steps[count - 1] : -Double.infinity
        return RunOverlay(runs: runs.map { run in
            (run.name, run.study.state(steps: run.study.steps.prefix { $0 <= last }.count))
        })
    }
}
