import ChartReading
import Foundation
import NNCharts
import NNText
import Testing

/// Charts that once drew something other than their data, or trapped on it, decoded cell
/// by cell against the values.
@Suite struct ChartTruthTests {
    /// Each y tick label with its row, read from the column left of the plot.
    func yLabels(_ buffer: Buffer, plot: Rect) -> [(row: Int, label: String)] {
        (plot.y..<plot.maxY).compactMap { row in
            guard buffer[plot.x - 1, row].symbol == "┤" else { return nil }
            let text = String((0..<(plot.x - 1)).map { buffer[$0, row].symbol }).trimmingCharacters(in: .whitespaces)
            return (row - plot.y, text)
        }
    }

    /// The cell rows where `series`' values at steps `0...` are drawn, decoded from the dots.
    func rowsDrawn(_ buffer: Buffer, plot: Rect, column: Int) -> Set<Int> {
        Set(Drawing.dots(in: plot, of: buffer).filter { $0.x / 2 == column }.map { $0.y / 4 })
    }

    @Test func subnormalRangesGetTicksAndDotsInsteadOfATrap() {
        // Ticks over subnormal ranges: labels that read back as the values, distinct.
        let subnormal = { (text: String) in Double(text)! }
        for (low, high) in [(0.0, Double.leastNonzeroMagnitude), (Double.leastNonzeroMagnitude, subnormal("1e-322")),
                            (subnormal("-1e-320"), subnormal("1e-321")), (subnormal("1e-310"), 1e-308)] {
            for count in [2, 5, 11] {
                let ticks = Ticks.linear(lower: low, upper: high, count: count)
                #expect(!ticks.values.isEmpty)
                #expect(Set(ticks.labels).count == ticks.labels.count, "\(ticks.labels)")
                for (value, label) in zip(ticks.values, ticks.labels) {
                    #expect(Double(label) == value, "\(label) for \(value)")
                }
            }
        }
        // A learning rate of 1e-322 decayed tenfold: each value on its own row, labels true.
        let lr = LineSeries(name: "lr", y: Array(repeating: subnormal("1e-322"), count: 10)
                            + Array(repeating: subnormal("1e-323"), count: 10))
        for scale in [Scale.linear, .log10] {
            let chart = LineChart(series: [lr], yAxis: Axis(scale: scale), dotGrid: .braille)
            let buffer = chart.rendered(width: 60, height: 16)
            guard let layout = chart.plotLayout(in: buffer.area) else {
                Issue.record("no plot on a \(scale) axis")
                continue
            }
            #expect(rowsDrawn(buffer, plot: layout.plot, column: 0) == [0])
            #expect(rowsDrawn(buffer, plot: layout.plot, column: layout.plot.width - 1) == [layout.plot.height - 1])
            for (row, label) in yLabels(buffer, plot: layout.plot) {
                let value = Drawing.number(label)
                #expect(value != nil && value! >= layout.y.lowerBound && value! <= layout.y.upperBound, "\(label) on row \(row)")
            }
        }
    }

    @Test func rangesAcrossDoubleMapToFinitePlaces() {
        // A heatmap whose y axis spans Double: its ticks name values in the range, in order.
        let map = Heatmap(values: [[1, 2], [3, 4]], xRange: -1e308...1e308, yRange: -1e308...1e308)
        let text = map.plainText(width: 40, height: 12)
        #expect(text.contains("e308") || text.contains("e307"), "\(text)")
        // Bars of -1e308 and 1e308: as long as each other, one each side of zero.
        let bars = BarChart(bars: [.init(label: "a", value: -1e308), .init(label: "b", value: 1e308),
                                   .init(label: "c", value: 5e307)], dotGrid: .braille).rendered(width: 40, height: 3)
        func cells(_ row: Int) -> [Int] { (0..<40).filter { "█▏▎▍▌▋▊▉".contains(bars[$0, row].symbol) } }
        let (negative, positive, half) = (cells(0), cells(1), cells(2))
        #expect(!negative.isEmpty && !positive.isEmpty)
        #expect(abs(negative.count - positive.count) <= 1, "\(negative.count) and \(positive.count) cells")
        #expect((negative.max() ?? 0) < (positive.min() ?? 0))
        #expect(abs(2 * half.count - positive.count) <= 2, "5e307 is \(half.count) cells of \(positive.count)")
        // A line chart of values at both ends of Double, on both axes.
        let wide = LineSeries(name: "w", x: [-1e308, 0, 1e308], y: [1e308, -1e308, 1.7e308])
        let chart = LineChart(series: [wide], dotGrid: .braille)
        let buffer = chart.rendered(width: 60, height: 16)
        let layout = chart.plotLayout(in: buffer.area)
        #expect(layout != nil)
        if let layout {
            #expect(rowsDrawn(buffer, plot: layout.plot, column: 0).contains(Drawing.candidates(
                Drawing.position(1e308, range: layout.y, scale: .linear, positions: layout.plot.height * 4, flipped: true)!,
                positions: layout.plot.height * 4).first! / 4))
        }
    }

    @Test func aLoggedSeriesMarksEachNonFiniteValueAndResumes() {
        var series = LineSeries(name: "run", nonFinite: .marked)
        for (x, y) in [(20.0, 0.25), (21, .nan), (22, .infinity), (23, 0.2), (24, -.infinity), (25, 0.3)] {
            series.append(x: x, y: y)
        }
        #expect(series.count == 3 && series.divergence == nil)
        #expect(series.newest?.x == 25 && series.newest?.y == 0.3)
        #expect(series.markCounts.map(\.count) == [1, 1, 1])
        let chart = LineChart(series: [series], dotGrid: .braille)
        let buffer = chart.rendered(width: 60, height: 16)
        guard let layout = chart.plotLayout(in: buffer.area) else {
            Issue.record("no plot")
            return
        }
        let plot = layout.plot
        #expect(layout.x == 20...25)
        func column(_ x: Double) -> Int {
            Drawing.candidates(Drawing.position(x, range: layout.x, scale: .linear, positions: plot.width * 2, flipped: false)!,
                               positions: plot.width * 2).first! / 2
        }
        #expect(buffer[plot.x + column(21), plot.maxY].symbol == "✕")
        #expect(buffer[plot.x + column(22), plot.y].symbol == "▲")
        #expect(buffer[plot.x + column(24), plot.maxY - 1].symbol == "▼")
        // The line joins nothing across a gap: no dot strictly between two finite points.
        let dots = Drawing.dots(in: plot, of: buffer)
        for (a, b) in [(20.0, 23.0), (23.0, 25.0)] {
            let between = dots.filter { $0.x / 2 > column(a) && $0.x / 2 < column(b) }
            #expect(between.isEmpty, "a line across \(a)...\(b)")
        }
        #expect(buffer.lines[0].contains("run 0.3 (1 ✕ NaN, 1 ▲ inf, 1 ▼ -inf)"), "\(buffer.lines[0])")
        // A study's series still ends at its first non-finite value.
        let ended = LineSeries(name: "s", y: [1, .nan, 2])
        #expect(ended.count == 1 && ended.divergence?.x == 1 && ended.marks.isEmpty)
    }

    @Test func shortPlotsLabelTheirEdgesWithTheValuesThere() {
        // The learning rate of a StepLR run: 0.0125, then 0.00125. Wherever a y label shares
        // a row with the drawn lowest or highest value, it names that value.
        let lr = LineSeries(name: "lr", y: Array(repeating: 0.0125, count: 60) + Array(repeating: 0.00125, count: 20))
        for height in 6...40 {
            for width in [30, 60, 100] {
                let chart = LineChart(series: [lr], dotGrid: .braille)
                let buffer = chart.rendered(width: width, height: height)
                guard let layout = chart.plotLayout(in: buffer.area) else { continue }
                let plot = layout.plot
                let first = rowsDrawn(buffer, plot: plot, column: 0), last = rowsDrawn(buffer, plot: plot, column: plot.width - 1)
                let labels = yLabels(buffer, plot: plot)
                #expect(Set(labels.map(\.label)).count == labels.count)
                for (row, label) in labels {
                    if first.contains(row) {
                        #expect(label == "0.0125", "\(width)x\(height): the row of 0.0125 says \(label)")
                    }
                    if last.contains(row) {
                        #expect(label == "0.00125", "\(width)x\(height): the row of 0.00125 says \(label)")
                    }
                }
            }
        }
    }

    @Test func percentAxesWriteTicksAndLegendAsPercentages() {
        let accuracy = LineSeries(name: "validation accuracy", y: [0.4, 0.5, 0.583333])
        let chart = LineChart(series: [accuracy], yAxis: Axis(showsPercent: true), dotGrid: .braille)
        let buffer = chart.rendered(width: 60, height: 16)
        #expect(buffer.lines[0].contains("validation accuracy 58.3%"))
        guard let layout = chart.plotLayout(in: buffer.area) else {
            Issue.record("no plot")
            return
        }
        let labels = yLabels(buffer, plot: layout.plot)
        #expect(labels.count >= 2 && labels.allSatisfy { $0.label.hasSuffix("%") }, "\(labels)")
        #expect(labels.first?.label == "58.3%" && labels.last?.label == "40%")
        #expect(NumberFormat.percent(0.583333) == "58.3%" && NumberFormat.percent(1) == "100%")
    }

    @Test func pointSeriesPutTheirGlyphInTheCellOfEachValue() {
        let readings = LineSeries(name: "readings", x: [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4],
                                  y: [0.5, 14, 15, 28, 11, 8, 3, -4, 6, 13, 21], style: .points)
        let fit = LineSeries(name: "fit", x: [20, 85], y: [-6, 28.5])
        let chart = LineChart(series: [readings, fit], dotGrid: .braille)
        let buffer = chart.rendered(width: 80, height: 24)
        #expect(buffer.lines[0].contains("●  readings"))
        guard let layout = chart.plotLayout(in: buffer.area) else {
            Issue.record("no plot")
            return
        }
        let plot = layout.plot
        var marked = Set<[Int]>()
        for (x, y) in zip(readings.raw.buckets.map(\.firstX), readings.raw.buckets.map(\.first)) {
            let c = Drawing.candidates(Drawing.position(x, range: layout.x, scale: .linear, positions: plot.width * 2, flipped: false)!,
                                       positions: plot.width * 2).map { $0 / 2 }
            let r = Drawing.candidates(Drawing.position(y, range: layout.y, scale: .linear, positions: plot.height * 4, flipped: true)!,
                                       positions: plot.height * 4).map { $0 / 4 }
            let cells = c.flatMap { cx in r.map { [cx, $0] } }
            #expect(cells.contains { buffer[plot.x + $0[0], plot.y + $0[1]].symbol == "●" }, "no point for (\(x), \(y))")
            marked.formUnion(cells.filter { buffer[plot.x + $0[0], plot.y + $0[1]].symbol == "●" })
        }
        // No glyph anywhere else, and no line through the readings: the only braille is the fit's.
        let glyphs = (plot.y..<plot.maxY).flatMap { y in (plot.x..<plot.maxX).filter { buffer[$0, y].symbol == "●" }.map { [$0 - plot.x, y - plot.y] } }
        #expect(Set(glyphs).isSubset(of: marked))
    }

    @Test func categoricalHeatmapsShowAClassLegendNotAColourScale() {
        // Three classes in bands: 0 on top, 1 in the middle, 2 below.
        let values = (0..<12).map { r in Array(repeating: Double(r / 4), count: 20) }
        let map = Heatmap(values: values, colorMode: .palette256, dotGrid: .braille, classes: ["arm 0", "arm 1", "arm 2"])
        let buffer = map.rendered(width: 60, height: 14)
        let text = buffer.lines
        // The legend: a swatch in each class's colour and its name; no numeric scale.
        for (k, name) in ["arm 0", "arm 1", "arm 2"].enumerated() {
            guard let row = text.firstIndex(where: { $0.contains(name) }) else {
                Issue.record("no legend entry for \(name)")
                continue
            }
            let column = text[row].distance(from: text[row].startIndex, to: text[row].range(of: name)!.lowerBound) - 2
            #expect(buffer[column, row].symbol == "█" && buffer[column, row].foreground == Palette.standard.series256[k])
        }
        #expect(!text.joined().contains("0.5"))
        // Each cell's colour is its class's.
        let plotWidth = (0..<60).prefix { buffer[$0, 0].symbol == "▀" }.count
        #expect(plotWidth > 20)
        for cy in 0..<14 {
            for x in 0..<plotWidth {
                let expected = [2 * cy, 2 * cy + 1].map { Palette.standard.series256[($0 * 12 / 28) / 4] }
                #expect([buffer[x, cy].foreground, buffer[x, cy].background] == expected, "cell \(x), \(cy)")
            }
        }
    }
}
