import Foundation
import NNCharts
import NNRuns
import NNStudies

/// The deep MLP's output std layer by layer, and the gains of the activations.
struct InitScreen: ReportScreen {
    let study = "init"
    let title = "weight initialization through 100 layers"

    func panels(for report: StudyReport) -> [Panel] {
        let gains = report.summary["gains"]?.arrayValue ?? []
        let rows = gains.map { g in
            [g["nonlinearity"]?.stringValue ?? "", formatFixed(g["gain"]?.doubleValue ?? .nan, digits: 4),
             formatFixed(g["std_ratio"]?.doubleValue ?? .nan, digits: 4)]
        }
        let bars = report.series.map { s in
            BarChart.Bar(label: s.label, value: Self.log10(s.y.last { $0.isFinite } ?? .nan))
        }
        return [
            Panel(title: "std of each layer's output", xLabel: "layer", yLabel: "std", series: report.series, logY: true),
            Panel(title: "log10 of the last finite std", content: .bars(bars)),
            Panel(title: "calculate_gain and std(act(x)) / std(x), x ~ N(0,1)",
                  content: .table(columns: ["nonlinearity", "gain", "std ratio"], rows: rows)),
        ]
    }

    private static func log10(_ value: Double) -> Double { value > 0 ? Foundation.log10(value) : .nan }

    func findings(for report: StudyReport, unicode: Bool) -> [Finding] {
        var lines: [Finding] = []
        for s in report.summary["schemes"]?.arrayValue ?? [] {
            let name = s["scheme"]?.stringValue ?? ""
            if let layer = s["overflow_layer"]?.intValue {
                lines.append(Finding(text: "\(name): overflows at layer \(layer)", tone: .bad))
            } else if let layer = s["vanish_layer"]?.intValue {
                lines.append(Finding(text: "\(name): vanishes at layer \(layer)", tone: .bad))
            } else {
                lines.append(Finding(text: "\(name): std \(formatShort(s["final_std"]?.doubleValue ?? .nan))", tone: .good))
            }
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "Var(Wx) = n·Var(w)·Var(x): with Var(w) = 1 and n = 256 the std grows 16× a layer "
            + "until std()'s float32 sum overflows (NaN, as in PyTorch, near layer 31); Var(w) = 1/n keeps it. "
            + "Xavier and Kaiming add the activation's gain.",
            tone: .dim))
        return lines
    }
}
