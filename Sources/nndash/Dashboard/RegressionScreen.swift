import NNRuns
import NNStudies

/// The temperature model: losses of each fit, the fitted lines over the data, train against validation.
struct RegressionScreen: ReportScreen {
    let study = "regression"
    let title = "linear model t_c = w·t_u + b on the thermometer readings"

    func panels(for report: StudyReport) -> [Panel] {
        let byPanel = Dictionary(grouping: report.series) { $0.panel ?? "" }
        let fit = byPanel["fit"] ?? []
        return [
            Panel(title: "MSE loss by epoch", xLabel: "epoch", yLabel: "loss", series: byPanel["loss"] ?? [], logY: true),
            // The readings are measurements: points, not a line (they would read as a fifth fit).
            Panel(title: "fitted lines over the readings", xLabel: "t_u", yLabel: "t_c", series: fit,
                  pointSeries: Set(fit.indices.filter { fit[$0].label == "data" })),
            Panel(title: "train and validation loss (SGD lr=0.01, x0.1)", xLabel: "epoch", yLabel: "loss",
                  series: byPanel["split"] ?? [], logY: true),
        ]
    }

    /// A fit's parameters: w as the model learnt it (on the scaled input, as the lesson prints
    /// it) and converted to raw t_u units, each labelled; b; the loss.
    static func parameterLines(w: Double, b: Double, inputScale: Double, loss: Double) -> [Finding] {
        let f = { (v: Double) in formatShort(v, significant: 5) }
        var lines: [Finding] = []
        if inputScale == 1 {
            lines.append(Finding(text: "  w \(f(w)) (on t_u)"))
        } else {
            lines.append(Finding(text: "  w \(f(w)) (on \(formatShort(inputScale))·t_u), \(f(w * inputScale)) (on t_u)"))
        }
        lines.append(Finding(text: "  b \(f(b))  loss \(formatShort(loss))"))
        return lines
    }

    func findings(for report: StudyReport, unicode: Bool) -> [Finding] {
        var lines: [Finding] = [Finding(text: "run: w, b, loss", tone: .heading)]
        for run in report.summary["runs"]?.arrayValue ?? [] {
            let p = run["final_params"]?.doubleArray ?? []
            let scale = run["input_scale"]?.doubleValue ?? 1
            let loss = run["final_loss"]?.doubleValue ?? .nan
            guard p.count == 2 else { continue }
            lines.append(Finding(text: (run["label"]?.stringValue ?? "") + ":", tone: loss < 3.5 ? .good : .plain))
            lines.append(contentsOf: Self.parameterLines(w: p[0], b: p[1], inputScale: scale, loss: loss))
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
