import NNRuns
import NNStudies
import NNText

/// The learning-rate sweep: every loss curve on one chart, and which rate wins and why.
struct SweepScreen: StudyScreen {
    /// The function shown before the first snapshot arrives.
    var function = SweepFunction.quadratic
    let study = "sweep"

    func title(for snapshot: LearningRateSweep.Snapshot?) -> String {
        "learning-rate sweep on f(x) = \((snapshot?.configuration.function ?? function).notation)"
    }

    func panels(for snapshot: LearningRateSweep.Snapshot) -> [Panel] {
        let function = snapshot.configuration.function
        let yLabel = function.minimum == 0 ? "loss" : "loss - \(NumberFormat.short(function.minimum))"
        let series = snapshot.learningRates.indices.map { i in
            Series(label: snapshot.labels[i], x: snapshot.losses[i].indices.map(Double.init), y: snapshot.losses[i])
        }
        var divergedAt: [Int: Double] = [:]
        for (i, run) in snapshot.analysis.runs.enumerated() {
            if let step = run.divergedAt { divergedAt[i] = Double(step) }
        }
        return [Panel(title: "loss by iteration", xLabel: "iteration", yLabel: yLabel, series: series, logY: true,
                      divergedAt: divergedAt)]
    }

    func findings(for snapshot: LearningRateSweep.Snapshot, unicode: Bool) -> [Finding] {
        let analysis = snapshot.analysis
        var lines: [Finding] = []
        if let best = analysis.best {
            let run = analysis.runs[best]
            lines.append(Finding(text: "Fastest: \(snapshot.labels[best])", tone: .good))
            if let factor = run.lossFactor { lines.append(Finding(text: "loss × \(NumberFormat.short(factor)) per step")) }
            if let steps = run.stepsToTolerance {
                lines.append(Finding(text: "reaches 1e-6 of its start in \(counted(steps, "step"))"))
            }
        } else if !analysis.runs.isEmpty {
            lines.append(Finding(text: "No learning rate converges", tone: .bad))
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "Why", tone: .heading))
        lines.append(Finding(text: Self.why(snapshot.configuration.function), tone: .dim))
        lines.append(Finding(text: ""))
        let names = snapshot.labels.map { String($0.dropFirst(3)) }
        // The verdict matters more than the factor it follows from: the factor goes first when narrow.
        lines.append(.row(["lr", "verdict", "loss×/step"], tone: .heading))
        for (i, run) in analysis.runs.enumerated() {
            let factor = run.lossFactor.map { NumberFormat.short($0) } ?? "—"
            let tone: Finding.Tone = run.diverged ? .bad : (i == analysis.best ? .good : .plain)
            lines.append(.row([names[i], run.verdict.text, factor], tone: tone))
        }
        return lines
    }

    /// What the function's curvature says about the learning rates.
    static func why(_ function: SweepFunction) -> String {
        let f = "f(x) = \(function.notation)"
        switch function {
        case .quadratic:
            return "\(f) has f″ = 8, so each step multiplies the error by |1 − 8·lr|: "
                + "lr = 0.125 lands on the minimum in one step, lr > 0.25 diverges."
        case .shifted:
            return "\(f) has its minimum 0.5 at x = 1 and f″ = 6: the error shrinks by "
                + "|1 − 6·lr| a step, lr = 1/6 lands in one step, lr > 1/3 diverges."
        case .quartic:
            return "\(f) is flat at its minimum 0 (f″(0) = 0): every rate slows down near it, and a "
                + "large rate overshoots from far away, where f″ = 12x² is large."
        case .logcosh:
            return "\(f) has its minimum 0 at 0 with f″(0) = 4 (stable for lr < 0.5) and "
                + "slope ±2 far away, so large steps cannot blow up there."
        case .abs15:
            return "\(f) has its minimum 0 at 0 but infinite curvature there: a fixed rate "
                + "ends oscillating at a distance that shrinks with lr."
        }
    }
}
