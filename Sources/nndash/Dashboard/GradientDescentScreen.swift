import NNRuns
import NNStudies
import NNTerminal

/// Gradient descent at one learning rate: the loss curve beside the path of x on f(x) = (2x)².
struct GradientDescentScreen: StudyScreen {
    let settings: LiveSettings<GradientDescent.Configuration>
    let study = "gd"
    var title: String { "gradient descent on f(x) = (2x)² at lr = \(formatShort(settings.value.lr))" }

    var keyHelp: [String] { ["[ ]      previous / next of the seed's lrs"] }

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

    func panels(for report: StudyReport) -> [Panel] {
        let byPanel = Dictionary(grouping: report.series) { $0.panel ?? "" }
        return [
            Panel(title: "loss by iteration", xLabel: "iteration", yLabel: "loss",
                  series: byPanel["loss"] ?? [], logY: true),
            Panel(title: "x on the curve", xLabel: "x", yLabel: "f(x)", series: [Self.curve(around: byPanel["curve"] ?? [])] + (byPanel["curve"] ?? [])),
            Panel(title: "x and its gradient", xLabel: "iteration", yLabel: "value", series: byPanel["x"] ?? []),
        ]
    }

    /// f(x) = (2x)² over the span of the paths (at least [−1, 1]), for the path to lie on.
    static func curve(around paths: [Series]) -> Series {
        let reach = 1.1 * paths.flatMap(\.x).filter(\.isFinite).reduce(1) { Swift.max($0, Swift.abs($1)) }
        let grid = linspace(-reach, reach, count: 161)
        return Series(label: "f(x)=(2x)^2", x: grid, y: grid.map { 4 * $0 * $0 })
    }

    func findings(for report: StudyReport, unicode: Bool) -> [Finding] {
        let lr = report.params["lr"]?.doubleValue ?? 0
        let factor = 1 - 8 * lr
        var lines = [Finding(text: "lr = \(formatShort(lr))", tone: .heading)]
        lines.append(Finding(text: "error × \(formatShort(factor)) per step"))
        if factor == 0 {
            lines.append(Finding(text: "lands on the minimum in one step", tone: .good))
        } else if Swift.abs(factor) < 1 {
            lines.append(Finding(text: factor < 0 ? "converges, oscillating around 0" : "converges monotonically", tone: .good))
        } else {
            lines.append(Finding(text: "diverges: |1 − 8·lr| ≥ 1", tone: .bad))
        }
        if let x = report.summary["final_x"]?.doubleValue { lines.append(Finding(text: "x now \(formatShort(x))")) }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "f′(x) = 8x, so x ← x − lr·8x = (1 − 8·lr)·x. The seed's rates: "
            + "1 and 0.5 diverge, 0.2 oscillates in, 0.125 lands in one step, 0.1 and 0.02 creep in.", tone: .dim))
        return lines
    }
}
