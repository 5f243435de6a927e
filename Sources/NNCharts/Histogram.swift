import Foundation

/// The distribution of a set of values as vertical bars, eighth-cell exact, with a count
/// axis on the left and the values' axis below.
public struct Histogram: Widget, Sendable {
    public var title: String
    public var values: [Double]
    /// Number of bins; nil chooses by Sturges' rule (⌈log2 n⌉ + 1).
    public var bins: Int?
    /// The binned span; nil fits the finite values.
    public var range: ClosedRange<Double>?
    public var color: Color
    public var colorMode: ColorMode
    public var marker: Marker

    public init(
        title: String = "", values: [Double], bins: Int? = nil, range: ClosedRange<Double>? = nil,
        color: Color = Palette.series256[0], colorMode: ColorMode = .palette256, marker: Marker = .braille
    ) {
        self.title = title
        self.values = values
        self.bins = bins
        self.range = range
        self.color = color
        self.colorMode = colorMode
        self.marker = marker
    }

    /// Counts of `values` in `bins` equal bins over `range` (the last bin closed); values
    /// outside the range and non-finite ones are not counted.
    public static func counts(_ values: [Double], bins: Int, range: ClosedRange<Double>) -> [Int] {
        let bins = max(1, bins)
        var counts = Array(repeating: 0, count: bins)
        let map = AxisMap(range: range, scale: .linear, positions: bins)
        let spread = range.upperBound > range.lowerBound
        for v in values where v.isFinite && range.contains(v) {
            counts[spread ? map.bin(v) ?? 0 : 0] += 1
        }
        return counts
    }

    /// The binned span: `range`, else the finite values' (widened when they are all equal).
    public var shownRange: ClosedRange<Double>? {
        if let range { return range }
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return nil }
        return AxisRange.nonEmpty(low, high, pad: max(0.5, abs(low) * 0.1))
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area)
        var rows = area
        if !title.isEmpty {
            buffer.write(title, x: area.x, y: area.y, style: .bold, clip: area)
            rows = rows.splitRows(at: 1).bottom
        }
        guard let range = shownRange, rows.height >= 3 else { return }
        let finiteCount = values.filter(\.isFinite).count
        let binCount = min(max(1, rows.width - 6), bins ?? Int(ceil(log2(Double(max(1, finiteCount))))) + 1)
        let counts = Histogram.counts(values, bins: binCount, range: range)
        let peak = max(1, counts.max() ?? 1)
        let plotHeight = rows.height - 2
        let yTicks = Ticks.linear(lower: 0, upper: Double(peak), count: max(2, plotHeight / 3 + 1))
        let integerTicks = zip(yTicks.values, yTicks.labels).filter { $0.0 == $0.0.rounded() && $0.0 <= Double(peak) }
        let labelWidth = integerTicks.map(\.1.count).max() ?? 1
        // Every bin gets the same whole number of columns.
        let available = rows.width - labelWidth - 3
        let perBin = max(1, available / counts.count)
        let plot = Rect(x: rows.x + labelWidth + 2, y: rows.y, width: min(available, perBin * counts.count),
                        height: plotHeight)
        guard plot.width >= 2 else { return }
        let barColor = colorMode.resolve(color)
        let axis: Color = colorMode == .none ? .default : .gray
        let ascii = marker.isASCII
        let glyphs = ascii ? Bars.asciiVertical : Bars.vertical
        for column in 0..<plot.width {
            let bin = column * counts.count / plot.width
            var eighths = counts[bin] * plot.height * 8 / peak
            if counts[bin] > 0 { eighths = max(1, eighths) }
            var row = plot.maxY - 1
            while eighths > 0 && row >= plot.y {
                let glyph = glyphs[min(8, eighths)]
                if glyph != " " { buffer[plot.x + column, row] = Cell(glyph, foreground: barColor) }
                eighths -= 8
                row -= 1
            }
        }
        // Count axis.
        for row in plot.y..<plot.maxY { buffer[plot.x - 1, row] = Cell(ascii ? "|" : "│", foreground: axis) }
        // Value axis.
        let axisRow = plot.maxY
        buffer[plot.x - 1, axisRow] = Cell(ascii ? "+" : "└", foreground: axis)
        // A count labels the row where a bar of that count ends; 0 is the axis itself.
        for (value, label) in integerTicks {
            let row = plot.maxY - Int(ceil(value / Double(peak) * Double(plot.height) - 1e-9))
            buffer.write(label, x: plot.x - 2 - label.count, y: row)
            if row < plot.maxY { buffer[plot.x - 1, row] = Cell(ascii ? "+" : "┤", foreground: axis) }
        }
        for column in plot.x..<plot.maxX { buffer[column, axisRow] = Cell(ascii ? "-" : "─", foreground: axis) }
        let map = AxisMap(range: range, scale: .linear, positions: plot.width)
        let ticks = TickPlacement.horizontal(
            range: range, scale: .linear, width: plot.width, minX: rows.x, maxX: rows.maxX
        ) { v in plot.x + min(plot.width, max(0, Int(((map.fraction(v) ?? 0) * Double(plot.width)).rounded()))) }
        for tick in ticks {
            buffer[tick.column, axisRow] = Cell(ascii ? "+" : "┬", foreground: axis)
            buffer.write(tick.label, x: tick.start, y: axisRow + 1)
        }
    }
}
