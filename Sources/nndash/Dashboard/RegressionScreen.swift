import NNRuns
import NNStudies

/// The temperature model: losses of each fit, the fitted lines over the data, train against validation.
struct RegressionScreen: StudyScreen {
    let study = "regression"

    func title(for snapshot: TemperatureRegression.Snapshot?) -> String {
        "linear model t_c = w·t_u + b on the thermometer readings"
    }

    func panels(for snapshot: TemperatureRegression.Snapshot) -> [Panel] {
        let epochs = { (values: [Double]) in values.indices.map(Double.init) }
        let losses = snapshot.fits.map { Series(label: $0.run.label, x: epochs($0.loss), y: $0.loss) }
        let readings = TemperatureRegression.Snapshot.readings
        let span = TemperatureRegression.Snapshot.span
        let lines = snapshot.fits.map { trace in
            let ends = trace.w.isEmpty ? [] : span
            return Series(label: trace.run.label, x: ends, y: ends.compactMap(trace.line(at:)))
        }
        let split = snapshot.split.map { [Series(label: "train", x: epochs($0.loss), y: $0.loss),
                                          Series(label: "validation", x: epochs($0.validationLoss), y: $0.validationLoss)] } ?? []
        let splitRun = TemperatureRegression.splitRun
        var panels = [
            Panel(title: "MSE loss by epoch", xLabel: "epoch", yLabel: "loss", series: losses, logY: true),
            // The readings are measurements: points, not a line (they would read as a fifth fit).
            Panel(title: "fitted lines over the readings", xLabel: "t_u", yLabel: "t_c",
                  series: [Series(label: "data", x: readings.tu, y: readings.tc)] + lines, pointSeries: [0]),
        ]
        if !split.isEmpty {
            panels.append(Panel(title: "train and validation loss (\(splitRun.label))", xLabel: "epoch", yLabel: "loss",
                                series: split, logY: true))
        }
        return panels
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

    func findings(for snapshot: TemperatureRegression.Snapshot, unicode: Bool) -> [Finding] {
        var lines: [Finding] = [Finding(text: "run: w, b, loss", tone: .heading)]
        for trace in snapshot.fits {
            guard let w = trace.w.last, let b = trace.b.last, let loss = trace.loss.last else { continue }
            lines.append(Finding(text: trace.run.label + ":", tone: loss < 3.5 ? .good : .plain))
            lines.append(contentsOf: Self.parameterLines(w: w, b: b, inputScale: trace.run.inputScale, loss: loss))
        }
        if let split = snapshot.split, let t = split.loss.last, let v = split.validationLoss.last {
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
