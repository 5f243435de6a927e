import NNRuns
import NNStudies

/// Each activation beside its gradient, and softmax's Jacobian.
struct ActivationsScreen: ReportScreen {
    let study = "activations"
    let title = "activations and their gradients (autograd)"

    func panels(for report: StudyReport) -> [Panel] {
        var order: [String] = []
        for s in report.series where !order.contains(s.panel ?? "") { order.append(s.panel ?? "") }
        var panels = order.map { name in
            Panel(title: name, xLabel: "x", yLabel: "", series: report.series.filter { $0.panel == name })
        }
        if let jacobian = report.summary["softmax_jacobian"]?.arrayValue, !jacobian.isEmpty {
            let input = report.params["softmax_input"]?.doubleArray ?? []
            let columns = ["∂s_i/∂v_j"] + input.indices.map { "j=\($0)" }
            let rows = jacobian.enumerated().map { i, row in
                ["i=\(i)"] + (row.doubleArray ?? []).map { formatFixed($0, digits: 3) }
            }
            panels.append(Panel(title: "softmax Jacobian at v = \(input.map { formatShort($0) })",
                                content: .table(columns: columns, rows: rows)))
        }
        return panels
    }

    func findings(for report: StudyReport, unicode: Bool) -> [Finding] {
        var lines = [Finding(text: "Each panel: the activation and d/dx from y.sum().backward().", tone: .dim)]
        if let g = report.summary["softmax_sum_grad_max_abs"]?.doubleValue {
            lines.append(Finding(text: ""))
            lines.append(Finding(text: "softmax: Σ softmax(x) = 1 whatever x, so its gradient is 0 (max |grad| \(formatShort(g))).",
                                 tone: .good))
            lines.append(Finding(text: "Its Jacobian s_i(δ_ij − s_j) is not zero: every row sums to 0.", tone: .dim))
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "sigmoid's gradient peaks at 0.25 and vanishes in the tails; tanh peaks at 1; "
            + "relu's is 0 or 1; leaky_relu keeps 0.1 below 0.", tone: .dim))
        return lines
    }
}
