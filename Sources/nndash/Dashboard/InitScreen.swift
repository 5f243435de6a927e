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
        for (scheme, o) in zip(InitializationDepth.Scheme.allCases, snapshot.outcomes) {
            if let layer = o.overflowLayer {
                lines.append(Finding(text: "\(scheme.rawValue): overflows at layer \(layer)", tone: .bad))
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

    /// Why the std grows or holds, with this run's width and the layer it overflowed at.
    static func explanation(_ snapshot: InitializationDepth.Snapshot) -> String {
        let n = snapshot.configuration.width
        var text = "Var(Wx) = n·Var(w)·Var(x): with Var(w) = 1 and n = \(n) the std grows √n = "
            + "\(formatShort(snapshot.growthPerLayer))× a layer"
        let normal = snapshot.outcomes.first
        if let layer = normal?.overflowLayer {
            text += " and float32 overflowed at layer \(layer)."
        } else if let std = normal?.finalStd {
            text += ", to \(formatShort(std)) after \(snapshot.stds.first?.count ?? 0) layers."
        } else {
            text += "."
        }
        return text + " Var(w) = 1/n keeps it; Xavier and Kaiming add the activation's gain."
    }
}
