import Foundation
import NNCharts
import NNTestSupport
import NNText
import Testing

@Suite struct LineChartTests {
    /// Cells of `buffer` outside `rect` that hold a braille pattern.
    private func brailleOutside(_ rect: Rect, in buffer: Buffer) -> Int {
        var count = 0
        for y in 0..<buffer.height {
            for x in 0..<buffer.width where !(x >= rect.x && x < rect.maxX && y >= rect.y && y < rect.maxY) {
                if let v = buffer[x, y].symbol.unicodeScalars.first?.value, (0x2800...0x28FF).contains(v) { count += 1 }
            }
        }
        return count
    }

    @Test func asciiChartLaysOutAxesLabelsAndLine() {
        // 20x8, one series 0,1,2,3 at x 0...3, ASCII dots ("*", series 0).
        // Row 0: legend "-- a 3". Plot: rows 1...5 (8 − legend − axis − labels), y 0...3
        // with ticks 0 and 3 (extended Wilkinson with 2 wanted: step 3 scores 0.75, best),
        // labels 1 wide, axis at column 2, plot columns 3...18 (one spare at the right).
        // Dots: x = 5·value, y = 4 − 4·value/3 → (0,4) (5,2.67) (10,1.33) (15,0); the
        // Bresenham lines between them set row 4: x 0-2, row 3: 3-6, row 2: 7-8,
        // row 1: 9-12, row 0: 13-15. X ticks 0 and 3 at columns 3 and 18.
        let chart = LineChart(series: [LineSeries(name: "a", y: [0, 1, 2, 3])], xAxis: Axis(), dotGrid: .ascii)
        #expect(chart.plainText(width: 20, height: 8) == """
            -- a 3
            3 +             ***
              |         ****
              |       **
              |   ****
            0 +***
              ++--------------+
               0              3
            """)
    }

    @Test func linesAreClippedToThePlot() {
        // Fixed y limits 0...1, data far beyond on both sides: no dot leaves the plot.
        let series = LineSeries(name: "wild", x: [0, 1, 2, 3, 4], y: [-50, 0.5, 80, -3, 0.2])
        for dotGrid in [DotGrid.braille, .quadrant, .halfBlock] {
            let chart = LineChart(series: [series], yAxis: Axis(lowerLimit: 0, upperLimit: 1), dotGrid: dotGrid)
            let buffer = chart.rendered(width: 40, height: 12)
            // Plot area: below the legend row, right of "0.0 ┤" (labels 3 wide + space + axis),
            // above the axis and label rows, left of the spare column.
            let plot = Rect(x: 5, y: 1, width: 34, height: 9)
            #expect(brailleOutside(plot, in: buffer) == 0)
            #expect(buffer.lines[1].contains { $0 != " " })
        }
    }

    @Test func aDivergedSeriesEndsWithACrossAndANote() {
        let series = LineSeries(name: "lr=10", y: [1, 2, 4, .nan, 5])
        let lines = LineChart(series: [series]).rendered(width: 50, height: 10).lines
        #expect(lines[0].contains("✕ NaN at step 3"))
        // The cross sits on the plot's top row (NaN and +inf go up) at the right edge (x = 3).
        #expect(lines[1].trimmingTrailingBlanks.hasSuffix("✕"))
        let down = LineSeries(name: "w", y: [1, 0.5, -.infinity])
        let downLines = LineChart(series: [down]).rendered(width: 50, height: 10).lines
        #expect(downLines[0].contains("✕ diverged at step 2"))
        // -inf goes down: the cross is on the plot's bottom row (above axis and labels).
        #expect(downLines[7].contains("✕"))
        // A series that is NaN from its first point still gets its note, and no crash.
        let dead = LineChart(series: [LineSeries(name: "dead", y: [.nan])]).plainText(width: 40, height: 8)
        #expect(dead.contains("NaN at step 0"))
    }

    @Test func lastSeriesColoursSharedCells() {
        let a = LineSeries(name: "a", y: [0, 1, 0, 1]), b = LineSeries(name: "b", y: [0, 1, 0, 1])
        func plotColors(_ chart: LineChart) -> Set<Color> {
            let buffer = chart.rendered(width: 30, height: 8)
            var colors = Set<Color>()
            for cell in buffer.cells where (0x2800...0x28FF).contains(cell.symbol.unicodeScalars.first!.value) {
                colors.insert(cell.foreground)
            }
            return colors
        }
        #expect(plotColors(LineChart(series: [a, b])) == [Palette.standard.series256[1]])
        #expect(plotColors(LineChart(series: [a, b], colorMode: .basic8)) == [Palette.standard.series8[1]])
    }

    /// A background line (the data an average is taken of) is drawn dim and under the others,
    /// whatever its place among the series.
    @Test func aBackgroundLineIsDimAndUnderTheOthers() {
        var data = LineSeries(name: "data", y: [0, 1, 0, 1])
        data.isBackground = true
        let average = LineSeries(name: "average", y: [0, 1, 0, 1])
        let alone = LineSeries(name: "alone", y: [5, 5, 5, 5])
        let buffer = LineChart(series: [average, alone, data]).rendered(width: 30, height: 8)
        var styles: [Color: Set<Bool>] = [:]
        for cell in buffer.cells where (0x2801...0x28FF).contains(cell.symbol.unicodeScalars.first!.value) {
            styles[cell.foreground, default: []].insert(cell.style.contains(.dim))
        }
        // Where data and average share cells the average colours them; data's own cells are dim.
        #expect(styles[Palette.standard.series256[0]] == [false])
        #expect(styles[Palette.standard.series256[1]] == [false])
        #expect(styles[Palette.standard.series256[2]] == nil)
        var apart = data
        apart.append(x: 4, y: 9)
        let shown = LineChart(series: [average, apart]).rendered(width: 30, height: 8)
        let dataCells = shown.cells.filter { $0.foreground == Palette.standard.series256[1] && $0.symbol.unicodeScalars.first!.value >= 0x2801 && $0.symbol.unicodeScalars.first!.value <= 0x28FF }
        #expect(!dataCells.isEmpty && dataCells.allSatisfy { $0.style.contains(.dim) })
    }

    @Test func withoutColourSeriesDifferByGlyph() {
        let a = LineSeries(name: "a", y: (0..<50).map { Double($0) })
        let b = LineSeries(name: "b", y: (0..<50).map { 50 - Double($0) })
        let buffer = LineChart(series: [a, b], colorMode: .none).rendered(width: 60, height: 14)
        #expect(buffer.cells.allSatisfy { $0.foreground == .default && $0.background == .default })
        #expect(buffer.lines[0].contains("─●─ a") && buffer.lines[0].contains("─■─ b"))
        let plot = buffer.lines.dropFirst().joined()
        #expect(plot.contains("●") && plot.contains("■"))
    }

    @Test func logAxisLabelsArePowersOfTen() {
        let loss = LineSeries(name: "loss", y: (0..<100).map { 10 * pow(10, -Double($0) / 25) })
        let buffer = LineChart(series: [loss], yAxis: Axis(scale: .log10)).rendered(width: 50, height: 16)
        let labels = buffer.lines.dropFirst().dropLast(2).compactMap { line -> String? in
            let label = line.prefix { $0 != "┤" && $0 != "│" }.trimmingCharacters
            return label.isEmpty ? nil : label
        }
        // 10 down to 10·10^(−99/25) ≈ 0.0011: the decades 0.01, 0.1, 1 and 10.
        #expect(labels == ["10", "1", "0.1", "0.01"])
    }

    @Test func xLabelsNeverOverlapAtAnyWidth() {
        let linear = LineSeries(name: "s", x: [0, 123_456], y: [0, 1])
        let logX = LineSeries(name: "s", x: [1e-5, 10], y: [0, 1])
        for (series, scale) in [(linear, Scale.linear), (logX, .log10)] {
            for width in 12...200 {
                let chart = LineChart(series: [series], xAxis: Axis(title: "lr", scale: scale))
                let lines = chart.rendered(width: width, height: 10).lines
                let axis = Array(lines[8]), labels = Array(lines[9])
                let ticks = axis.indices.filter { axis[$0] == "┬" }
                // Runs of non-blank characters on the label row, and where they start.
                var runs: [(start: Int, text: String)] = []
                for (i, c) in labels.enumerated() where c != " " {
                    if let last = runs.last, last.start + last.text.count == i {
                        runs[runs.count - 1].text.append(c)
                    } else {
                        runs.append((i, String(c)))
                    }
                }
                if runs.last?.text == "lr" { runs.removeLast() }
                #expect(runs.count == ticks.count, "width \(width): \(lines[9])")
                for (run, next) in zip(runs, runs.dropFirst()) {
                    #expect(next.start - (run.start + run.text.count) >= 2, "width \(width): \(lines[9])")
                }
                for (run, tick) in zip(runs, ticks) {
                    // Each label lies under its tick, unless pushed in from the area's edge.
                    #expect(run.start <= tick && tick < run.start + run.text.count
                            || run.start == 0 || run.start + run.text.count == width, "width \(width)")
                }
            }
        }
    }

    @Test func outliersCanBeIgnored() {
        var values = (0..<100).map(Double.init)
        values.insert(1e6, at: 50)
        var chart = LineChart(series: [LineSeries(name: "s", y: values)])
        #expect(chart.yDataRange == 0...1e6)
        chart.yAxis.ignoresOutliers = true
        // 101 values sorted: 0...99 then 1e6; the 5th and 95th percentiles sit at positions 5
        // and 95 exactly, and the fence (90 beyond each) keeps 0...99 whole but not the spike.
        #expect(chart.yDataRange == 0...99)
    }

    /// Without outliers, y spans the values inside the fence around the 5th and 95th
    /// percentiles, computed by sorting every value drawn (`YDataRangeTests.withoutOutliers`):
    /// seeded random series of few points (one a bucket), with repeated values, spikes, and
    /// every count from 1 to 40.
    @Test func outlierFenceMatchesSortedPercentiles() {
        var random = SeededRandom("outlier fence", seed: 0x0F7E_2026)
        for trial in 0..<300 {
            let count = trial < 40 ? trial + 1 : Int.random(in: 1...400, using: &random)
            let levels = Int.random(in: 1...6, using: &random)
            let values: [Double] = (0..<count).map { _ in
                switch Int.random(in: 0..<20, using: &random) {
                case 0: return Double.random(in: -1e6...1e6, using: &random)
                case 1...9: return Double(Int.random(in: 0..<levels, using: &random))
                default: return Double.random(in: -3...3, using: &random)
                }
            }
            var chart = LineChart(series: [LineSeries(name: "s", y: values)])
            chart.yAxis.ignoresOutliers = true
            #expect(chart.yDataRange == YDataRangeTests.withoutOutliers(values), "trial \(trial), \(count) values")
        }
    }

    /// One series that diverged to 1e30 over its last steps does not squash nine that stay
    /// between 1 and 2: without outliers the y axis spans those nine; the whole range takes it.
    @Test func aDivergedSeriesDoesNotSquashTheOthers() throws {
        var series: [LineSeries] = []
        for k in 0..<9 {
            let values: [Double] = (0..<100).map { (i: Int) -> Double in 1 + Double((i * (k + 3)) % 17) / 16 }
            series.append(LineSeries(name: "s\(k)", y: values))
        }
        let diverging: [Double] = (0..<100).map { (i: Int) -> Double in i < 97 ? 1.5 : pow(10, Double(i - 96) * 10) }
        series.append(LineSeries(name: "diverged", y: diverging))
        var chart = LineChart(series: series)
        chart.yAxis.ignoresOutliers = true
        #expect(chart.yDataRange == 1...2)
        // Drawn, the nine fill the plot's rows: the top row and the bottom row both hold dots.
        let buffer = chart.rendered(width: 60, height: 20)
        let layout = try #require(chart.plotLayout(in: buffer.area))
        #expect(layout.y.lowerBound <= 1 && layout.y.upperBound >= 2 && layout.y.upperBound < 3, "\(layout.y)")
        chart.yAxis.ignoresOutliers = false
        #expect(chart.yDataRange == 1...1e30)
    }

    /// Zooming x keeps the point under the anchor where it is, panning stops at the ends, and
    /// the chart's x axis spans the window's part of the data; y fits the part shown.
    @Test func theXWindowZoomsPansAndNarrowsTheAxes() throws {
        let half = XWindow.whole.zoomed(by: 0.5, around: 0.25)
        #expect(half.lower == 0.125 && half.upper == 0.625)
        #expect(half.panned(by: -1) == XWindow(lower: 0, upper: 0.5))
        #expect(half.panned(by: 10) == XWindow(lower: 0.5, upper: 1))
        #expect(half.zoomed(by: 4).isWhole)
        #expect(abs(XWindow(lower: 0.5, upper: 0.5).width - XWindow.minimumWidth) < 1e-12)
        #expect(XWindow(lower: 0.5, upper: 0.75).limits(of: 0...100, scale: .linear) == 50...75)
        #expect(XWindow(lower: 0.5, upper: 1).limits(of: 1...100, scale: .log10) == 10...100)
        var chart = LineChart(series: [LineSeries(name: "s", y: (0..<101).map(Double.init))])
        chart.xWindow = XWindow(lower: 0.5, upper: 0.75)
        #expect(chart.shownXRange == 50...75)
        #expect(chart.yDataRange == 50...75)
        let layout = try #require(chart.plotLayout(in: Rect(x: 0, y: 0, width: 60, height: 20)))
        #expect(layout.x == 50...75)
    }

    @Test func smoothedSeriesIsBrightOverItsDimmedRawValues() {
        let noisy = LineSeries(name: "loss", y: (0..<200).map { Double($0 % 2) + 1 / (1 + Double($0)) }, smoothing: 0.9)
        let buffer = LineChart(series: [noisy]).rendered(width: 60, height: 12)
        let plotCells = buffer.cells.filter { (0x2801...0x28FF).contains($0.symbol.unicodeScalars.first!.value) }
        #expect(plotCells.contains { $0.style.contains(.dim) })
        #expect(plotCells.contains { !$0.style.contains(.dim) })
    }
}

extension String {
    var trimmingTrailingBlanks: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

extension Substring {
    var trimmingCharacters: String {
        String(drop { $0 == " " }).trimmingTrailingBlanks
    }
}

@Suite struct RobustnessTests {
    @Test func extremeAndDegenerateDataNeverBreakAChart() {
        let cases: [[Double]] = [
            [], [1], [2, 2, 2], [1e308, -1e308], [1e-308, 2e-308], [-1, 0, 1e-300],
            [.infinity], [-.infinity, 1], [0, .nan, 1],
        ]
        for values in cases {
            for scale in [Scale.linear, .log10] {
                let chart = LineChart(series: [LineSeries(name: "s", y: values)], yAxis: Axis(scale: scale))
                for (width, height) in [(0, 0), (1, 1), (8, 3), (40, 12)] {
                    let buffer = chart.rendered(width: width, height: height)
                    #expect(buffer.width == width && buffer.height == height)
                }
                let limited = LineChart(series: [LineSeries(name: "s", y: values)],
                                        yAxis: Axis(scale: scale, lowerLimit: 5, upperLimit: 5))
                _ = limited.rendered(width: 30, height: 10)
            }
        }
        let far = HeatmapPath(name: "far", x: [0, 1e300, -1e300], y: [0, 1e300, 5])
        _ = Heatmap(values: [[1, 2], [3, .nan]], xRange: 0...1, yRange: 0...1, paths: [far]).rendered(width: 20, height: 8)
        _ = BarChart(bars: [.init(label: "x", value: -1e308), .init(label: "y", value: 1e308)]).rendered(width: 20, height: 3)
        // Across all of Double: nice ticks still (the search runs on values brought near 1).
        #expect(Ticks.linear(lower: -1e308, upper: 1e308, count: 5).values == [-1e308, -5e307, 0, 5e307, 1e308])
    }

    @Test func yLabelsAreDistinctAndApartAtEveryHeight() {
        let series = LineSeries(name: "loss", y: [0.0123, 0.0789])
        for height in 5...60 {
            let lines = LineChart(series: [series]).rendered(width: 40, height: height).lines
            let labelled = lines.indices.filter { lines[$0].contains("┤") }
            let labels = labelled.map { lines[$0].prefix { $0 != "┤" }.trimmingCharacters }
            #expect(Set(labels).count == labels.count, "height \(height): \(labels)")
            #expect(zip(labelled, labelled.dropFirst()).allSatisfy { $1 - $0 >= 2 } || height < 8, "height \(height)")
            #expect(labels.count >= 1)
        }
    }
}

@Suite struct SteepSeriesTests {
    /// The dots set in `buffer`, decoded from its braille cells: dot rows by dot column.
    private func dots(_ buffer: Buffer) -> [Int: Set<Int>] {
        let layout: [(UInt32, Int, Int)] = [
            (0x01, 0, 0), (0x02, 0, 1), (0x04, 0, 2), (0x08, 1, 0),
            (0x10, 1, 1), (0x20, 1, 2), (0x40, 0, 3), (0x80, 1, 3),
        ]
        var grid: [Int: Set<Int>] = [:]
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let v = buffer[x, y].symbol.unicodeScalars.first!.value
                guard (0x2801...0x28FF).contains(v) else { continue }
                for (bit, dx, dy) in layout where (v - 0x2800) & bit != 0 {
                    grid[2 * x + dx, default: []].insert(4 * y + dy)
                }
            }
        }
        return grid
    }

    @Test func aSeriesJumpingEveryColumnStaysConnected() {
        // Values alternating between the bottom and the top at every dot column: each pair
        // of neighbouring columns must together cover every row between their ends.
        let zigzag = LineSeries(name: "z", y: (0..<200).map { Double($0 % 2) })
        for width in [20, 33, 60] {
            let grid = dots(LineChart(series: [zigzag]).rendered(width: width, height: 8))
            let columns = grid.keys.sorted()
            #expect(columns.count > 10)
            for (a, b) in zip(columns, columns.dropFirst()) {
                let rows = grid[a]!.union(grid[b]!)
                #expect(rows.count == rows.max()! - rows.min()! + 1, "columns \(a), \(b) at width \(width)")
            }
        }
    }
}

/// The value cursor, decoded from what the chart drew: its line stands in the column of its
/// x, and the readout lists each shown series' key and value at that step, equal to the data.
@Suite struct ValueCursorTests {
    static let a = (0..<60).map { 10 - Double($0) * 0.125 }
    static let b = (0..<60).map { Double($0 % 7) + 0.5 }

    static func chart(cursor: Double?) -> LineChart {
        var first = LineSeries(name: "alpha", y: a)
        first.key = "1"
        var second = LineSeries(name: "beta", y: b)
        second.key = "2"
        var chart = LineChart(title: "t", series: [first, second], dotGrid: .braille, colorMode: .palette256)
        chart.cursor = cursor
        return chart
    }

    @Test(arguments: [3.0, 37.0, 52.0])
    func theLineIsAtTheStepAndTheReadoutIsTheData(_ x: Double) throws {
        let chart = Self.chart(cursor: x)
        let area = Rect(x: 0, y: 0, width: 90, height: 24)
        let buffer = chart.rendered(width: area.width, height: area.height)
        let layout = try #require(chart.plotLayout(in: area))
        let map = AxisMap(range: layout.x, scale: .linear, positions: layout.plot.width * 2)
        let column = layout.plot.x + Int((map.position(x)).rounded()) / 2
        // The line: every plot cell of its column that no series marks, and none elsewhere.
        let lineColumns = Set((layout.plot.y..<layout.plot.maxY).flatMap { row in
            (layout.plot.x..<layout.plot.maxX).filter { buffer[$0, row].symbol == "│" }
        })
        #expect(lineColumns == [column], "\(lineColumns) for \(column)")
        #expect(buffer[column, layout.plot.maxY].symbol == "┼")
        // The readout: the step, then each series' key, swatch, value and name.
        let text = buffer.plainText
        #expect(text.contains("step \(Int(x))"), "\(text)")
        let i = Int(x)
        #expect(text.contains("1 ━━ \(NumberFormat.short(Self.a[i])) alpha"), "\(text)")
        #expect(text.contains("2 ━━ \(NumberFormat.short(Self.b[i])) beta"), "\(text)")
        #expect(chart.readings(at: x) == [.init(index: 0, x: x, value: Self.a[i]), .init(index: 1, x: x, value: Self.b[i])])
        // The readout's swatches have their series' colours.
        let row = try #require(buffer.lines.firstIndex { $0.contains("1 ━━ ") })
        let swatch = try #require(buffer.lines[row].range(of: "━━"))
        let x0 = buffer.lines[row].distance(from: buffer.lines[row].startIndex, to: swatch.lowerBound)
        #expect(buffer[x0, row].foreground == Palette.standard.seriesColor(0, mode: .palette256))
    }

    /// The readout stands one blank column away from the cursor's line on either side, so its
    /// text never runs into the dots of a curve passing between them.
    @Test(arguments: [3.0, 57.0])
    func theReadoutIsSetApartFromTheLine(_ x: Double) throws {
        var dense = LineSeries(name: "dense", y: (0..<60).map { Double($0 % 2) })
        dense.key = "1"
        var chart = LineChart(title: "t", series: [dense], dotGrid: .braille, colorMode: .palette256)
        chart.cursor = x
        let area = Rect(x: 0, y: 0, width: 60, height: 16)
        let buffer = chart.rendered(width: area.width, height: area.height)
        let layout = try #require(chart.plotLayout(in: area))
        let column = try #require((layout.plot.x..<layout.plot.maxX).first { buffer[$0, layout.plot.maxY].symbol == "┼" })
        let row = try #require((layout.plot.y..<layout.plot.maxY).first { buffer.lines[$0].contains("1 ━━") })
        let gap = x < 30 ? column + 1 : column - 1
        #expect(buffer[gap, row].symbol == " ", "\(buffer.lines[row])")
    }

    @Test func stepsAreThePointsShownAndAHiddenSeriesIsNotRead() {
        var chart = Self.chart(cursor: 10)
        #expect(chart.cursorSteps == (0..<60).map(Double.init))
        chart.xWindow = XWindow(lower: 0.5, upper: 0.75)
        #expect(chart.cursorSteps.first == 29.5.rounded(.up) && chart.cursorSteps.last == 44)
        chart.series[1].isHidden = true
        #expect(chart.readings(at: 10).map(\.index) == [0])
        // Before a series' first point it has nothing to read.
        #expect(chart.readings(at: -1).isEmpty)
    }
}
