import NNRuns
import NNStudies

/// The learning-rate sweep: every loss curve on one chart, and which rate wins and why.
struct SweepScreen: StudyScreen {
    let study = "sweep"
    let title = "learning-rate sweep on f(x) = (2x)²"

    func panels(for report: StudyReport) -> [Panel] {
        [Panel(title: "loss by iteration", xLabel: "iteration", yLabel: "loss", series: report.series, logY: true)]
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
        lines.append(Finding(text: "f(x) = (2x)² has f″ = 8, so each step multiplies the error by |1 − 8·lr|: "
            + "lr = 0.125 lands on the minimum in one step, lr > 0.25 diverges.", tone: .dim))
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
}
