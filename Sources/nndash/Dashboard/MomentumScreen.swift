import NNRuns
import NNStudies
import NNTerminal

/// SGD with and without momentum: loss and x by iteration, and the weighted averages behind momentum.
struct MomentumScreen: ReportScreen {
    /// The runs, and the one keys change.
    struct Settings: Sendable {
        var configuration: MomentumComparison.Configuration
        var selected = 0
    }

    let settings: LiveSettings<Settings>
    let study = "momentum"
    let title = "SGD momentum on f(x) = (2x)²"

    var keyHelp: [String] {
        ["n        select the next run", "[ ]      selected run: lr ÷ / × 1.25", "{ }      selected run: momentum − / + 0.05"]
    }

    func handle(_ key: Key) -> StudyAction? {
        switch key {
        case .character("n"):
            settings.update { $0.selected = ($0.selected + 1) % max(1, $0.configuration.runs.count) }
            return .redraw
        case .character("["): return change { $0.lr /= 1.25 }
        case .character("]"): return change { $0.lr *= 1.25 }
        case .character("{"): return change { $0.momentum = max($0.nesterov ? 0.05 : 0, Self.rounded($0.momentum - 0.05)) }
        case .character("}"): return change { $0.momentum = min(0.99, Self.rounded($0.momentum + 0.05)) }
        default: return nil
        }
    }

    private static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    private func change(_ body: (inout MomentumComparison.Run) -> Void) -> StudyAction? {
        settings.update { s in
            guard s.configuration.runs.indices.contains(s.selected) else { return }
            body(&s.configuration.runs[s.selected])
        }
        return .restart
    }

    func panels(for report: StudyReport) -> [Panel] {
        let byPanel = Dictionary(grouping: report.series) { $0.panel ?? "" }
        return [
            Panel(title: "loss by iteration", xLabel: "iteration", yLabel: "loss", series: byPanel["loss"] ?? [], logY: true),
            Panel(title: "x by iteration", xLabel: "iteration", yLabel: "x", series: byPanel["x"] ?? []),
            Panel(title: "weighted average v = βv + (1−β)θ", xLabel: "t", yLabel: "v", series: byPanel["ewa"] ?? []),
            Panel(title: "bias-corrected v / (1 − β^t)", xLabel: "t", yLabel: "v", series: byPanel["ewa_corrected"] ?? []),
        ]
    }

    func findings(for report: StudyReport, unicode: Bool) -> [Finding] {
        var lines: [Finding] = []
        if let fastest = report.summary["fastest"]?.stringValue {
            lines.append(Finding(text: "Fastest: \(fastest)", tone: .good))
        }
        let s = settings.value
        if s.configuration.runs.indices.contains(s.selected) {
            lines.append(Finding(text: "Selected (n): \(s.configuration.runs[s.selected].label)", tone: .heading))
        }
        lines.append(Finding(text: ""))
        for run in report.summary["runs"]?.arrayValue ?? [] {
            let label = run["label"]?.stringValue ?? ""
            if run["diverged"]?.boolValue == true {
                lines.append(Finding(text: "\(label): diverges", tone: .bad))
            } else if let steps = run["steps_to_tolerance"]?.intValue {
                lines.append(Finding(text: "\(label): 1e-6 in \(steps)"))
            } else {
                lines.append(Finding(text: "\(label): not yet at 1e-6"))
            }
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "Momentum 0.9 overshoots and rings; 0.63 damps it; Nesterov looks ahead and rings less. "
            + "A larger β averages over about 1/(1−β) points: smoother but later, and it starts near 0 "
            + "unless bias-corrected.", tone: .dim))
        return lines
    }
}
