import Foundation
import NNCharts
import NNRuns
import NNStudies
import NNText

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
        // Gradients of a network whose output overflowed are not numbers: those schemes have no line.
        let gradients = schemes.indices.map { i in
            let finite = snapshot.gradientStds[i].enumerated().filter { $0.element.isFinite && $0.element > 0 }
            return Series(label: schemes[i].rawValue, x: finite.map { Double($0.offset + 1) }, y: finite.map(\.element))
        }
        panels.append(Panel(title: "std of ∂L/∂W by layer, L = \(InitializationDepth.gradientLoss)", xLabel: "layer",
                            yLabel: "grad std", series: gradients, logY: true))
        // Overflowed and vanished schemes have no final std: their bars read inf and -inf.
        let bars = schemes.indices.map { i in
            let o = snapshot.outcomes[i]
            let value = o.finalStd.map { $0 > 0 ? Foundation.log10($0) : -.infinity }
                ?? (o.overflowLayer != nil ? .infinity : -.infinity)
            return BarChart.Bar(label: schemes[i].rawValue, value: value)
        }
        let rows = snapshot.gains.map { g in
            [g.nonlinearity, NumberFormat.fixed(g.gain, decimals: 4), NumberFormat.fixed(g.inverseStdRatio, decimals: 4), NumberFormat.fixed(g.rmsRatio, decimals: 4)]
        }
        panels.append(Panel(title: "log10 of the std after the last layer", content: .bars(bars)))
        panels.append(Panel(title: "calculate_gain against f's shrink, x ~ N(0,1)",
                            content: .table(columns: ["f", "gain", "std x/f(x)", "rms x/f(x)"], rows: rows)))
        return panels
    }

    func findings(for snapshot: InitializationDepth.Snapshot, unicode: Bool) -> [Finding] {
        var lines: [Finding] = []
        for (i, (scheme, o)) in zip(InitializationDepth.Scheme.allCases, snapshot.outcomes).enumerated() {
            let layers = snapshot.stds[i].count
            if let layer = o.overflowLayer {
                let value = NumberFormat.short(snapshot.stds[i][layer - 1])
                lines.append(Finding(text: "\(scheme.rawValue): std() is \(value) at layer \(layer)", tone: .bad))
            } else if let layer = o.vanishLayer {
                lines.append(Finding(text: "\(scheme.rawValue): vanishes at layer \(layer)", tone: .bad))
            } else if let std = o.finalStd, let ratio = o.ratio, o.isShrinking {
                lines.append(Finding(text: "\(scheme.rawValue): vanishing, std \(NumberFormat.short(std)) at layer \(layers), "
                    + "\(NumberFormat.short(1 / ratio))× below layer 1", tone: .bad))
            } else if let std = o.finalStd, let ratio = o.ratio, o.isGrowing {
                lines.append(Finding(text: "\(scheme.rawValue): exploding, std \(NumberFormat.short(std)) at layer \(layers), "
                    + "\(NumberFormat.short(ratio))× above layer 1", tone: .bad))
            } else if let std = o.finalStd {
                lines.append(Finding(text: "\(scheme.rawValue): std \(NumberFormat.short(std))", tone: .good))
            }
        }
        if snapshot.gradientStds.contains(where: { !$0.isEmpty }) {
            lines.append(Finding(text: ""))
            lines.append(.row(["std of ∂L/∂W", "layer 1", "last layer"], tone: .heading))
            for (scheme, g) in zip(InitializationDepth.Scheme.allCases, snapshot.gradientStds) where !g.isEmpty {
                let f = { (v: Double) in v.isFinite ? NumberFormat.short(v) : "not a number" }
                lines.append(.row([scheme.rawValue, f(g[0]), f(g[g.count - 1])]))
            }
        }
        if let text = Self.gradientText(snapshot) {
            lines.append(Finding(text: text, tone: .dim))
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: Self.explanation(snapshot), tone: .dim))
        lines.append(Finding(text: ""))
        lines.append(Finding(text: Self.formulas, tone: .dim))
        if let text = Self.gainText(snapshot) {
            lines.append(Finding(text: ""))
            lines.append(Finding(text: text, tone: .dim))
        }
        return lines
    }

    /// Why tanh under Xavier has a large first-layer gradient while its forward std holds.
    static func gradientText(_ snapshot: InitializationDepth.Snapshot) -> String? {
        guard let i = InitializationDepth.Scheme.allCases.firstIndex(of: .tanhXavier),
              let growth = snapshot.gradientGrowthPerLayer(.tanhXavier), growth > 1.01,
              let first = snapshot.gradientStds[i].first, let last = snapshot.gradientStds[i].last else { return nil }
        let kaiming = InitializationDepth.Scheme.allCases.firstIndex(of: .reluKaiming)
            .flatMap { snapshot.gradientStds[$0].first }
        return "tanh xavier's ∂L/∂W is \(NumberFormat.short(first)) at layer 1 and \(NumberFormat.short(last)) at the last"
            + (kaiming.map { " (relu kaiming: \(NumberFormat.short($0)) at layer 1)" } ?? "")
            + ": going back, each layer multiplies the gradient by about √(n·Var(w)·E[tanh′(z)²]). Gain 5/3 "
            + "makes n·Var(w) = 25/9 ≈ 2.8; forward, tanh flattens large z and the std settles, but backward "
            + "tanh′(z) does not take back all of 2.8, so the factor stays above 1: here \(NumberFormat.fixed(growth, decimals: 3))× a layer. "
            + "PyTorch gives the same for the same seeds (nndash parity, experiment/init_depth)."
    }

    /// PyTorch's two initializations.
    static let formulas = "Xavier (Glorot): Var(w) = gain²·2/(fan_in + fan_out), xavier_uniform draws from "
        + "±gain·√(6/(fan_in + fan_out)); it holds the std through an activation that is linear near 0 (tanh, "
        + "gain 5/3). Kaiming (He): std(w) = gain/√fan_in, gain = √(2/(1 + a²)) (ReLU: √2), since ReLU keeps "
        + "half of E[z²]."

    /// What the gain table says and how it relates to the lesson's measurement.
    static func gainText(_ snapshot: InitializationDepth.Snapshot) -> String? {
        guard let tanh = snapshot.gains.first(where: { $0.nonlinearity == "tanh" }),
              let relu = snapshot.gains.first(where: { $0.nonlinearity == "relu" }) else { return nil }
        return "calculate_gain(f) is what the weights' std is multiplied by to give back what f takes away. For "
            + "x ~ N(0, 1), std(x)/std(tanh(x)) = \(NumberFormat.fixed(tanh.inverseStdRatio, decimals: 3)) (the lesson's 1.598, "
            + "the inverse of std(tanh(x))/std(x) = \(NumberFormat.fixed(tanh.stdRatio, decimals: 3))), near the gain 5/3 = 1.667, "
            + "a rounded constant. For ReLU the gain √2 = 1.414 is the ratio of root mean squares "
            + "(\(NumberFormat.fixed(relu.rmsRatio, decimals: 3))), not of stds (\(NumberFormat.fixed(relu.inverseStdRatio, decimals: 3))): "
            + "the next layer sees E[relu(z)²]."
    }

    /// Why the std grows or holds, with this run's width and the layer where float32 gave out.
    static func explanation(_ snapshot: InitializationDepth.Snapshot) -> String {
        let n = snapshot.configuration.width
        var text = "Var(Wx) = n·Var(w)·Var(x): with Var(w) = 1 and n = \(n) the std grows √n = "
            + "\(NumberFormat.short(snapshot.growthPerLayer))× a layer"
        let stds = snapshot.stds.first ?? []
        if let layer = snapshot.outcomes.first?.overflowLayer {
            text += ". At layer \(layer) "
            if layer >= 2 {
                text += "(std \(NumberFormat.short(stds[layer - 2])) the layer before) "
            }
            text += "float32 sums inside std() overflow past 3.4e38, so std() is \(NumberFormat.short(stds[layer - 1])), "
                + "as in PyTorch. Counting layers from 0, as the lesson's loop does, that is its layer \(layer - 1)."
        } else if let std = snapshot.outcomes.first?.finalStd {
            text += ", to \(NumberFormat.short(std)) after \(counted(stds.count, "layer"))."
        } else {
            text += "."
        }
        text += " Var(w) = 1/n keeps it; Xavier and Kaiming add the activation's gain."
        let schemes = InitializationDepth.Scheme.allCases
        if let i = schemes.firstIndex(of: .tanh), let std = snapshot.outcomes[i].finalStd {
            text += " tanh with 1/√n loses std at every layer (tanh's slope is below 1 away from 0): "
                + "\(NumberFormat.short(std)) after \(counted(snapshot.stds[i].count, "layer")) and still falling."
        }
        if let i = schemes.firstIndex(of: .reluXavier), let std = snapshot.outcomes[i].finalStd ?? snapshot.stds[i].last {
            let g = InitializationDepth.Snapshot.reluXavierGrowth
            text += " ReLU under Xavier with tanh's gain grows (5/3)/√2 = \(NumberFormat.fixed(g, decimals: 3))× a layer "
                + "(\(NumberFormat.short(Foundation.pow(g, Double(snapshot.stds[i].count)))) over \(snapshot.stds[i].count) "
                + "layers; measured \(NumberFormat.short(std))): the failure that Kaiming's gain √2 answers."
        }
        return text
    }
}
