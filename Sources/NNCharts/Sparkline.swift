/// A one-row chart: each cell's height in eighths follows a value.
///
/// With more values than cells, each cell shows the highest value of its share, so spikes
/// stay visible; the newest value is always the last cell. Non-finite values show `✕`.
public struct Sparkline: Widget, Sendable {
    public var values: [Double]
    public var color: Color
    public var marker: Marker
    /// Fixed ends of the scale; nil fits the finite values.
    public var range: ClosedRange<Double>?

    public init(values: [Double], color: Color = .default, marker: Marker = .braille, range: ClosedRange<Double>? = nil) {
        self.values = values
        self.color = color
        self.marker = marker
        self.range = range
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !values.isEmpty else { return }
        let width = area.width
        // One value a cell, the newest at the right; more values are folded by maximum.
        var cells: [Double] = []
        if values.count <= width {
            cells = values
        } else {
            for c in 0..<width {
                let start = c * values.count / width, end = (c + 1) * values.count / width
                let share = values[start..<max(end, start + 1)]
                cells.append(share.contains { !$0.isFinite } ? share.first { !$0.isFinite }! : share.max()!)
            }
        }
        let finite = cells.filter(\.isFinite)
        let low = range?.lowerBound ?? finite.min() ?? 0
        let high = range?.upperBound ?? finite.max() ?? 1
        let glyphs = marker.isASCII ? Bars.asciiSparkline : Bars.vertical
        let y = area.maxY - 1
        for (i, v) in cells.enumerated() {
            let symbol: Character
            if !v.isFinite {
                symbol = marker.isASCII ? "X" : "✕"
            } else {
                let t = high > low ? (min(high, max(low, v)) - low) / (high - low) : 0.5
                symbol = glyphs[1 + nearest(t * 7)]
            }
            buffer[area.x + i, y] = Cell(symbol, foreground: color)
        }
    }
}
