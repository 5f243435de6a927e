import NNRuns
import NNStudies

/// Recorded runs of one study on the same charts: each chart of lines of the study's own
/// screen, with every run's series on it in the run's colour (one colour per run), the legend
/// naming the run; beside them, each run's findings under its name.
struct OverlayScreen: StudyScreen {
    /// The study's own screen, which draws each run.
    let base: any StudyScreen
    var study: String { base.study }

    func title(for snapshot: RunOverlay?) -> String {
        let count = snapshot?.runs.count ?? 0
        return base.title(of: snapshot?.runs.first?.state) + " · \(counted(count, "run")) overlaid"
    }

    /// The study's charts of lines, by their place in its screen: chart i holds every run's
    /// series of its chart i, labelled by the run (and the series, when a run has several).
    func panels(for snapshot: RunOverlay) -> [Panel] {
        let each = snapshot.runs.map { base.panels(of: $0.state) }
        guard let first = each.first else { return [] }
        var panels: [Panel] = []
        for (i, template) in first.enumerated() {
            guard case .lines = template.content else { continue }
            var panel = template
            panel.series = []
            panel.pointSeries = []
            panel.divergedAt = [:]
            panel.callouts = []
            panel.colorIndex = [:]
            let perRun = each.map { panels -> Panel? in
                guard panels.indices.contains(i), case .lines = panels[i].content else { return nil }
                return panels[i]
            }
            let several = perRun.contains { ($0?.series.count ?? 0) > 1 }
            for (k, runPanel) in perRun.enumerated() {
                guard let runPanel else { continue }
                let name = snapshot.runs[k].name
                for (j, series) in runPanel.series.enumerated() {
                    var series = series
                    series.label = several ? "\(name) · \(series.label)" : name
                    let at = panel.series.count
                    panel.series.append(series)
                    panel.colorIndex[at] = k
                    if runPanel.pointSeries.contains(j) { panel.pointSeries.insert(at) }
                    if let step = runPanel.divergedAt[j] { panel.divergedAt[at] = step }
                }
            }
            panels.append(panel)
        }
        return panels
    }

    func findings(for snapshot: RunOverlay, unicode: Bool) -> [Finding] {
        snapshot.runs.enumerated().flatMap { k, run in
            [Finding(text: "Run \(k + 1): \(run.name)", tone: .heading)] + base.findings(of: run.state, unicode: unicode)
                + [Finding(text: "")]
        }
    }
}
