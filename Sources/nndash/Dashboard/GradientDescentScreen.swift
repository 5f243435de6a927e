import NNRuns
import NNStudies
import NNCharts
import NNText

/// Gradient descent at one learning rate: the loss curve beside the path of x on f(x) = (2x)².
struct GradientDescentScreen: StudyScreen {
    let settings: LiveSettings<GradientDescent.Configuration>
    let study = "gd"

    func title(for snapshot: GradientDescent.Snapshot?) -> String {
        "gradient descent on f(x) = (2x)² at lr = \(NumberFormat.short(snapshot?.configuration.lr ?? settings.value.lr))"
    }

    var keys: [KeyBinding<StudyAction>] {
        [KeyBinding("[/]", "lr", help: "[ ]", "previous / next of the seed's learning rates (restarts)",
                    [(.character("["), .restart), (.character("]"), .restart)])]
    }

    func handle(_ key: Key) -> StudyAction? {
        let step: Int
        switch key {
        case .character("["): step = -1
        case .character("]"): step = 1
        default: return nil
        }
        let lrs = GradientDescent.seedLearningRates
        settings.update { c in
            let current = lrs.firstIndex(of: c.lr) ?? lrs.lastIndex { $0 >= c.lr } ?? 0
            c.lr = lrs[(current + step + lrs.count) % lrs.count]
        }
        return .restart
    }

    func panels(for snapshot: GradientDescent.Snapshot) -> [Panel] {
        let steps = snapshot.loss.indices.map(Double.init)
        let diverged = snapshot.verdict.divergedAt.map(Double.init)
        let ends = { (count: Int) in diverged.map { d in Dictionary(uniqueKeysWithValues: (0..<count).map { ($0, d) }) } ?? [:] }
        return [
            Panel(title: "loss by iteration", xLabel: "iteration", yLabel: "loss",
                  series: [Series(label: "loss", x: steps, y: snapshot.loss)], logY: true, divergedAt: ends(1)),
            Self.curvePanel(snapshot),
            Panel(title: "x and its gradient", xLabel: "iteration", yLabel: "value",
                  series: [Series(label: "x", x: steps, y: snapshot.x), Series(label: "grad", x: steps, y: snapshot.grad)],
                  divergedAt: ends(2)),
        ]
    }

    /// f(x) = (2x)² over the span the descent visited (at least [−1, 1]), and the points
    /// (x_t, f(x_t)) in the order visited, up to where the study found it diverged.
    static func curvePanel(_ snapshot: GradientDescent.Snapshot) -> Panel {
        var (x, y) = snapshot.path
        if let step = snapshot.verdict.divergedAt {
            x = Array(x.prefix(step)) + [.nan]
            y = Array(y.prefix(step)) + [.nan]
        }
        let reach = 1.1 * x.filter(\.isFinite).reduce(1) { Swift.max($0, Swift.abs($1)) }
        let top = 4 * reach * reach
        let grid = linspace(-reach, reach, count: 161)
        let curve = Series(label: "f(x) = (2x)²", x: grid, y: grid.map { 4 * $0 * $0 })
        let path = Series(label: "x_t for t = 0…\(max(0, x.filter(\.isFinite).count - 1))", x: x, y: y)
        // A blank grid: the panel is the curve and the path drawn over the x-y plane.
        let blank = HeatmapContent(values: [[.nan]], xRange: -reach...reach, yRange: 0...top, logValues: false,
                                   valueRange: 0...1)
        return Panel(title: "x on the curve", xLabel: "x", yLabel: "f(x)", series: [curve, path], content: .heatmap(blank))
    }

    func findings(for snapshot: GradientDescent.Snapshot, unicode: Bool) -> [Finding] {
        let factor = snapshot.errorFactor
        var lines = [Finding(text: "lr = \(NumberFormat.short(snapshot.configuration.lr))", tone: .heading)]
        lines.append(Finding(text: "error × \(NumberFormat.short(factor)) per step"))
        lines.append(Finding(text: snapshot.behaviour.text, tone: snapshot.behaviour == .diverges ? .bad : .good))
        lines.append(Finding(text: "loss: \(snapshot.verdict.verdict.text)", tone: snapshot.verdict.diverged ? .bad : .plain))
        if let x = snapshot.x.last { lines.append(Finding(text: "x now \(NumberFormat.short(x))")) }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "f′(x) = 8x, so x ← x − lr·8x = (1 − 8·lr)·x. The seed's rates: "
            + "1 and 0.5 diverge, 0.2 oscillates in, 0.125 lands in one step, 0.1 and 0.02 creep in.", tone: .dim))
        return lines
    }
}
