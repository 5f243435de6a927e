import NNCharts
import NNRuns
import NNStudies
import NNTerminal

/// Optimizers on a 2-D function: their paths over its heatmap, and their losses.
struct OptimizersScreen: ReportScreen {
    let settings: LiveSettings<OptimizerPaths.Configuration>
    let study = "optimizers"
    var title: String {
        let c = settings.value
        return "optimizers on \(c.function.rawValue) at lr = \(formatShort(c.learningRate))"
    }

    /// Samples of the heatmap: enough for a full-screen panel, two values a cell.
    static let gridSize = (rows: 96, columns: 160)

    var keyHelp: [String] { ["f        next function (restarts)", "1 … 9    show / hide an optimizer"] }

    func handle(_ key: Key) -> StudyAction? {
        guard key == .character("f") else { return nil }
        settings.update { c in
            let all = SurfaceFunction.allCases
            c.function = all[((all.firstIndex(of: c.function) ?? 0) + 1) % all.count]
        }
        return .restart
    }

    func panels(for report: StudyReport) -> [Panel] {
        let function = report.params["function"]?.stringValue.flatMap(SurfaceFunction.init(rawValue:)) ?? .rosenbrock
        let window = function.window
        let heat = HeatmapContent(
            values: function.grid(rows: Self.gridSize.rows, columns: Self.gridSize.columns),
            xRange: window.x, yRange: window.y, logValues: true)
        return [
            Panel(title: "paths on \(function.rawValue) (log of f − min)", xLabel: "x", yLabel: "y",
                  series: report.series.filter { $0.panel == "path" }, content: .heatmap(heat)),
            Panel(title: "loss above the minimum", xLabel: "iteration", yLabel: "f − min",
                  series: report.series.filter { $0.panel == "loss" }, logY: true),
        ]
    }

    func findings(for report: StudyReport, unicode: Bool) -> [Finding] {
        var lines: [Finding] = []
        if let closest = report.summary["closest"]?.stringValue {
            lines.append(Finding(text: "Closest to the minimum: \(closest)", tone: .good))
        }
        if let formula = report.params["formula"]?.stringValue { lines.append(Finding(text: "f = \(formula)", tone: .dim)) }
        if let m = report.params["minimum"] {
            let v = m["value"]?.doubleValue ?? 0, x = m["x"]?.doubleValue ?? 0, y = m["y"]?.doubleValue ?? 0
            lines.append(Finding(text: "min \(formatShort(v)) at (\(formatShort(x)), \(formatShort(y)))", tone: .dim))
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "optimizer  distance  loss", tone: .heading))
        for run in report.summary["runs"]?.arrayValue ?? [] {
            let name = run["optimizer"]?.stringValue ?? ""
            let distance = run["distance_to_minimum"]?.doubleValue ?? .nan
            let loss = run["final_loss"]?.doubleValue ?? .nan
            let pad = { (s: String, n: Int) in s + String(repeating: " ", count: max(1, n - s.count)) }
            lines.append(Finding(text: pad(name, 11) + pad(formatShort(distance), 10) + formatShort(loss),
                                 tone: distance.isFinite ? .plain : .bad))
        }
        return lines
    }
}
