import NNRuns
import NNStudies

/// A recorded study made ready to show: the screen it had live (a generic one for studies
/// without their own), and its report in the shape that screen expects.
struct RecordedStudy {
    let screen: any StudyScreen
    let report: StudyReport

    /// - Parameter folder: a run folder read back; its strings come from a file, so every
    ///   one is made safe to draw here.
    init(_ folder: RunFolder) {
        var report = folder.report
        report.study = report.study.displaySafe
        for i in report.series.indices {
            report.series[i].label = report.series[i].label.displaySafe
            report.series[i].panel = report.series[i].panel?.displaySafe
        }
        switch report.study {
        case "sweep":
            // Live, the sweep reports each learning rate's loss curve, its rate in its params;
            // recorded lines carry only the label, so the rates come from the run's parameters.
            var rates: [String: Double] = [:]
            if let low = report.params["lr_min"]?.doubleValue, let high = report.params["lr_max"]?.doubleValue,
                let num = report.params["num"]?.intValue, num > 0, num <= 1 << 16
            {
                for lr in linspace(low, high, count: num) { rates[LearningRateSweep.label(lr)] = lr }
            }
            report.series = report.series.filter { $0.panel == "loss" }.map { series in
                var series = series
                series.panel = nil
                if series.params["lr"] == nil, let lr = rates[series.label] { series.params = ["lr": .number(lr)] }
                return series
            }
            screen = SweepScreen()
        case "train":
            report.series = TrainScreen.liveSeries(fromRecorded: report.series)
            screen = TrainScreen()
        case "lr-find":
            report.series = LRFindScreen.liveSeries(fromSummary: report.summary)
            screen = LRFindScreen()
        default:
            screen = MetricsScreen(study: report.study)
        }
        self.report = report
    }
}
