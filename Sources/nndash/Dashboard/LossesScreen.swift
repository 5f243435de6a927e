import NNRuns
import NNStudies

/// Each loss and its gradient against the prediction, and the worked examples.
struct LossesScreen: ReportScreen {
    let study = "losses"
    let title = "loss functions against the prediction"

    func panels(for report: StudyReport) -> [Panel] {
        var order: [String] = []
        for s in report.series where !order.contains(s.panel ?? "") { order.append(s.panel ?? "") }
        var panels = order.map { name in
            Panel(title: name, xLabel: "prediction", yLabel: "", series: report.series.filter { $0.panel == name })
        }
        let rows = (report.summary["examples"]?.arrayValue ?? []).map { example -> [String] in
            let value = example["value"]
            let text = value?.doubleValue.map { formatFixed($0, digits: 4) }
                ?? "[" + (value?.doubleArray ?? []).map { formatFixed($0, digits: 4) }.joined(separator: ", ") + "]"
            return [example["name"]?.stringValue ?? "", text]
        }
        if !rows.isEmpty {
            panels.append(Panel(title: "worked examples", content: .table(columns: ["example", "value"], rows: rows)))
        }
        return panels
    }

    func findings(for report: StudyReport, unicode: Bool) -> [Finding] {
        [
            Finding(text: "Each panel: the loss of one prediction against a fixed target, and d/dpred from autograd.", tone: .dim),
            Finding(text: ""),
            Finding(text: "MSE's gradient grows with the error; L1's is ±1; SmoothL1 and Huber are quadratic "
                + "near the target and linear beyond beta / delta. BCE's gradient blows up as p → 0; "
                + "with logits it is sigmoid(z) − 1, bounded.", tone: .dim),
            Finding(text: ""),
            Finding(text: "CrossEntropy of [1,2] for class 0 is log(1 + e) = 1.3133; weights divide by the "
                + "summed weights of the targets; ignore_index drops those rows from the mean.", tone: .dim),
        ]
    }
}
