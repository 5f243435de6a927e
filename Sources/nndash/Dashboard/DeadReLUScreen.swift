import NNRuns
import NNStudies
import NNCharts
import NNText

/// ReLU against leaky ReLU in the same network: the share of dead hidden units, the loss, and
/// the units that got no gradient, step by step; keys change the learning rate and the bias.
struct DeadReLUScreen: StudyScreen {
    let settings: LiveSettings<DeadUnits.Configuration>
    let study = DeadUnits.name

    func title(for snapshot: DeadUnits.Snapshot?) -> String {
        let c = snapshot?.configuration ?? settings.value
        return "dead ReLU units: 2-\(c.hidden)-2 on moons, SGD lr \(NumberFormat.short(c.lr))"
            + (c.biasShift == 0 ? "" : ", bias \(c.biasShift > 0 ? "+" : "")\(NumberFormat.short(c.biasShift))")
    }

    var keys: [KeyBinding<StudyAction>] {
        [KeyBinding("[/]", "lr", help: "[ ]", "learning rate ÷ / × 1.5 (restarts)",
                    [(.character("["), .restart), (.character("]"), .restart)]),
         KeyBinding("{/}", "bias", help: "{ }", "shift every hidden bias − / + 0.25 (restarts)",
                    [(.character("{"), .restart), (.character("}"), .restart)])]
    }

    func handle(_ key: Key) -> StudyAction? {
        switch key {
        case .character("["): settings.update { $0.lr = Self.rounded($0.lr / 1.5) }
        case .character("]"): settings.update { $0.lr = min(1e6, Self.rounded($0.lr * 1.5)) }
        case .character("{"): settings.update { $0.biasShift = max(-100, $0.biasShift - 0.25) }
        case .character("}"): settings.update { $0.biasShift = min(100, $0.biasShift + 0.25) }
        default: return nil
        }
        return .restart
    }

    /// `value` to three significant digits, so repeated presses land on the same rates.
    private static func rounded(_ value: Double) -> Double { NumberFormat.rounded(value, digits: 3) }

    func panels(for snapshot: DeadUnits.Snapshot) -> [Panel] {
        func curves(_ values: (DeadUnits.Trace) -> [Double]) -> [Series] {
            snapshot.traces.map { t in Series(label: t.label, x: values(t).indices.map(Double.init), y: values(t)) }
        }
        return [
            Panel(title: "dead hidden units (w·x + b ≤ 0 for every input)", xLabel: "step", yLabel: "units",
                  series: curves(\.dead), yPercent: true),
            Panel(title: "loss (cross-entropy)", xLabel: "step", yLabel: "loss", series: curves(\.loss), logY: true),
            Panel(title: "hidden units with zero gradient", xLabel: "step", yLabel: "units", series: curves(\.silent),
                  yPercent: true),
        ]
    }

    func findings(for snapshot: DeadUnits.Snapshot, unicode: Bool) -> [Finding] {
        let c = snapshot.configuration
        let inputs = counted(2 * c.pointsPerClass, "input")
        var lines = [Finding(text: "Dead: w·x + b ≤ 0 for all \(inputs), of \(c.hidden) hidden units.", tone: .dim),
                     Finding(text: "")]
        lines.append(.row(["", "dead", "no grad", "loss"], tone: .dim))
        for t in snapshot.traces {
            let dead: String = t.dead.last.map { "\(snapshot.units($0))" } ?? "–"
            let silent: String = t.silent.last.map { "\(snapshot.units($0))" } ?? "–"
            let loss: String = t.loss.last.map { NumberFormat.short($0) } ?? "–"
            lines.append(.row([t.label, dead, silent, loss], tone: t.divergedAt == nil ? .plain : .bad))
        }
        lines.append(Finding(text: ""))
        lines += Self.explanation(snapshot).map { Finding(text: $0, tone: .plain) }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "Lesson 003: ReLU outputs 0 for x ≤ 0, which kills the unit; too many dead units lower "
            + "what the model can express. Leaky ReLU scales the negative side instead. [ ] change the lr, { } the bias.",
                             tone: .dim))
        return lines
    }

    /// What the selected chart shows now, in this run's numbers.
    func caption(for snapshot: DeadUnits.Snapshot, panel: Int) -> String? {
        guard snapshot.traces.count == 2, let reluDead = snapshot.traces[0].dead.last,
              let leakyDead = snapshot.traces[1].dead.last else { return nil }
        let relu = snapshot.traces[0], leaky = snapshot.traces[1], units = snapshot.configuration.hidden
        switch panel {
        case 0:
            return "Dead now: relu \(snapshot.units(reluDead)) of \(units) (\(relu.revived.last ?? 0) ever came back), "
                + "\(leaky.label) \(snapshot.units(leakyDead)) (\(leaky.revived.last ?? 0) came back: the slope keeps them learning)."
        case 1:
            guard let a = relu.loss.last, let b = leaky.loss.last else { return nil }
            return "Loss now: relu \(NumberFormat.short(a)), \(leaky.label) \(NumberFormat.short(b)); dead units fit nothing, "
                + "so relu has fewer units left to fit the moons with."
        default:
            guard let a = relu.silent.last, let b = leaky.silent.last else { return nil }
            return "Zero gradient now: relu \(snapshot.units(a)) of \(units) units (its dead ones never learn again), "
                + "\(leaky.label) \(snapshot.units(b))."
        }
    }

    /// What this run's curves show, from its own numbers.
    static func explanation(_ snapshot: DeadUnits.Snapshot) -> [String] {
        guard snapshot.traces.count == 2 else { return [] }
        let relu = snapshot.traces[0], leaky = snapshot.traces[1]
        var sentences: [String] = []
        if let start = relu.dead.first, let end = relu.dead.last {
            var text = "relu: \(snapshot.units(start)) dead at the start, \(snapshot.units(end)) now"
            if let death = snapshot.firstDeath(relu) { text += "; the first died at step \(death)" }
            text += ". A dead unit passes no gradient (the no-grad column), so SGD never moves it again"
            let revived = relu.revived.last ?? 0
            text += revived == 0 ? ": none came back." : "; \(revived) came back."
            sentences.append(text)
        }
        if let end = leaky.dead.last, let silent = leaky.silent.last {
            var text = "\(leaky.label): \(snapshot.units(end)) units below 0 for every input now, yet \(snapshot.units(silent)) "
                + "without a gradient: the slope \(NumberFormat.short(snapshot.configuration.negativeSlope)) keeps them learning"
            text += (leaky.revived.last ?? 0) > 0 ? ", and \(leaky.revived.last ?? 0) came back above 0." : "."
            sentences.append(text)
        }
        if let a = relu.loss.last, let b = leaky.loss.last {
            sentences.append("Loss now: relu \(NumberFormat.short(a)), \(leaky.label) \(NumberFormat.short(b))"
                + (a > 2 * b ? ": with fewer live units relu has less left to fit the data with." : "."))
        }
        if let step = leaky.divergedAt {
            sentences.append("\(leaky.label) diverged at step \(step): this lr is too large even for it.")
        }
        if let step = relu.divergedAt { sentences.append("relu diverged at step \(step).") }
        return sentences
    }
}
