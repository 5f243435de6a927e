import Foundation
import ChartReading
import NNText
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
        view.hiddenSeries = [0: hidden]
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
        #expect(Array(panel.series[1].x) == snapshot.x)
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
        guard let barPanel = panels.first(where: { if case .bars = $0.content { true } else { false } }),
              case .bars(let bars) = barPanel.content else {
            Issue.record("no bars")
            return
        }
        let buffer = Self.draw(barPanel, height: 8)
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
        let momentum = try #require(beale.trajectories.firstIndex { $0.optimizer == .momentum })
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
        let text = MomentumScreen.explanation(snapshot) + " " + MomentumScreen.averagesText(snapshot)
        #expect(!text.contains("0.9") && !text.contains("0.63") && !text.contains("Nesterov"), "\(text)")
        #expect(text.contains("m=0.5") && text.contains("β = 0.7"))
    }

    /// Item 10: both w's are printed, labelled: on the scaled input (the lesson's 5.3671) and on raw t_u.
    @Test func regressionPrintsBothWeights() {
        let lines = RegressionScreen.parameterLines(w: 5.3671, b: -17.3, inputScale: 0.1, loss: 2.93).map(\.text)
        #expect(lines[0].contains("5.3671 (on 0.1·t_u)") && lines[0].contains("0.53671 (on t_u)"), "\(lines)")
    }

    /// The stop factor is the run's own, from the command line to the chart's title and the stop.
    @Test func lrFindStopFactorIsTheRunsOwn() throws {
        let result = try Binary.run(["lr-find", "--stop-factor", "2.5", "--plain", "--no-record", "--data", "blobs",
                                     "--start-lr", "1e-3", "--end-lr", "100", "--num-iter", "40"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("until the smoothed loss passed 2.5x its best"), "\(result.stdout)")
        #expect(!result.stdout.contains("4x"))
    }

    /// Item 9: each suggestion is its letter in the cell of the point it picked on the smoothed
    /// curve — not a line across the chart, not a legend entry — the curves stop at the run's own
    /// factor times the best, and the side text says what each suggestion is.
    @Test(arguments: [(80, 24), (120, 30), (200, 60)])
    func lrFindSuggestionsAreLettersOnTheCurve(width: Int, height: Int) throws {
        var range = LRFinder.Range()
        (range.startLR, range.endLR, range.numIter, range.divergenceFactor) = (1e-5, 1, 80, 2.5)
        let lrs = (0..<80).map { 1e-5 * pow(1e5, Double($0) / 79) }
        // A valley: flat, falling, lowest near lr 0.03, then rising past 2.5x the best.
        let smoothed = lrs.map { lr -> Double in
            let t = log10(lr) + 5
            return 2.3 - 2 / (1 + exp(-(t - 2.5) * 2.5)) + (t > 3.6 ? pow(t - 3.6, 2) * 3 : 0)
        }
        let snapshot = LRFinder.Snapshot(params: [:], range: range, lrs: lrs, losses: smoothed.map { $0 * 1.01 }, smoothed: smoothed)
        #expect(snapshot.suggestions.count == 5)
        let screen = LRFindScreen()
        let panel = try #require(screen.panels(for: snapshot).first)
        #expect(panel.series.map(\.label) == ["loss", "smoothed loss"])
        // The last point passed 2.5x the best: the curves stop below it, at the largest loss before it.
        #expect(smoothed.last! > 2.5 * smoothed.min()!)
        let cap = try #require(smoothed.dropLast().max())
        #expect(panel.series.allSatisfy { $0.y.allSatisfy { $0 <= cap } })
        #expect(Array(panel.series[1].y) == Array(smoothed.dropLast()))
        let drawn = ChartPanel(panel: panel, view: ViewState(), selected: false, unicode: true, colorMode: .none)
        var buffer = Buffer(width: width, height: height)
        drawn.render(in: buffer.area, into: &buffer)
        let layout = try #require(drawn.lineChart.plotLayout(in: buffer.area))
        let plot = layout.plot
        let text = buffer.lines.joined(separator: "\n")
        var glyphCells: [Character: [(Int, Int)]] = [:]
        for y in plot.y..<plot.maxY {
            for x in plot.x..<plot.maxX {
                let symbol = buffer[x, y].symbol
                if "VSMTL".contains(symbol) { glyphCells[symbol, default: []].append((x - plot.x, y - plot.y)) }
            }
        }
        // Where each suggestion's point falls: the cells a drawing may round it to.
        let places = try snapshot.suggestions.map { s -> (columns: Set<Int>, rows: Set<Int>) in
            let column = try #require(Drawing.position(s.pointLR, range: layout.x, scale: .log10, positions: plot.width * 2, flipped: false))
            let row = try #require(Drawing.position(s.pointLoss, range: layout.y, scale: .linear, positions: plot.height * 4, flipped: true))
            return (Set(Drawing.candidates(column, positions: plot.width * 2).map { $0 / 2 }),
                    Set(Drawing.candidates(row, positions: plot.height * 4).map { $0 / 4 }))
        }
        for (i, s) in snapshot.suggestions.enumerated() {
            let glyph = LRFindScreen.glyph(s)
            // No legend entry names it.
            #expect(!text.contains(s.name), "\(width)x\(height): \(s.name) in the chart's text")
            // A later suggestion at the same point covers this one's letter.
            let place = places[i]
            guard !places[(i + 1)...].contains(where: { $0.columns == place.columns && $0.rows == place.rows }) else { continue }
            let found: [(Int, Int)] = glyphCells[glyph] ?? []
            let inPlace = found.allSatisfy { (cell: (Int, Int)) -> Bool in place.columns.contains(cell.0) && place.rows.contains(cell.1) }
            #expect(found.count == 1 && inPlace,
                    "\(width)x\(height): \(s.name) \(glyph) at \(found), expected columns \(place.columns) rows \(place.rows)\n\(text)")
        }
        let findings = screen.findings(for: snapshot, unicode: true).map(\.text)
        let minimum = try #require(snapshot.suggestions.first { $0.name == "minimum" })
        #expect(abs(minimum.lr - minimum.pointLR / 10) < 1e-15 * minimum.pointLR)
        #expect(findings.contains("M fastai minimum: \(NumberFormat.short(minimum.lr))"))
        #expect(findings.contains { $0.contains("a tenth of the lr at the lowest loss (\(NumberFormat.short(minimum.pointLR)))") })
        #expect(panel.title.contains("2.5x"))
    }
}
