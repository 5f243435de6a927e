import Foundation
import NNRuns
import NNStudies
import NNCharts
import NNText

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

    /// The least columns of the loss and x charts: a title with its state, a run's legend entry
    /// (`1 ━━ lr=0.01 m=0.9 3.2e-5`) and the iterations' jumps, which a third of 80 columns hides.
    static let runsChartWidth = 36

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
        // The averages first, so each β has the same number (and key and colour) in all three
        // panels; the noisy sequence they average after them, dim under their lines.
        let averaged = { (panel: String, title: String, yLabel: String) -> Panel in
            let series = averages[panel] ?? []
            let betas = series.filter { $0.label != "theta" }, theta = series.filter { $0.label == "theta" }
            return Panel(title: title, xLabel: "t", yLabel: yLabel, series: betas + theta,
                         backgroundSeries: Set(betas.count..<betas.count + theta.count), heightWeight: 2,
                         priority: -1, minimumHeight: 8)
        }
        // The runs' loss and x are the study; the averages explain momentum: shorter rows, and
        // where even those cannot be read (8 rows) they fold first. The runs' charts need
        // `runsChartWidth` columns, so an 80-column terminal lays them out two a row, not three.
        return [
            Panel(title: "loss by iteration", xLabel: "iteration", yLabel: "loss", series: curves(snapshot.losses), logY: true,
                  divergedAt: divergedAt, heightWeight: 3, minimumWidth: Self.runsChartWidth),
            Panel(title: "x by iteration", xLabel: "iteration", yLabel: "x", series: curves(snapshot.positions),
                  divergedAt: divergedAt, heightWeight: 3, minimumWidth: Self.runsChartWidth),
            Panel(title: "weight (1−β)β^t of the value t back", xLabel: "t", yLabel: "weight", series: averages["weights"] ?? [],
                  heightWeight: 2, priority: -1, minimumHeight: 8),
            averaged("ewa", "average v = βv + (1−β)θ", "v"),
            averaged("ewa_corrected", "bias-corrected v/(1−β^t)", "v"),
        ]
    }

    func findings(for snapshot: MomentumComparison.Snapshot, unicode: Bool) -> [Finding] {
        let runs = snapshot.configuration.runs
        var lines: [Finding] = []
        if let near = snapshot.firstNear, let step = snapshot.stepsToNear[near] {
            lines.append(Finding(text: "First to \(Self.nearText) of the start: \(runs[near].label) (\(counted(step, "step")))", tone: .good))
        }
        if let fastest = snapshot.analysis.best {
            lines.append(Finding(text: "First to 1e-6 of the start: \(runs[fastest].label)", tone: .good))
        } else if !runs.isEmpty {
            lines.append(Finding(text: "No run converges", tone: .bad))
        }
        let s = settings.value
        if s.configuration.runs.indices.contains(s.selected) {
            lines.append(Finding(text: "Selected (n): \(s.configuration.runs[s.selected].label)", tone: .heading))
        }
        lines.append(Finding(text: ""))
        lines.append(.row(["run", Self.nearText, "1e-6", "×/step"], tone: .dim))
        for (i, run) in runs.enumerated() {
            let verdict = snapshot.analysis.runs[i]
            let near = snapshot.stepsToNear[i].map { "\($0)" } ?? "–"
            let tolerance = verdict.stepsToTolerance.map { "\($0)" } ?? verdict.verdict.name
            lines.append(.row([run.label, near, tolerance, NumberFormat.fixed(snapshot.contractions[i], decimals: 3)],
                              tone: verdict.diverged ? .bad : .plain))
        }
        lines.append(Finding(text: "x crosses 0: " + runs.indices.map { "\(runs[$0].label) \(snapshot.crossings[$0])×" }
            .joined(separator: ", "), tone: .dim))
        lines.append(Finding(text: ""))
        lines.append(Finding(text: Self.formula(snapshot.configuration), tone: .heading))
        lines.append(Finding(text: Self.explanation(snapshot), tone: .dim))
        lines.append(Finding(text: ""))
        lines.append(Finding(text: Self.averagesText(snapshot), tone: .dim))
        return lines
    }

    /// The fraction "near" means, as the table's column says it.
    static let nearText = NumberFormat.percent(MomentumComparison.Snapshot.nearFraction)

    /// PyTorch's SGD update with this run's weight decay and dampening.
    static func formula(_ c: MomentumComparison.Configuration) -> String {
        let g = c.weightDecay == 0 ? "g = f'(x) = 8x" : "g = 8x + \(NumberFormat.short(c.weightDecay))·x (weight_decay)"
        let v = c.dampening == 0 ? "v = μ·v + g" : "v = μ·v + \(NumberFormat.short(1 - c.dampening))·g (1 − dampening)"
        return "SGD: \(g); \(v), v = g at step 0; x −= lr·v (Nesterov: x −= lr·(g + μ·v)); μ = 0: x −= lr·g."
    }

    /// What the runs show, from this run's own options and findings.
    static func explanation(_ snapshot: MomentumComparison.Snapshot) -> String {
        let runs = snapshot.configuration.runs
        var sentences: [String] = []
        // The lesson's point: momentum makes a small lr cover ground fast.
        if let boosted = runs.indices.first(where: { runs[$0].momentum > 0 && !runs[$0].nesterov }),
           let boostedNear = snapshot.stepsToNear[boosted] {
            let run = runs[boosted]
            var text = "With momentum \(NumberFormat.short(run.momentum)) the steps add up to as much as lr/(1 − μ) = "
                + "\(NumberFormat.short(run.lr / (1 - run.momentum)))·g, so \(run.label) reaches \(nearText) of the start "
                + "in \(counted(boostedNear, "step"))"
            let others = runs.indices.filter { runs[$0].momentum == 0 }.map { i in
                "\(snapshot.stepsToNear[i].map { "\($0)" } ?? "none") for \(runs[i].label)"
            }
            if !others.isEmpty { text += ", against " + others.joined(separator: " and ") }
            sentences.append(text + ".")
            let rate = snapshot.contractions[boosted]
            if snapshot.crossings[boosted] > 0 {
                sentences.append("Then the velocity carries x past 0 (\(counted(snapshot.crossings[boosted], "crossing")), the waves of the "
                    + "loss curve) and the swing shrinks only ×\(NumberFormat.fixed(rate, decimals: 3)) a step (√μ once it "
                    + "rings), so by 1e-6 of the start it can come last: "
                    + (snapshot.analysis.runs[boosted].stepsToTolerance.map { "\(counted($0, "step"))." } ?? "not within the run."))
            }
        }
        let h = MomentumComparison.curvature + snapshot.configuration.weightDecay
        if let plain = runs.indices.first(where: { runs[$0].momentum == 0 }) {
            sentences.append("Without momentum x shrinks ×|1 − lr·h| a step (h = f'' + weight_decay = \(NumberFormat.short(h))): "
                + "\(NumberFormat.fixed(snapshot.contractions[plain], decimals: 3)) for \(runs[plain].label).")
        }
        if let best = snapshot.analysis.best, runs[best].momentum > 0, !runs[best].nesterov,
           let steps = snapshot.analysis.runs[best].stepsToTolerance {
            let critical = Foundation.pow(1 - (runs[best].lr * h).squareRoot(), 2)
            sentences.append("\(runs[best].label) has both: a fast start and a swing that dies out ×"
                + "\(NumberFormat.fixed(snapshot.contractions[best], decimals: 3)) a step, first to 1e-6 in \(counted(steps, "step")). The "
                + "smallest factor at lr \(NumberFormat.short(runs[best].lr)) comes with μ = (1 − √(lr·h))² = "
                + "\(NumberFormat.fixed(critical, decimals: 2)): less and the start is slow, more and it rings.")
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
        return sentences.joined(separator: " ")
    }

    /// What the weights and the averages show.
    static func averagesText(_ snapshot: MomentumComparison.Snapshot) -> String {
        let c = snapshot.configuration
        let sums = zip(c.betas, snapshot.weightSums).map { "β \(NumberFormat.short($0)): \(NumberFormat.fixed($1, decimals: 5))" }
        var text = "Momentum is a weighted average of past gradients: the value t steps back weighs (1 − β)β^t. "
            + "Over \(counted(c.points, "value")) the weights sum to 1 − β^\(c.points) (\(sums.joined(separator: ", ")))."
        if let beta = c.betas.max() {
            text += " β = \(NumberFormat.short(beta)) remembers about 1/(1 − β) = \(NumberFormat.short(1 / (1 - beta))) values: smoother but "
                + "later, and it starts near 0 unless divided by 1 − β^t (bias correction)."
        }
        return text
    }
}
