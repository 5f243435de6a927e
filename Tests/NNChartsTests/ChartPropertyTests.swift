import ChartReading
import Foundation
import NNTestSupport
import Testing

@testable import NNCharts

/// Random data (seeded; the seed is printed) through every chart: NaN, ±inf, constant,
/// subnormal and 1e308-range values. Nothing traps, and each finite value lands where it
/// maps: its dot in a line chart, its glyph in a point chart, its colour in a heatmap, its
/// bin in a histogram, its length in a bar chart; tick labels are distinct and name the
/// values at their rows.
@Suite struct ChartPropertyTests {
    static let seed: UInt64 = 0x5EED_C4A7_2026

    /// The kinds of data that have broken charts.
    enum Kind: CaseIterable {
        case ordinary, withNonFinite, constant, subnormal, huge, mixedMagnitudes, onlyNonFinite
    }

    struct Generator {
        var random: SeededRandom

        init(_ salt: UInt64) {
            random = SeededRandom("ChartPropertyTests \(salt)", seed: ChartPropertyTests.seed ^ salt)
        }

        mutating func unit() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        mutating func int(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        mutating func pick<T>(_ options: [T]) -> T { options[int(options.count)] }

        static let specials: [Double] = [.nan, .infinity, -.infinity]

        mutating func values(_ kind: Kind, count: Int) -> [Double] {
            switch kind {
            case .ordinary:
                let scale = pow(10, Double(int(13) - 6))
                var v = (unit() - 0.5) * scale
                return (0..<count).map { _ in
                    v += (unit() - 0.5) * scale / 10
                    return v
                }
            case .withNonFinite:
                return values(.ordinary, count: count).map { unit() < 0.15 ? pick(Self.specials) : $0 }
            case .constant:
                let c = pick([0, 1, -3.5, 1e308, -1e308, Double.leastNonzeroMagnitude, 1e-300, 0.00125])
                return Array(repeating: c, count: count)
            case .subnormal:
                return (0..<count).map { _ in Double(int(41) - 10) * Double.leastNonzeroMagnitude }
            case .huge:
                return (0..<count).map { _ in (unit() * 2 - 1) * Double.greatestFiniteMagnitude }
            case .mixedMagnitudes:
                return (0..<count).map { _ in pick([0, Double.leastNonzeroMagnitude, -1e-300, 1, -1e308, 1e308, 1e-5, 3e307]) }
            case .onlyNonFinite:
                return (0..<count).map { _ in pick(Self.specials) }
            }
        }

        /// Increasing x values: steps, scaled steps, or spread over Double's whole range.
        mutating func xs(count: Int) -> [Double] {
            switch int(4) {
            case 0: return (0..<count).map(Double.init)
            case 1:
                let step = pow(10, Double(int(9) - 4))
                return (0..<count).map { Double($0) * step + 7 }
            case 2:
                let step = 2 * (Double.greatestFiniteMagnitude / Double(max(1, count)))
                return (0..<count).map { -Double.greatestFiniteMagnitude + Double($0) * step * 0.999 }
            default: return (0..<count).map { Double($0) * Double.leastNonzeroMagnitude }
            }
        }
    }

    static let sizes = [(80, 24), (200, 60), (30, 10), (50, 16), (120, 36)]

    @Test func lineChartsPutEveryFiniteValueAtItsDot() {
        var g = Generator(1)
        for trial in 0..<400 {
            let kind = g.pick(Kind.allCases)
            let n = 1 + g.int(g.int(4) == 0 ? 900 : 120)
            let ys = g.values(kind, count: n), xs = g.xs(count: n)
            let scale = g.pick([Scale.linear, .log10])
            let nonFinite = g.pick([LineSeries.NonFinite.ends, .marked])
            let style = g.pick([LineSeries.Style.line, .points])
            let series = LineSeries(name: "s", x: xs, y: ys, style: style, nonFinite: nonFinite)
            let chart = LineChart(series: [series], yAxis: Axis(title: "v", scale: scale), dotGrid: .braille)
            _ = g.int(2)  // Once the legend's on/off; still drawn so that each seed gives the trials it gave.
            let (width, height) = g.pick(Self.sizes)
            let buffer = chart.rendered(width: width, height: height)
            let context = "trial \(trial): \(kind), \(n) points, \(scale), \(nonFinite), \(style), \(width)x\(height)"

            var points = Array(zip(xs, ys))
            if nonFinite == .ends, let end = points.firstIndex(where: { !$0.1.isFinite }) { points = Array(points[..<end]) }
            points = points.filter { $0.1.isFinite && (scale == .linear || $0.1 > 0) }
            guard let layout = chart.plotLayout(in: buffer.area) else {
                #expect(points.isEmpty || height < 10, "\(context): no plot")
                continue
            }
            let plot = layout.plot
            let (xDots, yDots) = (plot.width * 2, plot.height * 4)
            let dots = Drawing.dots(in: plot, of: buffer)
            var shown = false
            /// The chart's text, with the first failure of a trial only.
            func picture() -> String {
                defer { shown = true }
                return shown ? "" : "\n" + buffer.plainText
            }
            for (x, y) in points {
                guard let px = Drawing.position(x, range: layout.x, scale: .linear, positions: xDots, flipped: false),
                    let py = Drawing.position(y, range: layout.y, scale: scale, positions: yDots, flipped: true)
                else { continue }
                #expect(px > -0.51 && px < Float80(xDots) - 0.49 && py > -0.51 && py < Float80(yDots) - 0.49,
                        "\(context): (\(x), \(y)) outside the fitted plot")
                let columns = Drawing.candidates(px, positions: xDots), rows = Drawing.candidates(py, positions: yDots)
                let cells = Set(columns.flatMap { c in rows.map { r in [c / 2, r / 4] } })
                switch style {
                case .line:
                    let drawn = columns.contains { c in rows.contains { r in dots.contains(Drawing.Dot(x: c, y: r)) } }
                    // A marker of a non-finite value may cover the dot's cell.
                    let covered = cells.contains { "▲▼✕".contains(buffer[plot.x + $0[0], plot.y + $0[1]].symbol) }
                    #expect(drawn || covered, "\(context): no dot at (\(x), \(y)) → \(px), \(py)\(drawn || covered ? "" : picture())")
                case .points:
                    let marked = cells.contains { buffer[plot.x + $0[0], plot.y + $0[1]].symbol == "●" }
                    #expect(marked, "\(context): no point at (\(x), \(y)) → \(px), \(py)\(marked ? "" : picture())")
                }
            }
            checkYLabels(buffer, layout: layout, scale: scale, context: context)
        }
    }

    /// A callout is its glyph in the cell its value maps to, over any series; one off the plot
    /// or not finite is not drawn, and nothing traps.
    @Test func calloutsLandInTheCellsOfTheirValues() {
        var g = Generator(2)
        for trial in 0..<300 {
            let kind = g.pick(Kind.allCases)
            let n = 1 + g.int(120)
            let ys = g.values(kind, count: n), xs = g.xs(count: n)
            let scale = g.pick([Scale.linear, .log10])
            let i = g.int(n)
            let callout = Callout(x: xs[i], y: ys[i], glyph: "Q")
            let chart = LineChart(series: [LineSeries(name: "s", x: xs, y: ys, nonFinite: .marked)],
                                  yAxis: Axis(title: "v", scale: scale), dotGrid: .braille, callouts: [callout])
            let (width, height) = g.pick(Self.sizes)
            let buffer = chart.rendered(width: width, height: height)
            let context = "trial \(trial): \(kind), (\(xs[i]), \(ys[i])), \(scale), \(width)x\(height)"
            let drawn = (0..<buffer.height).flatMap { y in (0..<buffer.width).filter { buffer[$0, y].symbol == "Q" }.map { [$0, y] } }
            guard let layout = chart.plotLayout(in: buffer.area),
                  let px = Drawing.position(callout.x, range: layout.x, scale: .linear, positions: layout.plot.width * 2, flipped: false),
                  let py = Drawing.position(callout.y, range: layout.y, scale: scale, positions: layout.plot.height * 4, flipped: true),
                  px > -0.51, px < Float80(layout.plot.width * 2) - 0.49, py > -0.51, py < Float80(layout.plot.height * 4) - 0.49
            else {
                #expect(drawn.isEmpty, "\(context): a callout off the plot drawn at \(drawn)")
                continue
            }
            let plot = layout.plot
            let cells = Set(Drawing.candidates(px, positions: plot.width * 2).flatMap { c in
                Drawing.candidates(py, positions: plot.height * 4).map { r in [plot.x + c / 2, plot.y + r / 4] }
            })
            #expect(drawn.count == 1 && cells.contains(drawn[0]), "\(context): drawn at \(drawn), expected one of \(cells)\n\(buffer.plainText)")
        }
    }

    /// Each y tick label is distinct and its value maps to the row the tick marks.
    private func checkYLabels(
        _ buffer: Buffer, layout: (plot: Rect, x: ClosedRange<Double>, y: ClosedRange<Double>), scale: Scale,
        context: String
    ) {
        let plot = layout.plot
        var labels: [String] = []
        for row in plot.y..<plot.maxY where buffer[plot.x - 1, row].symbol == "┤" {
            let label = String((buffer.area.x..<(plot.x - 1)).map { buffer[$0, row].symbol })
                .trimmingCharacters(in: .whitespaces)
            labels.append(label)
            guard let value = Drawing.number(label) else {
                Issue.record("\(context): y label \(label) is not a number")
                continue
            }
            guard let p = Drawing.position(value, range: layout.y, scale: scale, positions: plot.height * 4, flipped: true)
            else { continue }
            let rows = Set([p - 1, p, p + 1].flatMap { Drawing.candidates($0, positions: plot.height * 4) }.map { $0 / 4 })
            #expect(rows.contains(row - plot.y), "\(context): label \(label) on row \(row - plot.y), its value maps to \(p / 4)")
        }
        #expect(Set(labels).count == labels.count, "\(context): labels \(labels) repeat")
    }

    /// The heatmap trials are checked in `heatmapParts` parts, each one test case, so that they
    /// spread over the cores: each part draws the same trials from the seed and checks its share.
    static let heatmapParts = 4

    @Test(arguments: 0..<heatmapParts)
    func heatmapsColourEveryCellByItsValue(part: Int) {
        var g = Generator(2)
        for trial in 0..<300 {
            let rows = 1 + g.int(20), columns = 1 + g.int(30)
            let kind = g.pick(Kind.allCases)
            let categorical = g.int(4) == 0
            let classes = ["a", "b", "c", "d"]
            var values: [[Double]] = (0..<rows).map { _ in g.values(kind, count: columns) }
            if categorical {
                values = values.map { $0.map { _ in g.int(6) == 0 ? .nan : Double(g.int(classes.count)) } }
            }
            let scale = g.pick([Scale.linear, .log10])
            let (width, height) = g.pick(Self.sizes)
            // The trial's last draw: the other parts' trials are drawn from the seed, not checked.
            guard trial % Self.heatmapParts == part else { continue }
            let map = Heatmap(values: values, valueScale: scale, colorMode: .palette256,
                              classes: categorical ? classes : [])
            let buffer = map.rendered(width: width, height: height)
            let context = "trial \(trial): \(kind), \(rows)x\(columns), \(scale), categorical \(categorical), \(width)x\(height)"
            let range = map.shownValueRange
            guard categorical || range != nil else { continue }
            guard let plot = map.plotArea(in: buffer.area) else {
                Issue.record("\(context): no plot")
                continue
            }
            let (plotWidth, plotHeight) = (plot.width, plot.height)
            for cy in 0..<plotHeight {
                for cx in 0..<plotWidth {
                    let cell = buffer[plot.x + cx, plot.y + cy]
                    for (half, color) in [(0, cell.foreground), (1, cell.background)] {
                        let r = min(rows - 1, (2 * cy + half) * rows / (2 * plotHeight))
                        let c = min(columns - 1, cx * columns / plotWidth)
                        let v = values[r][c]
                        let expected: Set<Color>
                        if categorical {
                            expected = v.isFinite ? [Palette.standard.series256[Int(v)]] : [.default]
                        } else {
                            expected = heatColors(v, range: range!, scale: scale)
                        }
                        #expect(expected.contains(color), "\(context): cell \(cx),\(cy) half \(half) value \(v) has \(color)")
                    }
                }
            }
        }
    }

    /// The colours a value may get on the viridis scale (two near a boundary).
    private func heatColors(_ v: Double, range: ClosedRange<Double>, scale: Scale) -> Set<Color> {
        guard let p = Drawing.position(v, range: range, scale: scale, positions: 2, flipped: false) else { return [.default] }
        let n = Palette.viridis256.count
        let low = Drawing.position(range.lowerBound, range: range, scale: scale, positions: 2, flipped: false)
        let high = Drawing.position(range.upperBound, range: range, scale: scale, positions: 2, flipped: false)
        let t = (low ?? 0) < (high ?? 0) ? min(1, max(0, p)) : 0
        let index = t * Float80(n)
        var result: Set<Color> = [Palette.viridis256[min(n - 1, Int(index))]]
        if abs(index - index.rounded()) < 1e-6 {
            result.insert(Palette.viridis256[min(n - 1, max(0, Int(index.rounded()) - 1))])
            result.insert(Palette.viridis256[min(n - 1, Int(index.rounded()))])
        }
        return result
    }

    @Test func barsAreAsLongAsTheirValues() {
        var g = Generator(3)
        for trial in 0..<300 {
            let kind = g.pick([Kind.ordinary, .subnormal, .huge, .mixedMagnitudes, .withNonFinite, .constant])
            let n = 1 + g.int(8)
            let negative = g.int(2) == 0
            let values = g.values(kind, count: n).map { $0.isFinite ? (negative ? -abs($0) : abs($0)) : $0 }
            let chart = BarChart(bars: values.enumerated().map { .init(label: "b\($0.offset)", value: $0.element) },
                                 colorMode: .palette256, dotGrid: .braille)
            let width = g.pick([30, 60, 100])
            let buffer = chart.rendered(width: width, height: n)
            let context = "trial \(trial): \(kind) \(values) at width \(width)"
            let lengths = (0..<n).map { row in
                (0..<width).reduce(0) { sum, x in
                    sum + (BarGlyphs.horizontal.firstIndex(of: buffer[x, row].symbol) ?? 0)
                }
            }
            let finite = values.filter(\.isFinite)
            guard let largest = finite.map(abs).max(), largest > 0 else {
                #expect(lengths.allSatisfy { $0 == 0 }, "\(context): bars without values")
                continue
            }
            let longest = lengths.max() ?? 0
            #expect(longest > 0, "\(context): no bar")
            for (value, length) in zip(values, lengths) {
                guard value.isFinite else {
                    #expect(length == 0, "\(context): a bar for \(value)")
                    continue
                }
                // Whole cells to the left (8 a cell) rounding to the nearest cell, eighths to the right.
                let expected = Float80(abs(value)) / Float80(largest) * Float80(longest)
                let tolerance: Float80 = negative ? 4.6 : 1.01
                #expect(abs(Float80(length) - expected) <= tolerance, "\(context): \(value) has \(length) eighths, not \(expected)")
            }
        }
    }

    @Test func ticksAreDistinctAndNameTheirValues() {
        var g = Generator(5)
        for trial in 0..<2000 {
            var ends = g.values(g.pick([Kind.ordinary, .subnormal, .huge, .mixedMagnitudes, .constant]), count: 2)
            ends.sort()
            let scale = g.pick([Scale.linear, .log10])
            let count = 2 + g.int(12)
            let ticks = Ticks.make(scale: scale, lower: ends[0], upper: ends[1], count: count)
            let context = "trial \(trial): \(ends) \(scale) \(count): \(ticks.labels)"
            #expect(ticks.values.count == ticks.labels.count, "\(context)")
            #expect(Set(ticks.labels).count == ticks.labels.count, "\(context): labels repeat")
            let gaps = zip(ticks.values, ticks.values.dropFirst()).map { Float80($1) - Float80($0) }
            #expect(gaps.allSatisfy { $0 > 0 }, "\(context): not increasing")
            let gap = gaps.min() ?? Float80(abs(ticks.values.first ?? 1))
            for (value, label) in zip(ticks.values, ticks.labels) {
                guard let read = Drawing.number(label) else {
                    Issue.record("\(context): \(label) is not a number")
                    continue
                }
                // A label may round its value, but never towards a neighbour.
                #expect(abs(Float80(read) - Float80(value)) < max(gap / 2, Float80(abs(value)) * 1e-9) || read == value,
                        "\(context): \(label) names \(read), the tick is \(value)")
            }
        }
    }
}
