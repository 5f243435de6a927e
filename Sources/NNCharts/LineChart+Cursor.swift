import NNText

/// The value cursor (TensorBoard's hover tooltip): a vertical line at one x on the plot and a
/// readout of each shown series' value there, with its key and colour.
extension LineChart {
    /// One line of the readout: a shown series and its value at the cursor.
    public struct Reading: Equatable, Sendable {
        /// The series' index in `series`.
        public var index: Int
        /// The x of the point read: the last of the series at or before the cursor.
        public var x: Double
        public var value: Double

        public init(index: Int, x: Double, value: Double) {
            self.index = index
            self.x = x
            self.value = value
        }
    }

    /// The x values the cursor stops at, in order: each point of a shown series (the ends of
    /// its buckets, once many points share one) within the shown x range.
    public var cursorSteps: [Double] {
        guard let shown = shownXRange else { return [] }
        var xs = Set<Double>()
        for s in series where !s.isHidden {
            s.raw.forEachBucket { b in
                if shown.contains(b.firstX) { xs.insert(b.firstX) }
                if shown.contains(b.lastX) { xs.insert(b.lastX) }
            }
        }
        return xs.sorted()
    }

    /// Each shown series' last point at or before `x` (the value it had at that step), in the
    /// order of `series`; a series with no point there yet is left out.
    public func readings(at x: Double) -> [Reading] {
        series.indices.compactMap { index in
            let s = series[index]
            guard !s.isHidden else { return nil }
            var found: Reading?
            s.raw.forEachBucket { b in
                guard b.firstX <= x else { return }
                // Inside a bucket of many points only its ends are known: the first is the one before.
                found = b.lastX <= x ? Reading(index: index, x: b.lastX, value: b.last)
                    : Reading(index: index, x: b.firstX, value: b.first)
            }
            return found
        }
    }

    /// The cursor's line down the plot at `cursor` (in the cells no series marks) and the
    /// readout box on the side away from it.
    func drawCursor(_ frame: Frame, into buffer: inout Buffer) {
        guard let cursor, frame.x.range.contains(cursor) else { return }
        let plot = frame.plot
        let column = plot.x + min(plot.width - 1, max(0, nearest(frame.x.position(cursor)) / dotGrid.dotsPerColumn))
        let line: Character = dotGrid.isASCII ? "|" : "│"
        for row in plot.y..<plot.maxY where buffer[column, row].symbol == " " || buffer[column, row].symbol == "\u{2800}" {
            buffer[column, row] = Cell(line, foreground: axisColor)
        }
        buffer[column, plot.maxY] = Cell(dotGrid.isASCII ? "+" : "┼", foreground: axisColor)

        let lines = readoutLines(at: cursor)
        let room = column - plot.x >= plot.maxX - 1 - column
            ? Rect(x: plot.x, y: plot.y, width: column - plot.x - 1, height: plot.height)
            : Rect(x: column + 2, y: plot.y, width: plot.maxX - column - 2, height: plot.height)
        guard room.width >= 8, room.height >= 2 else { return }
        let width = min(room.width, lines.map(\.width).max() ?? 0)
        var shown = Array(lines.prefix(room.height))
        if lines.count > room.height {
            shown[shown.count - 1] = [Span("+\(lines.count - room.height + 1) more", foreground: axisColor)]
        }
        // Left of the cursor the box ends beside it; right of it, it starts beside it.
        let x = room.x == plot.x ? room.maxX - width : room.x
        let box = Rect(x: x, y: room.y, width: width, height: shown.count)
        // The column between the box and the cursor's line is cleared too, so the readout's
        // text never runs into a curve's dots.
        buffer.fill(Rect(x: room.x == plot.x ? box.x : box.x - 1, y: box.y, width: box.width + 1, height: box.height))
        for (i, spans) in shown.enumerated() {
            buffer.write(Self.cut(spans, to: width, ascii: dotGrid.isASCII), x: box.x, y: box.y + i, clip: box)
        }
    }

    /// The readout's lines: the x, then each shown series' key, swatch, value and name.
    func readoutLines(at cursor: Double) -> [[Span]] {
        let word = xAxis.title.isEmpty ? "x" : xAxis.title
        var lines: [[Span]] = [[Span("\(word) \(Self.xText(cursor))", style: .bold)]]
        for reading in readings(at: cursor) {
            let s = series[reading.index]
            let swatch = colorMode == .none ? (dotGrid.isASCII ? "-\(Palette.glyph(reading.index, ascii: true))-"
                                                              : "─\(Palette.glyph(reading.index, ascii: false))─")
                : (dotGrid.isASCII ? "--" : "━━")
            var spans = [Span(Self.keyPrefix(s.key) + swatch, foreground: color(of: reading.index), style: .bold),
                         Span(" " + yAxis.text(reading.value), foreground: color(of: reading.index)),
                         Span(" " + s.name)]
            if reading.x != cursor { spans.append(Span(" (at \(Self.xText(reading.x)))", foreground: axisColor)) }
            lines.append(spans)
        }
        return lines
    }

    /// `spans` in at most `width` columns: the text past them cut and marked with an ellipsis.
    static func cut(_ spans: [Span], to width: Int, ascii: Bool) -> [Span] {
        guard spans.width > width, width > 1 else { return spans }
        var left = width - 1, kept: [Span] = []
        for span in spans where left > 0 {
            var part = span
            part.text = String(span.text.prefix(left))
            left -= part.width
            kept.append(part)
        }
        return kept + [Span(ascii ? "~" : "…")]
    }

    /// An x as the readout writes it: whole steps as integers.
    static func xText(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : NumberFormat.short(x, digits: 4)
    }
}

/// Where a pointer lands on a chart: which legend entry, and where along the plot.
extension LineChart {
    /// The cells of each legend entry listed whole in a chart drawn in `area`, by series index,
    /// laid out as `headerRows` lays them out.
    public func legendHits(in area: Rect) -> [(series: Int, rect: Rect)] {
        let width = area.width - 1
        let layout = headerLayout(width: width, maxRows: headerRowLimit(height: area.height))
        var widths: [Int] = []
        let hasTitle = !title.isEmpty
        if hasTitle { widths.append(title.count + (titleNote.isEmpty ? 0 : titleNote.count + 3)) }
        widths += series.indices.prefix(layout.entries).map { legendItem($0).width }
        var hits: [(series: Int, rect: Rect)] = []
        var row = 0, x = 0, first = true
        for (k, w) in widths.enumerated() {
            if !first && x + 2 + w > width {
                row += 1
                x = 0
                first = true
            }
            let start = first ? x : x + 2
            let index = k - (hasTitle ? 1 : 0)
            if index >= 0, row < layout.rows.count {
                hits.append((index, Rect(x: area.x + start, y: area.y + row, width: min(w, width - start), height: 1)))
            }
            x = start + w
            first = false
        }
        return hits
    }

    /// Where column `x` of the screen lies along the plot of a chart drawn in `area`, from 0
    /// (its left edge) to 1 (its right), and the plot's width in cells; nil without a plot.
    public func plotFraction(x: Int, in area: Rect) -> (fraction: Double, width: Int)? {
        guard let plot = plotLayout(in: area)?.plot, plot.width > 1 else { return nil }
        return (min(1, max(0, Double(x - plot.x) / Double(plot.width - 1))), plot.width)
    }
}
