import NNRuns
import NNStudies

/// The temperature model: losses of each fit, the fitted lines over the data, train against validation.
struct RegressionScreen: ReportScreen {
    let study = "regression"
    let title = "linear model t_c = w·t_u + b on the thermometer readings"

    func panels(for report: StudyReport) -> [Panel] {
        let byPanel = Dictionary(grouping: report.series) { $0.panel ?? "" }
        return [
            Panel(title: "MSE loss by epoch", xLabel: "epoch", yLabel: "loss", series: byPanel["loss"] ?? [], logY: true),
            Panel(title: "fitted lines over the data", xLabel: "t_u", yLabel: "t_c", series: byPanel["fit"] ?? []),
            Panel(title: "train and validation loss (SGD lr=0.01, x0.1)", xLabel: "epoch", yLabel: "loss",
                  series: byPanel["split"] ?? [], logY: true),
        ]
    }

    func findings(for report: StudyReport, unicode: Bool) -> [Finding] {
        var lines: [Finding] = [Finding(text: "run: w, b, loss", tone: .heading)]
        for run in report.summary["runs"]?.arrayValue ?? [] {
            let p = run["final_params"]?.doubleArray ?? []
            let scale = run["input_scale"]?.doubleValue ?? 1
            let loss = run["final_loss"]?.doubleValue ?? .nan
            guard p.count == 2 else { continue }
            lines.append(Finding(text: (run["label"]?.stringValue ?? "") + ":", tone: loss < 3.5 ? .good : .plain))
            lines.append(Finding(text: "  w \(formatShort(p[0] * scale))  b \(formatShort(p[1]))  loss \(formatShort(loss))"))
        }
        if let split = report.summary["split"], let t = split["train_loss"]?.doubleValue,
           let v = split["validation_loss"]?.doubleValue {
            lines.append(Finding(text: ""))
            lines.append(Finding(text: "split: train \(formatShort(t)), validation \(formatShort(v))",
                                 tone: v > 3 * t ? .bad : .plain))
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "Raw t_u makes w's gradient ~50× b's: SGD must use a tiny lr and b barely moves. "
            + "Scaling t_u by 0.1 balances them; Adam adapts each step size itself. The best line is "
            + "t_c ≈ 0.537·t_u − 17.3 (Fahrenheit: 5/9 = 0.556, −17.8).", tone: .dim))
        return lines
    }
}
