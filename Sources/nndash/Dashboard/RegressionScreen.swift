import NNRuns
import NNStudies
import NNText

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
        panels.append(Panel(title: "grad_fn against autograd",
                            content: .table(columns: ["fit", "of L", "grad_fn", "autograd"], rows: Self.gradientRows(snapshot))))
        return panels
    }

    /// Two rows a fit, ∂L/∂w and ∂L/∂b: by the lesson's hand-written functions and by autograd.
    static func gradientRows(_ snapshot: TemperatureRegression.Snapshot) -> [[String]] {
        zip(snapshot.fits, snapshot.gradients).flatMap { trace, check -> [[String]] in
            guard let check else { return [] }
            let f = { (v: Double) in NumberFormat.short(v, digits: 6, suffixes: false) }
            return [[trace.run.label, "∂L/∂w", f(check.manual[0]), f(check.autograd[0])],
                    ["", "∂L/∂b", f(check.manual[1]), f(check.autograd[1])]]
        }
    }

    /// A fit's parameters: w as the model learnt it (on the scaled input, as the lesson prints
    /// it) and converted to raw t_u units, each labelled; b; the loss.
    static func parameterLines(w: Double, b: Double, inputScale: Double, loss: Double) -> [Finding] {
        let f = { (v: Double) in NumberFormat.short(v, digits: 5, suffixes: false) }
        var lines: [Finding] = []
        if inputScale == 1 {
            lines.append(Finding(text: "  w \(f(w)) (on t_u)"))
        } else {
            lines.append(Finding(text: "  w \(f(w)) (on \(NumberFormat.short(inputScale))·t_u), \(f(w * inputScale)) (on t_u)"))
        }
        lines.append(Finding(text: "  b \(f(b))  loss \(NumberFormat.short(loss))"))
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
            lines.append(Finding(text: "split: train \(NumberFormat.short(t)), validation \(NumberFormat.short(v))",
                                 tone: v > 3 * t ? .bad : .plain))
            lines.append(Finding(text: "held out: readings \(snapshot.validationIndices.map(String.init).joined(separator: ", ")) "
                + "(last of randperm, seed \(snapshot.configuration.seed))", tone: .dim))
            lines.append(Finding(text: "lesson 004's lines (epoch from 1):", tone: .heading))
            lines.append(.row(["epoch", "train", "validation"], tone: .dim))
            for line in split.lessonLines {
                lines.append(.row(["\(line.epoch)", NumberFormat.fixed(line.train, decimals: 4), NumberFormat.fixed(line.validation, decimals: 4)]))
            }
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: Self.gradientText(snapshot), tone: .dim))
        lines.append(Finding(text: ""))
        lines.append(Finding(text: Self.gradModeText(snapshot.gradMode), tone: .dim))
        return lines
    }

    /// Why raw input needs a tiny lr, from the gradients at the start.
    static func gradientText(_ snapshot: TemperatureRegression.Snapshot) -> String {
        var text = ""
        let starts = zip(snapshot.fits, snapshot.startGradients)
        if let raw = starts.first(where: { $0.0.run.inputScale == 1 })?.1 {
            let g = raw.autograd
            text += "At w = 1, b = 0 on raw t_u, ∂L/∂w = \(NumberFormat.short(g[0])) is \(NumberFormat.short(abs(g[0] / g[1])))× "
                + "∂L/∂b = \(NumberFormat.short(g[1])): an lr small enough for w barely moves b. "
        }
        if let scaled = starts.first(where: { $0.0.run.inputScale != 1 }) {
            let g = scaled.1.autograd
            text += "On \(NumberFormat.short(scaled.0.run.inputScale))·t_u they are \(NumberFormat.short(g[0])) and \(NumberFormat.short(g[1])). "
        }
        text += "grad_fn is the chain rule by hand: dloss_fn = 2(t_p − t_c)/N times dmodel_dw = t_u or dmodel_db = 1, summed"
        if let worst = snapshot.startGradients.map(\.relativeDifference).max() {
            text += "; at the start it agrees with autograd to \(NumberFormat.short(worst, digits: 2)) of the gradient. "
                + "Near the minimum both are sums of float32 terms that nearly cancel, so their last digits differ"
        }
        return text + ". Adam scales each step by its gradient's size. The best line is "
            + "t_c ≈ 0.537·t_u − 17.3 (Fahrenheit: 5/9 = 0.556, −17.8)."
    }

    /// What no_grad and set_grad_enabled did to a loss computed inside them, as the engine measured.
    static func gradModeText(_ mode: TemperatureRegression.GradModeCheck) -> String {
        "The validation loss is computed before step(), at the training loss's w and b, with gradients off: "
            + "requires_grad is \(mode.plain) outside a scope, \(mode.noGrad) inside no_grad(), "
            + "\(mode.disabled) inside set_grad_enabled(False), \(mode.enabledInsideNoGrad) inside "
            + "set_grad_enabled(True) within no_grad(). Without a graph it costs less and backward() "
            + "cannot mix it into w.grad; set_grad_enabled(is_train) picks train or evaluation with one flag."
    }
}
