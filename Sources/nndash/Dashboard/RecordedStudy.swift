import NNRuns
import NNStudies

/// A recorded study made ready to show: its own screen, and its snapshot rebuilt from the run
/// folder after any number of its recorded steps (replay plays them back).
struct RecordedStudy: ReplaySource {
    let screen: any StudyScreen
    /// The run as read back, every string from the file made safe to draw.
    let recorded: StudyReport
    /// The recorded steps, in order.
    let steps: [Double]
    /// The snapshot of the whole run, rebuilt once when the run is opened: it picks the screen
    /// and is what replay shows (`--plain`, `--json`, and the dashboard opening on the whole run).
    let state: any StudySnapshot

    /// - Throws: `RecordedRunError` when the run's parameters are not its study's.
    init(_ folder: RunFolder) throws(RecordedRunError) {
        var report = folder.report
        report.study = report.study.displaySafe
        for i in report.series.indices {
            report.series[i].label = report.series[i].label.displaySafe
            report.series[i].panel = report.series[i].panel?.displaySafe
        }
        recorded = report
        steps = Array(Set(report.series.flatMap(\.x))).sorted()
        state = try RecordedSnapshot.rebuild(report)
        screen = Self.screen(for: report.study, state: state)
    }

    /// The study's own screen for `state`; a chart per metric for a study without one.
    static func screen(for study: String, state: any StudySnapshot) -> any StudyScreen {
        switch state {
        case let sweep as LearningRateSweep.Snapshot: return SweepScreen(function: sweep.configuration.function)
        case let gd as GradientDescent.Snapshot: return GradientDescentScreen(settings: LiveSettings(gd.configuration))
        case let paths as OptimizerPaths.Snapshot: return OptimizersScreen(settings: LiveSettings(paths.configuration))
        case is Backprop222.Snapshot: return BackpropScreen()
        case is LRFinder.Snapshot: return LRFindScreen()
        case is TemperatureRegression.Snapshot: return RegressionScreen()
        case is ActivationGallery.Snapshot: return ActivationsScreen()
        case is LossGallery.Snapshot: return LossesScreen()
        case is Training.Snapshot: return TrainScreen()
        case is LossConcepts.Snapshot: return ConceptsScreen()
        case let session as OptimizerSession.Snapshot:
            return OptimizerSessionScreen(settings: LiveSettings(session.configuration))
        case let depth as InitializationDepth.Snapshot: return InitScreen(layers: depth.configuration.layers)
        case let momentum as MomentumComparison.Snapshot:
            return MomentumScreen(settings: LiveSettings(MomentumScreen.Settings(configuration: momentum.configuration)))
        default: return MetricsScreen(study: study)
        }
    }

    /// The snapshot as it was once the first `count` recorded steps were done; the whole run's
    /// is the one rebuilt when it was opened, never rebuilt again.
    func state(steps count: Int) -> any StudySnapshot {
        guard count < steps.count else { return state }
        var report = recorded
        let last = count > 0 ? steps[count - 1] : -Double.infinity
        for i in report.series.indices {
            let kept = report.series[i].x.prefix { $0 <= last }.count
            report.series[i].removeLast(report.series[i].count - kept)
        }
        return (try? RecordedSnapshot.rebuild(report)) ?? ReportSnapshot(report: report)
    }
}
