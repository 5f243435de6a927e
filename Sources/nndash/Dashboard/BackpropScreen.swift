import NNCharts
import NNRuns
import NNStudies
import NNText

/// The 2-2-2 network as a diagram of its latest step, its weights' table, and the loss.
struct BackpropScreen: StudyScreen {
    let study = "backprop"

    func title(for snapshot: Backprop222.Snapshot?) -> String { "backpropagation through a 2-2-2 sigmoid network" }

    func panels(for snapshot: Backprop222.Snapshot) -> [Panel] {
        let loss = Self.lossPanel(snapshot.losses)
        guard let step = snapshot.latest else { return [loss] }
        return [
            Panel(title: "latest step: forward values, weights w and gradients ∂",
                  content: .diagram(Self.diagram(step, configuration: snapshot.configuration))),
            Panel(title: "weights: before, gradient, after the step",
                  content: .table(columns: ["weight", "before", "∂loss/∂w", "after"], rows: Self.rows(step))),
            loss,
        ]
    }

    /// The loss by step: a curve from two steps on; before that a line of one point says
    /// nothing, so the loss is a number in a table.
    static func lossPanel(_ losses: [Double]) -> Panel {
        guard losses.count > 1 else {
            return Panel(title: "loss (one step; --steps N draws its curve)",
                         content: .table(columns: ["step", "loss"],
                                         rows: losses.enumerated().map { ["\($0.offset)", NumberFormat.fixed($0.element, decimals: 6)] }))
        }
        let loss = Series(label: "loss", x: losses.indices.map(Double.init), y: losses)
        return Panel(title: "loss by step", xLabel: "step", yLabel: "loss", series: [loss], logY: true)
    }

    /// The names of the eight weights and four biases, as (tensor, index) in the network.
    static let parameters: [(name: String, tensor: String, index: Int)] = [
        ("w1", "linear1.weight", 0), ("w2", "linear1.weight", 1), ("w3", "linear1.weight", 2), ("w4", "linear1.weight", 3),
        ("w5", "linear2.weight", 0), ("w6", "linear2.weight", 1), ("w7", "linear2.weight", 2), ("w8", "linear2.weight", 3),
        ("b1 (h1)", "linear1.bias", 0), ("b1 (h2)", "linear1.bias", 1), ("b2 (o1)", "linear2.bias", 0), ("b2 (o2)", "linear2.bias", 1),
    ]

    static func rows(_ step: Backprop222.StepValues) -> [[String]] {
        parameters.map { p in
            [p.name, NumberFormat.fixed(step.value(p.tensor, .before, p.index), decimals: 6),
             NumberFormat.fixed(step.value(p.tensor, .grad, p.index), decimals: 6),
             NumberFormat.fixed(step.value(p.tensor, .after, p.index), decimals: 6)]
        }
    }

    static func diagram(_ step: Backprop222.StepValues, configuration: Backprop222.Configuration) -> Diagram {
        let f = { (v: Double) in NumberFormat.fixed(v, decimals: 4) }
        let at = { (values: [Double], i: Int) in values.indices.contains(i) ? values[i] : .nan }
        var boxes: [Diagram.Box] = []
        for i in 0..<2 {
            boxes.append(Diagram.Box(title: "i\(i + 1)", lines: [f(Double(configuration.input[i]))], column: 0))
        }
        // Every box of a layer has the same rows, so that a small panel drops the same ones from each.
        for i in 0..<2 {
            boxes.append(Diagram.Box(title: "h\(i + 1) σ", lines: [
                "out " + f(at(step.hidden, i)),
                "∂b " + NumberFormat.short(step.value("linear1.bias", .grad, i)),
            ], column: 1, color: .cyan))
        }
        for i in 0..<2 {
            boxes.append(Diagram.Box(title: "o\(i + 1) σ", lines: [
                "out " + f(at(step.output, i)),
                "∂b " + NumberFormat.short(step.value("linear2.bias", .grad, i)),
                "target " + f(Double(configuration.target[i])),
            ], column: 2, color: .green))
        }
        // The weight with its gradient, the weight alone, its name: the longest that fits.
        let labels = { (name: String, tensor: String, index: Int) -> [String] in
            let value = "\(name)=\(NumberFormat.fixed(step.value(tensor, .before, index), decimals: 2))"
            return ["\(value) ∂\(NumberFormat.short(step.value(tensor, .grad, index)))", value, name]
        }
        // linear.weight[out][in]: w1 i1→h1, w2 i2→h1, w3 i1→h2, w4 i2→h2; w5 h1→o1, w6 h2→o1, w7 h1→o2, w8 h2→o2.
        let arrows = (0..<4).map { k in
            Diagram.Arrow(from: k % 2, to: 2 + k / 2, labels: labels("w\(k + 1)", "linear1.weight", k))
        } + (0..<4).map { k in
            Diagram.Arrow(from: 2 + k % 2, to: 4 + k / 2, labels: labels("w\(k + 5)", "linear2.weight", k))
        }
        return Diagram(boxes: boxes, arrows: arrows)
    }

    func findings(for snapshot: Backprop222.Snapshot, unicode: Bool) -> [Finding] {
        var lines: [Finding] = []
        if let first = snapshot.first {
            lines.append(Finding(text: "loss at the start: \(NumberFormat.fixed(first.loss, decimals: 6))", tone: .heading))
        }
        if snapshot.losses.count > 1, let loss = snapshot.losses.last {
            lines.append(Finding(text: "loss now: \(NumberFormat.fixed(loss, decimals: 6)) after \(counted(snapshot.losses.count, "step"))",
                                 tone: .good))
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "Output layer: δ_o = ∂L/∂out_o · out_o(1 − out_o); ∂L/∂w5 = δ_o1 · out_h1. "
            + "Hidden layer: δ_h = (Σ_o δ_o·w_oh) · out_h(1 − out_h); ∂L/∂w1 = δ_h1 · i1. "
            + "Then w ← w − lr·∂L/∂w.", tone: .dim))
        return lines
    }
}
