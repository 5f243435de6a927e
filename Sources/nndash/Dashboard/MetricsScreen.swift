import NNRuns
import NNStudies

/// A recorded run of a study without a screen of its own: one chart per metric, every
/// series of that metric on it, and the run's parameters beside them.
struct MetricsScreen: StudyScreen {
    let study: String

    func title(for snapshot: ReportSnapshot?) -> String { "recorded run" }

    func panels(for snapshot: ReportSnapshot) -> [Panel] {
        let report = snapshot.report
        var panels: [Panel] = []
        var index: [String: Int] = [:]
        for series in report.series {
            let metric = series.panel ?? "value"
            if index[metric] == nil {
                index[metric] = panels.count
                panels.append(Panel(title: metric, xLabel: "step", yLabel: metric, series: []))
            }
            panels[index[metric]!].series.append(series)
        }
        return panels
    }

    func findings(for snapshot: ReportSnapshot, unicode: Bool) -> [Finding] {
        guard let params = snapshot.report.params.objectValue, !params.isEmpty else { return [] }
        return [Finding(text: "Parameters", tone: .heading)]
            + params.map { Finding(text: "\($0.0) = \($0.1.jsonText)".displaySafe) }
    }
}
