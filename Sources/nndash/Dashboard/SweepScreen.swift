import NNRuns
import NNStudies

/// The learning-rate sweep: every loss curve on one chart, and which rate wins and why.
struct SweepScreen: StudyScreen {
    var function = SweepFunction.quadratic
    let study = "sweep"
    var title: String { "learning-rate sweep on f(x) = \(function.formula)" }

    func panels(for report: StudyReport) -> [Panel] {
        let yLabel = function.minimum == 0 ? "loss" : "loss - \(formatShort(function.minimum))"
        return [Panel(title: "loss by iteration", xLabel: "iteration", yLabel: yLabel, series: report.series, logY: true)]
    }

    func findings(for report: StudyReport, unicode: Bool) -> [Finding] {
        let lrs = report.series.compactMap { $0.params["lr"]?.doubleValue }
        let analysis = SweepAnalysis(learningRates: lrs, losses: report.series.map(\.y))
        var lines: [Finding] = []
        if let best = analysis.best {
            let run = analysis.runs[best]
            lines.append(Finding(text: "Fastest: \(LearningRateSweep.label(run.learningRate))", tone: .good))
            lines.append(Finding(text: "loss × \(formatShort(run.lossFactor)) per step"))
            if let steps = run.stepsToTolerance {
                lines.append(Finding(text: "reaches 1e-6 of its start in \(steps) step\(steps == 1 ? "" : "s")"))
            }
        } else if !analysis.runs.isEmpty {
            lines.append(Finding(text: "No learning rate converges", tone: .bad))
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "Why", tone: .heading))
        lines.append(Finding(text: Self.why(function), tone: .dim))
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "lr        loss×/step  verdict", tone: .heading))
        for run in analysis.runs {
            let factor = run.lossFactor.isFinite ? formatShort(run.lossFactor) : "—"
            let name = formatFixed(run.learningRate, digits: 4)
            let pad = { (s: String, n: Int) in s + String(repeating: " ", count: max(1, n - s.count)) }
            if let step = run.divergedAt {
                lines.append(Finding(text: pad(name, 10) + pad(factor, 12) + "diverged at \(step)", tone: .bad))
            } else if run.diverged {
                lines.append(Finding(text: pad(name, 10) + pad(factor, 12) + "diverging", tone: .bad))
            } else {
                let verdict = run.stepsToTolerance.map { "1e-6 in \($0)" } ?? "converging"
                lines.append(Finding(text: pad(name, 10) + pad(factor, 12) + verdict))
            }
        }
        return lines
    }

    /// What the function's curvature says about the learning rates.
    static func why(_ function: SweepFunction) -> String {
        switch function {
        case .quadratic:
            "f(x) = (2x)² has f″ = 8, so each step multiplies the error by |1 − 8·lr|: "
                + "lr = 0.125 lands on the minimum in one step, lr > 0.25 diverges."
        case .shifted:
            "f(x) = 3(x − 1)² + 0.5 has its minimum 0.5 at x = 1 and f″ = 6: the error shrinks by "
                + "|1 − 6·lr| a step, lr = 1/6 lands in one step, lr > 1/3 diverges."
        case .quartic:
            "f(x) = x⁴ is flat at its minimum 0 (f″(0) = 0): every rate slows down near it, and a "
                + "large rate overshoots from far away, where f″ = 12x² is large."
        case .logcosh:
            "f(x) = log cosh(2x) has its minimum 0 at 0 with f″(0) = 4 (stable for lr < 0.5) and "
                + "slope ±2 far away, so large steps cannot blow up there."
        case .abs15:
            "f(x) = |x|^1.5 has its minimum 0 at 0 but infinite curvature there: a fixed rate "
                + "ends oscillating at a distance that shrinks with lr."
        }
    }
}
