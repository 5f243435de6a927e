import NNRuns
import NNStudies
import NNTerminal

/// SGD with and without momentum: loss and x by iteration, and the weighted averages behind momentum.
struct MomentumScreen: StudyScreen {
    /// The runs, and the one keys change.
    struct Settings: Sendable {
        var configuration: MomentumComparison.Configuration
        var selected = 0
    }

    let settings: LiveSettings<Settings>
    let study = "momentum"
    func title(for snapshot: MomentumComparison.Snapshot?) -> String { "SGD momentum on f(x) = (2x)²" }

    var keys: [KeyBinding<StudyAction>] {
        [KeyBinding(.character("n"), "n", "next run", "select the next run", .redraw),
         KeyBinding("[/]", "lr", help: "[ ]", "selected run: lr ÷ / × 1.25 (restarts)",
                    [(.character("["), .restart), (.character("]"), .restart)]),
         KeyBinding("{/}", "momentum", help: "{ }", "selected run: momentum − / + 0.05 (restarts)",
                    [(.character("{"), .restart), (.character("}"), .restart)])]
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

    func panels(for snapshot: MomentumComparison.Snapshot) -> [Panel] {
        let runs = snapshot.configuration.runs
        let curves = { (values: [[Double]]) in
            runs.indices.map { i in Series(label: runs[i].label, x: values[i].indices.map(Double.init), y: values[i]) }
        }
        var divergedAt: [Int: Double] = [:]
        for (i, run) in snapshot.analysis.runs.enumerated() {
            if let step = run.divergedAt { divergedAt[i] = Double(step) }
        }
        let averages = Dictionary(grouping: snapshot.averages) { $0.panel ?? "" }
        return [
            Panel(title: "loss by iteration", xLabel: "iteration", yLabel: "loss", series: curves(snapshot.losses), logY: true,
                  divergedAt: divergedAt),
            Panel(title: "x by iteration", xLabel: "iteration", yLabel: "x", series: curves(snapshot.positions),
                  divergedAt: divergedAt),
            Panel(title: "average v = βv + (1−β)θ", xLabel: "t", yLabel: "v", series: averages["ewa"] ?? []),
            Panel(title: "bias-corrected v/(1−β^t)", xLabel: "t", yLabel: "v", series: averages["ewa_corrected"] ?? []),
        ]
    }

    func findings(for snapshot: MomentumComparison.Snapshot, unicode: Bool) -> [Finding] {
        let runs = snapshot.configuration.runs
        var lines: [Finding] = []
        if let fastest = snapshot.analysis.best {
            lines.append(Finding(text: "Fastest: \(runs[fastest].label)", tone: .good))
        } else if !runs.isEmpty {
            lines.append(Finding(text: "No run converges", tone: .bad))
        }
        let s = settings.value
        if s.configuration.runs.indices.contains(s.selected) {
            lines.append(Finding(text: "Selected (n): \(s.configuration.runs[s.selected].label)", tone: .heading))
        }
        lines.append(Finding(text: ""))
        for (i, run) in runs.enumerated() {
            let verdict = snapshot.analysis.runs[i]
            let crossings = snapshot.crossings[i]
            lines.append(Finding(text: "\(run.label): \(verdict.verdict.text), x crosses 0 \(crossings)×",
                                 tone: verdict.diverged ? .bad : .plain))
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: Self.explanation(snapshot), tone: .dim))
        return lines
    }

    /// What the runs and the averages show, from this run's own options and findings.
    static func explanation(_ snapshot: MomentumComparison.Snapshot) -> String {
        let runs = snapshot.configuration.runs
        var sentences = ["SGD with momentum m keeps a velocity v ← m·v + g and steps x ← x − lr·v."]
        let rings = runs.indices.filter { runs[$0].momentum > 0 }.max { snapshot.crossings[$0] < snapshot.crossings[$1] }
        if let rings, snapshot.crossings[rings] > 0 {
            sentences.append("The velocity carries x past the minimum: \(runs[rings].label) crosses 0 "
                + "\(snapshot.crossings[rings]) times.")
        }
        if let plain = runs.indices.first(where: { runs[$0].momentum == 0 }) {
            sentences.append("Without momentum (\(runs[plain].label)) x crosses 0 \(snapshot.crossings[plain]) times.")
        }
        for i in runs.indices where runs[i].nesterov {
            if let twin = runs.indices.first(where: {
                !runs[$0].nesterov && runs[$0].momentum == runs[i].momentum && runs[$0].lr == runs[i].lr
            }) {
                let a = snapshot.analysis.runs[i].verdict.text, b = snapshot.analysis.runs[twin].verdict.text
                sentences.append("Nesterov looks ahead before stepping: \(a) and \(snapshot.crossings[i]) zero crossings, "
                    + "against \(b) and \(snapshot.crossings[twin]) for the same lr and m without it.")
            }
        }
        if let beta = snapshot.configuration.betas.max() {
            sentences.append("A weighted average with β = \(formatShort(beta)) spans about 1/(1 − β) = "
                + "\(formatShort(1 / (1 - beta))) points: smoother but later, and it starts near 0 unless bias-corrected.")
        }
        return sentences.joined(separator: " ")
    }
}
