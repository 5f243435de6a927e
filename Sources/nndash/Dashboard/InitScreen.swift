import Foundation
import NNCharts
import NNRuns
import NNStudies

/// The deep MLP's output std layer by layer, and the gains of the activations.
struct InitScreen: StudyScreen {
    let study = "init"
    /// The depth shown before the first snapshot arrives.
    var layers = 100

    func title(for snapshot: InitializationDepth.Snapshot?) -> String {
        "weight initialization through \(snapshot?.configuration.layers ?? layers) layers"
    }

    func panels(for snapshot: InitializationDepth.Snapshot) -> [Panel] {
        let schemes = InitializationDepth.Scheme.allCases
        let series = schemes.indices.map { i in
            Series(label: schemes[i].rawValue, x: snapshot.stds[i].indices.map { Double($0 + 1) }, y: snapshot.stds[i])
        }
        let healthy = schemes.indices.filter { snapshot.outcomes[$0].isHealthy }
        let failing = schemes.indices.filter { !snapshot.outcomes[$0].isHealthy }
        var divergedAt: [Int: Double] = [:]
        for (k, i) in failing.enumerated() {
            if let layer = snapshot.outcomes[i].overflowLayer { divergedAt[k] = Double(layer) }
        }
        var panels = [Panel(title: "std by layer: stable", xLabel: "layer", yLabel: "std",
                            series: healthy.map { series[$0] }, logY: true)]
        if !failing.isEmpty {
            panels.append(Panel(title: "std by layer: unstable", xLabel: "layer", yLabel: "std",
                                series: failing.map { series[$0] }, logY: true, divergedAt: divergedAt))
        }
        // Overflowed and vanished schemes have no final std: their bars read inf and -inf.
        let bars = schemes.indices.map { i in
            let o = snapshot.outcomes[i]
            let value = o.finalStd.map { $0 > 0 ? Foundation.log10($0) : -.infinity }
                ?? (o.overflowLayer != nil ? .infinity : -.infinity)
            return BarChart.Bar(label: schemes[i].rawValue, value: value)
        }
        let rows = snapshot.gains.map { g in
            [g.nonlinearity, formatFixed(g.gain, digits: 4), formatFixed(g.stdRatio, digits: 4)]
        }
        panels.append(Panel(title: "log10 of the std after the last layer", content: .bars(bars)))
        panels.append(Panel(title: "calculate_gain and std(act(x)) / std(x), x ~ N(0,1)",
                            content: .table(columns: ["nonlinearity", "gain", "std ratio"], rows: rows)))
        return panels
    }

    func findings(for snapshot: InitializationDepth.Snapshot, unicode: Bool) -> [Finding] {
        var lines: [Finding] = []
        for (i, (scheme, o)) in zip(InitializationDepth.Scheme.allCases, snapshot.outcomes).enumerated() {
            if let layer = o.overflowLayer {
                let value = formatShort(snapshot.stds[i][layer - 1])
                lines.append(Finding(text: "\(scheme.rawValue): std() is \(value) at layer \(layer)", tone: .bad))
            } else if let layer = o.vanishLayer {
                lines.append(Finding(text: "\(scheme.rawValue): vanishes at layer \(layer)", tone: .bad))
            } else if let std = o.finalStd {
                lines.append(Finding(text: "\(scheme.rawValue): std \(formatShort(std))", tone: .good))
            }
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: Self.explanation(snapshot), tone: .dim))
        return lines
    }

    /// Why the std grows or holds, with this run's width and the layer where float32 gave out.
    static func explanation(_ snapshot: InitializationDepth.Snapshot) -> String {
        let n = snapshot.configuration.width
        var text = "Var(Wx) = n·Var(w)·Var(x): with Var(w) = 1 and n = \(n) the std grows √n = "
            + "\(formatShort(snapshot.growthPerLayer))× a layer"
        let stds = snapshot.stds.first ?? []
        if let layer = snapshot.outcomes.first?.overflowLayer {
            text += ". At layer \(layer) "
            if layer >= 2 {
                text += "(std \(formatShort(stds[layer - 2])) the layer before) "
            }
            text += "float32 sums inside std() overflow past 3.4e38, so std() is \(formatShort(stds[layer - 1])), "
                + "as in PyTorch. Counting layers from 0, as the lesson's loop does, that is its layer \(layer - 1)."
        } else if let std = snapshot.outcomes.first?.finalStd {
            text += ", to \(formatShort(std)) after \(stds.count) layers."
        } else {
            text += "."
        }
        return text + " Var(w) = 1/n keeps it; Xavier and Kaiming add the activation's gain."
    }
}
