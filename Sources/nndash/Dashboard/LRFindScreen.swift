import Foundation
import NNRuns
import NNStudies

/// The learning-rate range test: loss against lr on a log axis, each suggestion as a vertical line.
struct LRFindScreen: ReportScreen {
    let study = "lr-find"
    let title = "learning-rate range test"

    func panels(for report: StudyReport) -> [Panel] {
        let curves = report.series.filter { $0.panel == "lr" }
        // The test stops once the smoothed loss passes `divergence_factor` times its best: above
        // that nothing is readable, so the chart shows losses up to there.
        let factor = Self.divergenceFactor(report)
        let smoothed = curves.first { $0.label == "smoothed loss" }?.y.filter(\.isFinite) ?? []
        let best = smoothed.min() ?? 0
        let cap = best > 0 ? factor * best : (smoothed.max() ?? 1)
        var series = curves.map { curve in
            let kept = curve.x.indices.filter { curve.y[$0].isFinite && curve.y[$0] <= cap }
            return Series(label: curve.label, x: kept.map { curve.x[$0] }, y: kept.map { curve.y[$0] })
        }
        // Each suggestion is the point of the smoothed curve it picked, not a line across the chart.
        for s in report.series where s.panel == "suggestions" {
            guard let lr = s.params["lr"]?.doubleValue, lr > 0, let x = s.x.first, let y = s.y.first, y.isFinite else { continue }
            series.append(Series(label: "\(s.label) lr=\(formatShort(lr))", x: [x], y: [y]))
        }
        return [Panel(title: "loss by learning rate (up to \(formatShort(factor))x the best smoothed loss)", xLabel: "lr",
                      yLabel: "loss", series: series, logX: true)]
    }

    /// How far above its best the smoothed loss may rise before the test stops (the run's own setting).
    static func divergenceFactor(_ report: StudyReport) -> Double {
        report.params["divergence_factor"]?.doubleValue ?? LRFinder.Range().divergenceFactor
    }

    /// The live report's series rebuilt from a recorded run's summary (learning rates, losses, suggestions).
    static func liveSeries(fromSummary summary: JSONValue) -> [Series] {
        let lrs = summary["lrs"]?.doubleArray ?? []
        var series = [("loss", "losses"), ("smoothed loss", "smoothed_losses")].map { label, key in
            let y = summary[key]?.doubleArray ?? []
            return Series(label: label, panel: "lr", x: Array(lrs.prefix(y.count)), y: Array(y.prefix(lrs.count)))
        }
        for (name, value) in summary["suggestions"]?.objectValue ?? [] {
            guard let lr = value["lr"]?.doubleValue else { continue }
            series.append(Series(label: name, params: ["lr": .number(lr)], panel: "suggestions",
                                 x: [value["point_lr"]?.doubleValue ?? lr], y: [value["point_loss"]?.doubleValue ?? .nan]))
        }
        return series
    }

    func findings(for report: StudyReport, unicode: Bool) -> [Finding] {
        let summary = report.summary
        var lines = [Finding(text: "Suggestions", tone: .heading)]
        for (name, value) in summary["suggestions"]?.objectValue ?? [] {
            let source = name == "lightning" ? "Lightning" : "fastai \(name)"
            lines.append(Finding(text: "\(source): \(formatShort(value["lr"]?.doubleValue ?? .nan))",
                                 tone: name == "valley" ? .good : .plain))
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "\(summary["iterations"]?.intValue ?? 0) iterations", tone: .dim))
        if let reason = summary["stop_reason"]?.stringValue { lines.append(Finding(text: "stopped: \(reason)", tone: .dim)) }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "valley: half way down the longest fall; slide: where the gradient settles; "
            + "minimum: a tenth of the lr at the lowest loss; steep and Lightning: the steepest fall.", tone: .dim))
        return lines
    }
}
