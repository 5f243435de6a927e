import NNRuns
import NNStudies
import NNText

/// Each activation beside its gradient, and softmax's Jacobian.
struct ActivationsScreen: StudyScreen {
    let study = "activations"

    func title(for snapshot: ActivationGallery.Snapshot?) -> String { "activations and their gradients (autograd)" }

    func panels(for snapshot: ActivationGallery.Snapshot) -> [Panel] {
        var panels = snapshot.curves.map { c in
            // The title names the activation, so its line is just y. A panel is wide enough for
            // the title and y's entry on one row and tall enough for d/dx's on a second: where
            // the gallery cannot give every panel that, the later ones fold (tab shows each).
            var panel = Panel(title: c.name, xLabel: "x", yLabel: "",
                              series: [Series(label: "y", x: c.x, y: c.y), Series(label: "d/dx", x: c.x, y: c.grad)])
            panel.minimumWidth = Self.legendWidth(title: c.name)
            panel.minimumHeight = Self.legendHeight
            return panel
        }
        let jacobian = snapshot.softmaxJacobian
        if !jacobian.isEmpty {
            let input = snapshot.configuration.softmaxInput
            let columns = ["∂s_i/∂v_j"] + input.indices.map { "j=\($0)" }
            let rows = jacobian.enumerated().map { i, row in
                ["i=\(i)"] + row.map { NumberFormat.fixed($0, decimals: 3) }
            }
            panels.append(Panel(title: "softmax Jacobian at v = [\(input.map { NumberFormat.short($0) }.joined(separator: ", "))]",
                                content: .table(columns: columns, rows: rows)))
        }
        return panels
    }

    /// The columns a panel titled `title` needs for its title and y's legend entry on one row
    /// and d/dx's on the next: a key, a swatch, a name and a value of up to `valueWidth` each.
    static func legendWidth(title: String) -> Int {
        let entry = { (name: String) in "1 ━━ ".count + name.count + 1 + valueWidth }
        return max(title.count + 2 + entry("y"), entry("d/dx")) + 1
    }

    /// The widest value a legend entry shows (e.g. `-0.0066`).
    static let valueWidth = 7

    /// The rows a panel needs for two legend rows (a chart gives its header a sixth of its height).
    static let legendHeight = 12

    func findings(for snapshot: ActivationGallery.Snapshot, unicode: Bool) -> [Finding] {
        var lines = [Finding(text: "Each panel: the activation and d/dx from y.sum().backward().", tone: .dim)]
        if let g = snapshot.softmaxSumGradMaxAbs {
            lines.append(Finding(text: ""))
            lines.append(Finding(text: "softmax: Σ softmax(x) = 1 whatever x, so its gradient is 0 (max |grad| \(NumberFormat.short(g))).",
                                 tone: .good))
            lines.append(Finding(text: "Its Jacobian s_i(δ_ij − s_j) is not zero: every row sums to 0.", tone: .dim))
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "sigmoid's gradient peaks at 0.25 and vanishes in the tails; tanh peaks at 1; "
            + "relu's is 0 or 1; leaky_relu keeps 0.1 below 0.", tone: .dim))
        lines.append(Finding(text: ""))
        lines += Self.guide
        return lines
    }

    /// Lesson 003's rule of where each activation goes, as side-panel lines.
    static let guide: [Finding] = [Finding(text: "Where they go (lesson 003)", tone: .heading),
        Finding(text: "hidden layers: " + ActivationRole.hidden.joined(separator: ", ")
            + "; leaky_relu where ReLU units die")]
        + ActivationRole.outputs.map { Finding(text: "output, \($0.task): \($0.activation), with \($0.loss)") }

    /// The selected activation's place in a network (the Jacobian's panel is softmax's).
    func caption(for snapshot: ActivationGallery.Snapshot, panel: Int) -> String? {
        let name = snapshot.curves.indices.contains(panel) ? snapshot.curves[panel].name : "softmax"
        guard let role = ActivationRole.of(name) else { return nil }
        return "\(name) · \(role.layers): \(role.why)"
    }
}
