import Foundation
import NNRuns
import NNStudies

/// The learning-rate range test: loss against log10(lr), each suggestion as a vertical line.
struct LRFindScreen: StudyScreen {
    let study = "lr-find"
    let title = "learning-rate range test"

    func panels(for report: StudyReport) -> [Panel] {
        let curves = report.series.filter { $0.panel == "lr" }
        let values = curves.flatMap(\.y).filter(\.isFinite)
        let (low, high) = (values.min() ?? 0, values.max() ?? 1)
        var series = curves.map { Series(label: $0.label, x: $0.x.map(log10), y: $0.y) }
        for s in report.series where s.panel == "suggestions" {
            guard let lr = s.params["lr"]?.doubleValue, lr > 0 else { continue }
            series.append(Series(label: "\(s.label) \(formatShort(lr))", x: [log10(lr), log10(lr)], y: [low, high]))
        }
        return [Panel(title: "loss by learning rate", xLabel: "log10(lr)", yLabel: "loss", series: series)]
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
            + "minimum: a tenth of the lowest loss; steep and Lightning: the steepest fall.", tone: .dim))
        return lines
    }
}
