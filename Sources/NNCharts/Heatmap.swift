import NNText

/// A grid of values drawn as colours, two values a cell: `▀` with the upper value as its
/// foreground and the lower as its background.
///
/// Used for 2-D loss surfaces (with optimizer paths drawn over them in braille, each cell's
/// background keeping the surface's colour) and for histograms over time. A colour scale
/// with its values stands at the right. Without colour the grid is drawn in shades
/// (`░▒▓█`, or `.:-=+*#%@` in ASCII), one value a cell. Non-finite values are left blank.
///
/// A categorical map (`classes` given: each value is a class number 0, 1, 2, ...) colours
/// each class with its own series colour and shows a legend of the classes instead of the
/// colour scale, since between two classes there is nothing to interpolate.
public struct Heatmap: Widget, Sendable {
    public var title: String
    /// `values[row][column]`; row 0 is the top (the largest y).
    public var values: [[Double]]
    /// The x values the grid's columns span, left edge to right edge; nil hides the x axis.
    public var xRange: ClosedRange<Double>?
    /// The y values the grid's rows span, bottom edge to top edge; nil hides the y axis.
    public var yRange: ClosedRange<Double>?
    /// How values map to colours; `.log10` for losses that span decades.
    public var valueScale: Scale
    /// Fixed ends of the colour scale; nil fits the finite values.
    public var valueRange: ClosedRange<Double>?
    public var paths: [HeatmapPath]
    public var colorMode: ColorMode
    /// The colours of classes (a categorical map).
    public var palette: Palette = .standard
    /// Braille draws paths finely; `.ascii` switches everything to ASCII.
    public var dotGrid: DotGrid
    public var showsScale: Bool
    /// The class names of a categorical map, class `k` for the value `k`; empty for a map
    /// of continuous values.
    public var classes: [String]

    public init(
        title: String = "", values: [[Double]], xRange: ClosedRange<Double>? = nil,
        yRange: ClosedRange<Double>? = nil, valueScale: Scale = .linear,
        valueRange: ClosedRange<Double>? = nil, paths: [HeatmapPath] = [],
        colorMode: ColorMode = .palette256, dotGrid: DotGrid = .braille, showsScale: Bool = true,
        classes: [String] = []
    ) {
        self.title = title
        self.values = values
        self.xRange = xRange
        self.yRange = yRange
        self.valueScale = valueScale
        self.valueRange = valueRange
        self.paths = paths
        self.colorMode = colorMode
        self.dotGrid = dotGrid
        self.showsScale = showsScale
        self.classes = classes
    }

    /// Path colours that stand out on the viridis scale.
    static let pathColors256: [Color] = [15, 196, 208, 201, 51, 226].map(Color.indexed)
    static let pathColors8: [Color] = [7, 1, 5, 6].map(Color.indexed)

    func pathColor(_ index: Int) -> Color {
        if let color = paths[index].color { return colorMode.resolve(color) }
        switch colorMode {
        case .palette256: return Heatmap.pathColors256[index % Heatmap.pathColors256.count]
        case .basic8: return Heatmap.pathColors8[index % Heatmap.pathColors8.count]
        case .none: return .default
        }
    }

    /// The span of the colour scale: `valueRange`, else the finite values' (positive ones
    /// on a log scale).
    public var shownValueRange: ClosedRange<Double>? {
        if let valueRange { return valueRange }
        var low = Double.infinity, high = -Double.infinity
        for row in values {
            for v in row where valueScale.transform(v) != nil {
                low = min(low, v)
                high = max(high, v)
            }
        }
        return low <= high ? low...high : nil
    }

    /// Where the parts of a heatmap drawn in `area` go.
    private struct Layout {
        /// The title and the paths' legend, a row each.
        var header: [[Span]]
        /// The area under the header.
        var rows: Rect
        var plot: Rect
        var yTicks: [(row: Int, label: String)]
        var scaleLabels: [String]
        var range: ClosedRange<Double>?
    }

    /// The cells the grid of values fills when the heatmap is drawn in `area`; nil when it
    /// draws no grid.
    public func plotArea(in area: Rect) -> Rect? {
        guard let plot = layout(in: area)?.plot, plot.width >= 1, plot.height >= 1 else { return nil }
        return plot
    }

    /// The most rows the title and the paths' legend take in a heatmap `height` rows tall:
    /// an eighth of its height, at least one and at most three.
    static func headerRowLimit(height: Int) -> Int { max(1, min(3, height / 8)) }

    private func layout(in area: Rect) -> Layout? {
        let ascii = dotGrid.isASCII
        var rows = area
        // The title, then the paths' entries, wrapped onto up to `headerRowLimit` rows while
        // they fit; the last row then says how many did not. The last column stays blank, so
        // an entry never runs into a neighbouring panel.
        let room = area.width - 1
        let rowLimit = Self.headerRowLimit(height: area.height)
        var header: [[Span]] = []
        var row: [Span] = title.isEmpty ? [] : [Span(title, style: .bold)]
        func moreSpan(_ count: Int, after row: [Span]) -> Span {
            Span((row.isEmpty ? "" : "  ") + "+\(count) more", foreground: colorMode == .none ? .default : .gray)
        }
        for index in paths.indices {
            let left = paths.count - index - 1
            // Room the rest would need on this row, were it the last.
            func fits(_ item: [Span], on row: [Span]) -> Bool {
                let last = header.count == rowLimit - 1
                let more = last && left > 0 ? "  +\(left) more".count : 0
                return row.width + (row.isEmpty ? 0 : 2) + item.width + more <= room
            }
            var item: [Span]
            if paths[index].isHidden {
                item = LineChart.hiddenItem(key: paths[index].key, name: paths[index].name, ascii: ascii)
                // Where the words do not fit, the dotted swatch alone says the path is hidden,
                // so hiding a path does not push its entry out of the row.
                if !fits(item, on: row) { item = [item[0], Span(" " + paths[index].name, style: .dim)] }
            } else {
                item = [Span(LineChart.keyPrefix(paths[index].key) + (ascii ? "-" + String(Palette.glyph(index, ascii: true)) : "━●"),
                             foreground: pathColor(index), style: .bold), Span(" " + paths[index].name)]
                if paths[index].finitePoints.diverged {
                    item.append(Span(ascii ? " X diverged" : " ✕ diverged",
                                     foreground: colorMode == .none ? .default : .red, style: .bold))
                }
            }
            if !fits(item, on: row), header.count < rowLimit - 1, !row.isEmpty {
                // On a row of its own.
                header.append(row)
                row = []
            }
            guard fits(item, on: row) else {
                // Not even this one fits: say how many are left out, when that fits.
                let count = moreSpan(paths.count - index, after: row)
                if row.width + count.width <= room { row.append(count) }
                break
            }
            if !row.isEmpty { row.append(Span("  ")) }
            row += item
        }
        if !row.isEmpty { header.append(row) }
        rows = rows.splitRows(at: min(rows.height, header.count)).bottom
        let columns = values.map(\.count).max() ?? 0
        let categorical = !classes.isEmpty
        let range = shownValueRange
        guard !rows.isEmpty, !values.isEmpty, columns > 0, categorical || range != nil else {
            return Layout(header: header, rows: rows, plot: Rect(x: rows.x, y: rows.y, width: 0, height: 0), yTicks: [],
                          scaleLabels: [], range: range)
        }

        // Right: the colour scale (or the classes); bottom: the x axis; left: the y axis,
        // whose labels are placed first (their rows depend only on the height) to know their width.
        let scaleLabels = categorical ? classes : scaleLabels(range ?? 0...1)
        let widest = 3 + (scaleLabels.map(\.count).max() ?? 0)
        let scaleWidth = showsScale ? (categorical ? min(widest, max(4, rows.width / 3)) : widest) : 0
        let plotBottom = rows.maxY - (xRange == nil ? 0 : 2)
        let plotHeight = plotBottom - rows.y
        var yTicks: [(row: Int, label: String)] = []
        if let yRange, plotHeight >= 1 {
            let rowMap = AxisMap(range: yRange, scale: .linear, positions: plotHeight, flipped: true)
            yTicks = TickPlacement.vertical(range: yRange, scale: .linear, height: plotHeight) { rowMap.bin($0) ?? 0 }
        }
        let yLabelWidth = yRange == nil ? 0 : (yTicks.map(\.label.count).max() ?? 0) + 2
        let plot = Rect(x: rows.x + yLabelWidth, y: rows.y, width: rows.width - yLabelWidth - scaleWidth,
                        height: plotHeight)
        return Layout(header: header, rows: rows, plot: plot, yTicks: yTicks, scaleLabels: scaleLabels, range: range)
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, let layout = layout(in: area) else { return }
        buffer.fill(area)
        let ascii = dotGrid.isASCII
        for (i, row) in layout.header.enumerated() where i < area.height {
            buffer.write(row, x: area.x, y: area.y + i, clip: area)
        }
        let (rows, plot, yTicks, scaleLabels, range) = (layout.rows, layout.plot, layout.yTicks, layout.scaleLabels, layout.range)
        let columns = values.map(\.count).max() ?? 0
        let categorical = !classes.isEmpty
        guard plot.width >= 1, plot.height >= 1 else { return }

        let valueMap = AxisMap(range: range ?? 0...1, scale: valueScale, positions: 2)
        let spread = (valueScale.transform(range?.upperBound ?? 0) ?? 0) > (valueScale.transform(range?.lowerBound ?? 0) ?? 0)
        /// Where a value lies on the colour scale (0...1), or its class's place among the classes.
        func t(_ v: Double) -> Double? {
            if categorical {
                return classIndex(v).map { classes.count > 1 ? Double($0) / Double(classes.count - 1) : 0 }
            }
            return valueMap.fraction(v).map { spread ? min(1, max(0, $0)) : 0 }
        }
        func color(_ v: Double) -> Color? {
            if categorical { return classIndex(v).map { palette.seriesColor($0, mode: colorMode) } }
            return t(v).map { Palette.heat($0, mode: colorMode) }
        }
        func sample(_ column: Int, _ row: Int, _ rowsDown: Int) -> Double {
            let r = min(values.count - 1, row * values.count / rowsDown)
            let line = values[r]
            let c = min(columns - 1, column * columns / plot.width)
            return c < line.count ? line[c] : .nan
        }
        let shaded = colorMode == .none
        for cy in 0..<plot.height {
            for cx in 0..<plot.width {
                if shaded && categorical {
                    // One class a cell: its own glyph (averaging two classes means nothing).
                    guard let k = classIndex(sample(cx, 2 * cy, 2 * plot.height)) else { continue }
                    buffer[plot.x + cx, plot.y + cy] = Cell(classGlyph(k, ascii: ascii))
                } else if shaded {
                    let upper = t(sample(cx, 2 * cy, 2 * plot.height))
                    let lower = t(sample(cx, 2 * cy + 1, 2 * plot.height))
                    let mean = [upper, lower].compactMap { $0 }
                    guard !mean.isEmpty else { continue }
                    buffer[plot.x + cx, plot.y + cy] = Cell(shade(mean.reduce(0, +) / Double(mean.count), ascii: ascii))
                } else {
                    let upper = color(sample(cx, 2 * cy, 2 * plot.height))
                    let lower = color(sample(cx, 2 * cy + 1, 2 * plot.height))
                    if upper == nil && lower == nil { continue }
                    buffer[plot.x + cx, plot.y + cy] = Cell(
                        ascii ? " " : "▀", foreground: upper ?? .default, background: (ascii ? upper : lower) ?? .default)
                }
            }
        }
        drawPaths(in: plot, into: &buffer)
        drawAxes(plot: plot, rows: rows, yTicks: yTicks, into: &buffer)
        if showsScale && categorical {
            drawClasses(x: plot.maxX + 1, plot: plot, clip: rows, into: &buffer)
        } else if showsScale {
            drawScale(x: plot.maxX + 1, plot: plot, labels: scaleLabels, into: &buffer)
        }
    }

    /// The class of a categorical map's value, or nil for a value that names no class.
    private func classIndex(_ v: Double) -> Int? {
        guard v.isFinite, v >= 0, v < Double(classes.count), v == v.rounded(.down) else { return nil }
        return Int(v)
    }

    /// The glyph of class `k` without colour: the density ramp without its blank.
    private func classGlyph(_ k: Int, ascii: Bool) -> Character {
        let ramp = (ascii ? Palette.asciiShades : Palette.shades).dropFirst()
        return ramp[ramp.startIndex + k % ramp.count]
    }

    /// The legend of a categorical map: a swatch and the name of each class, one a row,
    /// `+N more` on the last row when they do not all fit; a name longer than the room left
    /// ends in `…`.
    private func drawClasses(x: Int, plot: Rect, clip: Rect, into buffer: inout Buffer) {
        let fitted = { (text: String, start: Int) -> String in
            let room = clip.maxX - start
            return text.count <= room ? text : room >= 2 ? Table.fit(text, width: room, ascii: dotGrid.isASCII) : ""
        }
        let shown = classes.count > plot.height ? max(0, plot.height - 1) : classes.count
        for k in 0..<shown {
            let y = plot.y + k
            if colorMode == .none {
                buffer[x, y] = Cell(classGlyph(k, ascii: dotGrid.isASCII))
            } else {
                buffer[x, y] = Cell(dotGrid.isASCII ? "#" : "█", foreground: palette.seriesColor(k, mode: colorMode))
            }
            buffer.write(fitted(classes[k], x + 2), x: x + 2, y: y, clip: clip)
        }
        if shown < classes.count {
            buffer.write(fitted("+\(classes.count - shown) more", x), x: x, y: plot.y + shown, foreground: colorMode == .none ? .default : .gray,
                         clip: clip)
        }
    }

    private func shade(_ t: Double, ascii: Bool) -> Character {
        let ramp = ascii ? Palette.asciiShades : Palette.shades
        return ramp[min(ramp.count - 1, Int(t * Double(ramp.count - 1) + 0.5))]
    }

    /// Paths in braille over the colours, each cell keeping its background; a dot at the
    /// end, a cross where a path diverged.
    private func drawPaths(in plot: Rect, into buffer: inout Buffer) {
        guard let xRange, let yRange, !paths.isEmpty else { return }
        let pathGrid: DotGrid = dotGrid.isASCII ? .ascii : .braille
        var canvas = Canvas(width: plot.width, height: plot.height, dotGrid: pathGrid)
        let xMap = AxisMap(range: xRange, scale: .linear, positions: canvas.dotWidth)
        let yMap = AxisMap(range: yRange, scale: .linear, positions: canvas.dotHeight, flipped: true)
        func dot(_ p: (x: Double, y: Double)) -> (Double, Double) { (xMap.position(p.x), yMap.position(p.y)) }
        var ends: [(Int, Int, Character, Ink)] = []
        for index in paths.indices where !paths[index].isHidden {
            let (points, diverged) = paths[index].finitePoints
            let ink = Ink(color: pathColor(index), style: .bold, glyph: Palette.glyph(index, ascii: true))
            let id = canvas.register(ink)
            for (a, b) in zip(points, points.dropFirst()) {
                let (x0, y0) = dot(a), (x1, y1) = dot(b)
                canvas.line(x0: x0, y0: y0, x1: x1, y1: y1, ink: id)
            }
            if let last = points.last {
                let (x, y) = dot(last)
                let glyph: Character = diverged ? (dotGrid.isASCII ? "X" : "✕") : (dotGrid.isASCII ? "@" : "●")
                ends.append((nearest(x) / canvas.dotGrid.dotsPerColumn, nearest(y) / canvas.dotGrid.dotsPerRow, glyph, ink))
            }
        }
        for (column, row, glyph, ink) in ends { canvas.mark(glyph, column: column, row: row, ink: ink) }
        var layer = Buffer(width: plot.width, height: plot.height)
        canvas.render(x: 0, y: 0, into: &layer)
        for row in 0..<plot.height {
            for column in 0..<plot.width where canvas.isOccupied(column: column, row: row) {
                var cell = layer[column, row]
                let under = buffer[plot.x + column, plot.y + row]
                cell.background = under.symbol == "▀" ? under.foreground : under.background
                buffer[plot.x + column, plot.y + row] = cell
            }
        }
    }

    private func drawAxes(plot: Rect, rows: Rect, yTicks: [(row: Int, label: String)], into buffer: inout Buffer) {
        let axis: Color = colorMode == .none ? .default : .gray
        if let xRange {
            let row = plot.maxY
            let columnMap = AxisMap(range: xRange, scale: .linear, positions: plot.width)
            let tickRow = TickPlacement.horizontal(
                range: xRange, scale: .linear, width: plot.width, minX: rows.x, maxX: rows.maxX
            ) { plot.x + (columnMap.bin($0) ?? 0) }
            for tick in tickRow {
                buffer[tick.column, row] = Cell(dotGrid.isASCII ? "^" : "▔", foreground: axis)
                buffer.write(tick.label, x: tick.start, y: row + 1)
            }
        }
        for tick in yTicks {
            buffer.write(tick.label, x: plot.x - 2 - tick.label.count, y: plot.y + tick.row)
            buffer[plot.x - 1, plot.y + tick.row] = Cell(dotGrid.isASCII ? "-" : "▕", foreground: axis)
        }
    }

    /// The colour scale's labels: its top, bottom and middle values.
    private func scaleLabels(_ range: ClosedRange<Double>) -> [String] {
        let low = valueScale.transform(range.lowerBound) ?? 0
        let high = valueScale.transform(range.upperBound) ?? 1
        return [range.upperBound, range.lowerBound, valueScale.inverse(low / 2 + high / 2)].map { NumberFormat.short($0) }
    }

    /// The colour bar: a column of the scale's colours, top high, with its values.
    private func drawScale(x: Int, plot: Rect, labels: [String], into buffer: inout Buffer) {
        for row in 0..<plot.height {
            let upper = 1 - Double(2 * row) / Double(max(1, 2 * plot.height - 1))
            let lower = 1 - Double(2 * row + 1) / Double(max(1, 2 * plot.height - 1))
            if colorMode == .none {
                buffer[x, plot.y + row] = Cell(shade((upper + lower) / 2, ascii: dotGrid.isASCII))
            } else {
                buffer[x, plot.y + row] = Cell(
                    dotGrid.isASCII ? " " : "▀", foreground: Palette.heat(upper, mode: colorMode),
                    background: Palette.heat(dotGrid.isASCII ? upper : lower, mode: colorMode))
            }
        }
        buffer.write(labels[0], x: x + 2, y: plot.y)
        if plot.height >= 2 { buffer.write(labels[1], x: x + 2, y: plot.maxY - 1) }
        if plot.height >= 5 { buffer.write(labels[2], x: x + 2, y: plot.y + (plot.height - 1) / 2) }
    }
}
