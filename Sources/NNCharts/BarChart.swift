import NNText

/// Horizontal bars with their labels on the left and values on the right, eighth-cell exact.
///
/// Bars grow from zero: to the right for positive values, to the left for negative ones
/// when any value is negative, with the value written at the bar's far end (left of a
/// negative bar). A non-finite value shows its name ("NaN", "inf") and no bar.
public struct BarChart: Widget, Sendable {
    public struct Bar: Hashable, Sendable {
        public var label: String
        public var value: Double
        /// nil takes the palette's colour for the bar's position.
        public var color: Color?

        public init(label: String, value: Double, color: Color? = nil) {
            self.label = label
            self.value = value
            self.color = color
        }
    }

    public var title: String
    public var bars: [Bar]
    public var colorMode: ColorMode
    /// The colours bars take when they carry none.
    public var palette: Palette = .standard
    /// ASCII draws bars with `#`.
    public var dotGrid: DotGrid
    /// Colour bars by position (true) or all alike (false).
    public var colorsByBar: Bool

    public init(
        title: String = "", bars: [Bar], colorMode: ColorMode = .palette256,
        dotGrid: DotGrid = .braille, colorsByBar: Bool = false
    ) {
        self.title = title
        self.bars = bars
        self.colorMode = colorMode
        self.dotGrid = dotGrid
        self.colorsByBar = colorsByBar
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
        let finite = bars.map(\.value).filter(\.isFinite)
        let high = max(0, finite.max() ?? 0), low = min(0, finite.min() ?? 0)
        let labelWidth = min(bars.map(\.label.count).max() ?? 0, max(0, area.width / 3))
        let valueTexts = bars.map { NumberFormat.short($0.value) }
        let valueWidth = valueTexts.map(\.count).max() ?? 0
        // Negative values are written left of their bars: they get a column of their own.
        let leftWidth = low < 0 ? valueWidth + 1 : 0
        let barWidth = rows.width - labelWidth - valueWidth - 2 - leftWidth
        guard barWidth >= 1 else { return }
        // Where a value's bar ends, in eighths of a cell from the left of the bars.
        let map = AxisMap(range: low...high, scale: .linear, positions: barWidth)
        func eighths(_ v: Double) -> Int { high > low ? nearest((map.fraction(v) ?? 0) * Double(barWidth * 8)) : 0 }
        let zeroEighths = eighths(0)
        let zero = rows.x + labelWidth + 1 + leftWidth + (zeroEighths + 4) / 8
        for (i, bar) in bars.enumerated() where i < rows.height {
            let y = rows.y + i
            // A label longer than its column ends in `…`, so a cut name is never read as whole.
            let label = Table.fit(bar.label, width: labelWidth, ascii: dotGrid.isASCII)
            buffer.write(label, x: rows.x + labelWidth - label.count, y: y)
            let color = colorsByBar ? (bar.color.map(colorMode.resolve) ?? palette.seriesColor(i, mode: colorMode))
                : (bar.color.map(colorMode.resolve) ?? palette.seriesColor(0, mode: colorMode))
            var end = zero
            if bar.value.isFinite {
                let length = abs(eighths(bar.value) - zeroEighths)
                if bar.value >= 0 {
                    end = drawRight(from: zero, eighths: length, y: y, color: color, into: &buffer)
                } else {
                    let start = drawLeft(to: zero, eighths: length, y: y, color: color, into: &buffer)
                    buffer.write(valueTexts[i], x: start - 1 - valueTexts[i].count, y: y, foreground: color, clip: rows)
                    continue
                }
            }
            buffer.write(valueTexts[i], x: max(end, zero) + 1, y: y, foreground: color, clip: rows)
        }
    }

    /// Draws `eighths` eighth-cells rightwards from column `x`; returns the column after.
    private func drawRight(from x: Int, eighths: Int, y: Int, color: Color, into buffer: inout Buffer) -> Int {
        let glyphs = dotGrid.isASCII ? BarGlyphs.asciiHorizontal : BarGlyphs.horizontal
        var column = x
        for _ in 0..<(eighths / 8) {
            buffer[column, y] = Cell(glyphs[8], foreground: color)
            column += 1
        }
        if eighths % 8 != 0 && glyphs[eighths % 8] != " " {
            buffer[column, y] = Cell(glyphs[eighths % 8], foreground: color)
            column += 1
        }
        return column
    }

    /// Draws whole cells leftwards ending before column `x` (a partial cell rounds to whole,
    /// since no glyph fills the right part of a cell by eighths).
    /// Returns the bar's first column.
    @discardableResult
    private func drawLeft(to x: Int, eighths: Int, y: Int, color: Color, into buffer: inout Buffer) -> Int {
        let cells = (eighths + 4) / 8
        for i in 0..<cells { buffer[x - 1 - i, y] = Cell(dotGrid.isASCII ? "#" : "█", foreground: color) }
        return x - cells
    }
}
