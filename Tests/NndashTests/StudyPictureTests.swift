import Foundation
@testable import nndash
import NNCharts
import NNRuns
import NNStudies
import Testing

/// Each study's pictures agree with its own findings (issue 14, items 1, 5, 8, 9, 10).
@Suite struct StudyPictureTests {
    static func finish<S: Study>(_ study: S) throws -> any StudySnapshot {
        var study = study
        while try study.step() != nil {}
        return study.snapshot
    }

    static func draw(_ panel: Panel, hidden: Set<Int> = [], width: Int = 120, height: Int = 32) -> Buffer {
        var view = ViewState()
        view.hiddenSeries = hidden
        var buffer = Buffer(width: width, height: height)
        ChartPanel(panel: panel, view: view, selected: false, unicode: true, colorMode: .none)
            .render(in: buffer.area, into: &buffer)
        return buffer
    }

    /// A tick label's value: a number, or one with a k, M or G suffix.
    static func tickValue(_ text: String) -> Double? {
        let suffixes: [Character: Double] = ["k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12]
        if let last = text.last, let factor = suffixes[last] { return Double(text.dropLast()).map { $0 * factor } }
        return Double(text)
    }

    static func isBraille(_ cell: Cell) -> Bool {
        cell.symbol.unicodeScalars.first.map { (0x2801...0x28FF).contains($0.value) } ?? false
    }

    /// Item 1: the path of x is drawn where its points are, in order, not as a vertical line at x0.
    @Test func gradientDescentPathLiesWhereItsPointsAre() throws {
        let snapshot = try #require(try Self.finish(GradientDescent(.init(lr: 0.2))) as? GradientDescent.Snapshot)
        let panel = GradientDescentScreen.curvePanel(snapshot)
        #expect(panel.series[1].x == snapshot.x)
        // Only the path (the curve hidden): the columns it occupies span its x values.
        let buffer = Self.draw(panel, hidden: [0])
        var columns = Set<Int>()
        for y in 1..<buffer.height - 2 {
            for x in 0..<buffer.width where Self.isBraille(buffer[x, y]) || buffer[x, y].symbol == "●" { columns.insert(x) }
        }
        let left = try #require(columns.min()), right = try #require(columns.max())
        #expect(right - left > 40, "the path spans \(right - left) columns")
        let xs = snapshot.x, low = xs.min()!, high = xs.max()!
        // The end dot stands at the last x, by the span of the path.
        let dot = try #require((0..<buffer.width).first { x in (1..<buffer.height - 2).contains { buffer[x, $0].symbol == "●" } })
        let expected = Double(left) + (xs.last! - low) / (high - low) * Double(right - left)
        #expect(abs(Double(dot) - expected) <= 2, "end dot at \(dot), last x at \(expected)")
        #expect(!buffer.plainText.contains("19.4"))
    }

    /// Item 5: the std chart of the healthy schemes spans their values, the bars have the sign
    /// and length of their values, and the text names this run's width and overflow layer.
    @Test func initChartsAndTextFollowTheRun() throws {
        let snapshot = try #require(try Self.finish(InitializationDepth(.init(layers: 60, width: 64))) as? InitializationDepth.Snapshot)
        let overflow = try #require(snapshot.outcomes[0].overflowLayer)
        let panels = InitScreen().panels(for: snapshot)
        // The healthy schemes' chart: its top tick is near their largest std, not 1e37.
        let healthy = Self.draw(panels[0])
        let ticks = healthy.plainText.split(separator: "\n").compactMap { line -> Double? in
            guard let bar = line.firstIndex(of: "┤") else { return nil }
            return Self.tickValue(String(line[..<bar]).trimmingCharacters(in: .whitespaces))
        }
        let largest = snapshot.stds.indices.filter { snapshot.outcomes[$0].isHealthy }.flatMap { snapshot.stds[$0] }.max()!
        #expect(try #require(ticks.max()) <= 10 * largest, "ticks \(ticks)")
        #expect(panels[1].divergedAt[0] == Double(overflow))
        // Bars: decode each row's cells against its value.
        guard case .bars(let bars) = panels[2].content else {
            Issue.record("no bars")
            return
        }
        let buffer = Self.draw(panels[2], height: 8)
        let finite = bars.filter { $0.value.isFinite }
        let longest = finite.map { abs($0.value) }.max()!
        var widest = 0
        var zeroColumns = Set<Int>()
        for (i, bar) in bars.enumerated() {
            let row = (0..<buffer.width).map { buffer[$0, 1 + i].symbol }
            let cells = row.indices.filter { "█▉▊▋▌▍▎▏".contains(row[$0]) }
            guard bar.value.isFinite else {
                #expect(cells.isEmpty, "\(bar.label) has a bar but no value")
                continue
            }
            #expect(!cells.isEmpty, "\(bar.label) = \(bar.value) has no bar")
            widest = max(widest, cells.count)
            if bar.value < 0 { zeroColumns.insert(cells.max()! + 1) } else { zeroColumns.insert(cells.min()!) }
            _ = longest
        }
        #expect(zeroColumns.count == 1, "bars start at columns \(zeroColumns)")
        for (i, bar) in bars.enumerated() where bar.value.isFinite {
            let cells = (0..<buffer.width).filter { "█▉▊▋▌▍▎▏".contains(buffer[$0, 1 + i].symbol) }.count
            #expect(abs(Double(cells) - abs(bar.value) / longest * Double(widest)) <= 1.5, "\(bar.label): \(cells) cells for \(bar.value)")
        }
        let text = InitScreen.explanation(snapshot)
        #expect(text.contains("n = 64") && text.contains("layer \(overflow)") && !text.contains("256"))
    }

    /// Item 8: a diverged optimizer reads the same step in the legend and the table; float
    /// noise at the minimum is a tie.
    @Test func optimizersDivergenceAndTies() throws {
        let beale = try #require(try Self.finish(OptimizerPaths(.init(function: .beale, iterations: 60))) as? OptimizerPaths.Snapshot)
        let momentum = try #require(beale.trajectories.firstIndex { $0.optimizer == "Momentum" })
        let step = try #require(beale.outcomes[momentum].verdict.divergedAt)
        let screen = OptimizersScreen(settings: LiveSettings(beale.configuration))
        let loss = Self.draw(screen.panels(for: beale)[1], hidden: Set(beale.trajectories.indices).subtracting([momentum]))
        #expect(loss.plainText.contains("Momentum") && loss.plainText.contains("diverged at iteration \(step)"))
        let table = screen.findings(for: beale, unicode: true).map(\.text)
        #expect(table.contains { $0.hasPrefix("Momentum") && $0.hasSuffix("diverged at \(step)") }, "\(table)")
        #expect(!table.contains { $0.contains("NaN") })

        let saddle = try #require(try Self.finish(OptimizerPaths(.init(function: .saddle))) as? OptimizerPaths.Snapshot)
        #expect(saddle.closest.count > 1)
        let distances = saddle.closest.compactMap { saddle.outcomes[$0].distance }
        #expect(distances.max()! - distances.min()! <= OptimizerPaths.Snapshot.tieTolerance * 2)
        #expect(OptimizersScreen(settings: LiveSettings(saddle.configuration)).findings(for: saddle, unicode: true)
            .contains { $0.text.contains("tie") })
    }

    /// Item 5: the momentum text speaks only of the runs this run has.
    @Test func momentumTextNamesOnlyItsRuns() throws {
        let c = MomentumComparison.Configuration(runs: [.init(lr: 0.02, momentum: 0.5)], iterations: 40, betas: [0.7])
        let snapshot = try #require(try Self.finish(MomentumComparison(c)) as? MomentumComparison.Snapshot)
        let text = MomentumScreen.explanation(snapshot)
        #expect(!text.contains("0.9") && !text.contains("0.63") && !text.contains("Nesterov"), "\(text)")
        #expect(text.contains("m=0.5") && text.contains("β = 0.7"))
    }

    /// Item 10: both w's are printed, labelled: on the scaled input (the lesson's 5.3671) and on raw t_u.
    @Test func regressionPrintsBothWeights() {
        let lines = RegressionScreen.parameterLines(w: 5.3671, b: -17.3, inputScale: 0.1, loss: 2.93).map(\.text)
        #expect(lines[0].contains("5.3671 (on 0.1·t_u)") && lines[0].contains("0.53671 (on t_u)"), "\(lines)")
    }

    /// Item 9: suggestions are single points on the smoothed curve, the cap follows the run's factor.
    @Test func lrFindSuggestionsArePoints() throws {
        let summary: JSONValue = [
            "lrs": JSONValue([0.001, 0.01, 0.1, 1]), "losses": JSONValue([2.0, 1.5, 1.0, 9.0]),
            "smoothed_losses": JSONValue([2.0, 1.6, 1.1, 3.0]),
            "suggestions": ["valley": ["lr": 0.01, "point_lr": 0.01, "point_loss": 1.6]],
        ]
        let report = StudyReport(study: "lr-find", params: ["divergence_factor": 2], series: LRFindScreen.liveSeries(fromSummary: summary),
                                 summary: summary)
        let panel = try #require(LRFindScreen().panels(for: report).first)
        let valley = try #require(panel.series.first { $0.label.hasPrefix("valley") })
        #expect(valley.x == [0.01] && valley.y == [1.6])
        #expect(panel.series.allSatisfy { $0.y.allSatisfy { $0 <= 2 * 1.1 } })
        #expect(LRFindScreen().findings(for: report, unicode: true).contains { $0.text.contains("a tenth of the lr at the lowest loss") })
    }
}
