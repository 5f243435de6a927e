import NNCharts
import NNRuns
import NNStudies
import NNText

/// Optimizers on a 2-D function: their paths over its heatmap, and their losses.
struct OptimizersScreen: StudyScreen {
    let settings: LiveSettings<OptimizerPaths.Configuration>
    let study = "optimizers"
    func title(for snapshot: OptimizerPaths.Snapshot?) -> String {
        let c = snapshot?.configuration ?? settings.value
        return "optimizers on \(c.function.rawValue) at lr = \(NumberFormat.short(c.learningRate))"
    }

    /// Samples of the heatmap: enough for a full-screen panel, two values a cell.
    static let gridSize = (rows: 96, columns: 160)

    var keys: [KeyBinding<StudyAction>] {
        [KeyBinding(.character("f"), "f", "function", "next function (restarts)", .restart)]
    }

    func handle(_ key: Key) -> StudyAction? {
        guard key == .character("f") else { return nil }
        settings.update { c in
            let all = SurfaceFunction.allCases
            c.function = all[((all.firstIndex(of: c.function) ?? 0) + 1) % all.count]
        }
        return .restart
    }

    func panels(for snapshot: OptimizerPaths.Snapshot) -> [Panel] {
        let function = snapshot.configuration.function
        let window = function.window
        let heat = HeatmapContent(
            values: function.grid(rows: Self.gridSize.rows, columns: Self.gridSize.columns),
            xRange: window.x, yRange: window.y, logValues: true)
        var paths: [Series] = [], losses: [Series] = []
        var divergedAt: [Int: Double] = [:]
        for (i, (t, outcome)) in zip(snapshot.trajectories, snapshot.outcomes).enumerated() {
            var x = t.x, y = t.y
            // A walk the study found diverged ends where it did, with the heatmap's cross.
            if let step = outcome.verdict.divergedAt {
                x = Array(x.prefix(step)) + [.nan]
                y = Array(y.prefix(step)) + [.nan]
                divergedAt[i] = Double(step)
            }
            paths.append(Series(label: t.optimizer.name, x: x, y: y))
            losses.append(Series(label: t.optimizer.name, x: t.loss.indices.map(Double.init), y: t.loss))
        }
        return [
            Panel(title: "paths on \(function.rawValue) (log of f − min)", xLabel: "x", yLabel: "y",
                  series: paths, content: .heatmap(heat)),
            Panel(title: "loss above the minimum", xLabel: "iteration", yLabel: "f − min",
                  series: losses, logY: true, divergedAt: divergedAt),
        ]
    }

    func findings(for snapshot: OptimizerPaths.Snapshot, unicode: Bool) -> [Finding] {
        var lines: [Finding] = []
        let names = snapshot.closest.map { snapshot.trajectories[$0].optimizer.name }
        if names.count == 1 {
            lines.append(Finding(text: "Closest to the minimum: \(names[0])", tone: .good))
        } else if names.count > 1 {
            let tolerance = NumberFormat.short(OptimizerPaths.Snapshot.tieTolerance, digits: 2)
            lines.append(Finding(text: "Closest to the minimum: a tie within \(tolerance) between "
                + names.joined(separator: ", "), tone: .good))
        } else if !snapshot.trajectories.isEmpty {
            lines.append(Finding(text: "Every optimizer diverged", tone: .bad))
        }
        let c = snapshot.configuration
        let m = c.function.minimum
        lines.append(Finding(text: "f = \(c.function.formula)", tone: .dim))
        lines.append(Finding(text: "min \(NumberFormat.short(m.value)) at (\(NumberFormat.short(m.x)), \(NumberFormat.short(m.y)))", tone: .dim))
        lines.append(Finding(text: ""))
        let pad = { (s: String, n: Int) in s + String(repeating: " ", count: max(1, n - s.count)) }
        lines.append(Finding(text: pad("optimizer", 11) + pad("distance", 10) + "loss", tone: .heading))
        for (t, outcome) in zip(snapshot.trajectories, snapshot.outcomes) {
            if let step = outcome.verdict.divergedAt {
                lines.append(Finding(text: pad(t.optimizer.name, 11) + "diverged at \(step)", tone: .bad))
            } else {
                lines.append(Finding(text: pad(t.optimizer.name, 11) + pad(outcome.distance.map { NumberFormat.short($0) } ?? "—", 10)
                    + (outcome.finalLoss.map { NumberFormat.short($0) } ?? "—")))
            }
        }
        return lines
    }
}
