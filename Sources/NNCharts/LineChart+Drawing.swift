/// Drawing a line chart: axes, series on the canvas, divergence marks, header.
extension LineChart {
    func draw(_ frame: Frame, into buffer: inout Buffer) {
        let plot = frame.plot
        let ascii = marker.isASCII
        let axis = axisColor
        let axisColumn = plot.x - 1

        // Y axis with its ticks and labels.
        for row in plot.y..<plot.maxY {
            buffer[axisColumn, row] = Cell(ascii ? "|" : "│", foreground: axis)
        }
        for tick in frame.yTicks {
            let row = plot.y + tick.row
            buffer[axisColumn, row] = Cell(ascii ? "+" : "┤", foreground: axis)
            let label = String(tick.label.suffix(frame.labelWidth))
            buffer.write(label, x: axisColumn - 1 - label.count, y: row)
        }
        // X axis with its ticks, labels and title.
        let axisRow = plot.maxY
        buffer[axisColumn, axisRow] = Cell(ascii ? "+" : "└", foreground: axis)
        for column in plot.x..<plot.maxX {
            buffer[column, axisRow] = Cell(ascii ? "-" : "─", foreground: axis)
        }
        for tick in frame.xTicks {
            buffer[tick.column, axisRow] = Cell(ascii ? "+" : "┬", foreground: axis)
            buffer.write(tick.label, x: tick.start, y: axisRow + 1)
        }
        if let start = frame.xTitleStart {
            buffer.write(xAxis.title, x: start, y: axisRow + 1, foreground: axis)
        }

        // Series: every raw line first (dimmed under a smoothed one), then the smoothed.
        var canvas = Canvas(width: plot.width, height: plot.height, marker: marker)
        var scratch = Columns(count: canvas.dotWidth)
        let order = drawingOrder
        for index in order {
            let s = series[index]
            var ink = ink(of: index)
            if s.smoothed != nil { ink.style.insert(.dim) }
            scratch.collect(s.raw, x: frame.x, y: frame.y)
            scratch.draw(on: &canvas, ink: ink)
            if s.smoothed == nil { markSeries(index, columns: scratch, on: &canvas) }
        }
        for index in order {
            guard let smoothed = series[index].smoothed else { continue }
            scratch.collect(smoothed, x: frame.x, y: frame.y)
            scratch.draw(on: &canvas, ink: ink(of: index))
            markSeries(index, columns: scratch, on: &canvas)
        }
        for index in order { markDivergence(of: index, frame: frame, on: &canvas) }
        canvas.render(x: plot.x, y: plot.y, into: &buffer)
    }

    /// The ink of series `index`: its colour, and its ASCII glyph.
    func ink(of index: Int) -> Ink {
        Ink(color: color(of: index), style: [], glyph: Palette.glyph(index, ascii: true))
    }

    /// Without colour, puts the series' glyph on its line every few cells so lines differ.
    private func markSeries(_ index: Int, columns: Columns, on canvas: inout Canvas) {
        guard colorMode == .none, !marker.isASCII, series.count > 1 else { return }
        let dx = marker.dotsPerColumn, dy = marker.dotsPerRow
        let spacing = 8
        let glyph = Palette.glyph(index, ascii: false)
        var cell = (index * 3) % spacing
        while cell < canvas.width {
            let dot = cell * dx
            if columns.spans[dot].present {
                let row = nearest(columns.spans[dot].last) / dy
                if row >= 0 && row < canvas.height {
                    canvas.mark(glyph, column: cell, row: row, ink: Ink(style: .bold))
                }
            }
            cell += spacing
        }
    }

    /// A series that diverged: a line from its last point to the plot's edge, and a cross.
    private func markDivergence(of index: Int, frame: Frame, on canvas: inout Canvas) {
        let s = series[index]
        guard let divergence = s.divergence,
            frame.x.range.contains(divergence.x)
        else { return }
        let x = frame.x.dot(divergence.x)
        let edge = divergence.value == -.infinity ? Double(canvas.dotHeight - 1) : 0
        let ink = ink(of: index)
        if let last = s.raw.lastPoint {
            canvas.line(x0: frame.x.dot(last.x), y0: frame.y.dot(last.y), x1: x, y1: edge, ink: ink)
        }
        let column = min(canvas.width - 1, max(0, Int(x.rounded()) / marker.dotsPerColumn))
        let row = Int(edge) / marker.dotsPerRow
        var markInk = ink
        markInk.style.insert(.bold)
        canvas.mark(marker.isASCII ? "X" : "✕", column: column, row: row, ink: markInk)
    }

    /// The title and the legend, flowed into at most `maxRows` rows of `width` columns.
    func headerRows(width: Int, maxRows: Int) -> [[Span]] {
        var items: [[Span]] = []
        if !title.isEmpty { items.append([Span(title, style: .bold)]) }
        if showsLegend {
            for index in series.indices { items.append(legendItem(index)) }
        }
        var rows: [[Span]] = []
        var current: [Span] = []
        for (i, item) in items.enumerated() {
            let separator = current.isEmpty ? 0 : 2
            if !current.isEmpty && current.width + separator + item.width > width {
                if rows.count + 1 == maxRows {
                    current.append(Span("  +\(items.count - i) more", foreground: axisColor))
                    break
                }
                rows.append(current)
                current = []
            }
            if !current.isEmpty { current.append(Span("  ")) }
            current += item
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    /// Swatch, name and newest value of series `index`, and where it diverged.
    func legendItem(_ index: Int) -> [Span] {
        let s = series[index]
        let ascii = marker.isASCII
        let color = color(of: index)
        let swatch: String
        if colorMode == .none {
            let glyph = Palette.glyph(index, ascii: ascii)
            swatch = ascii ? "-\(glyph)-" : "─\(glyph)─"
        } else {
            swatch = ascii ? "--" : "━━"
        }
        var nameStyle: TextStyle = []
        if index == selected { nameStyle = [.bold, .underline] }
        var spans = [Span(swatch, foreground: color, style: .bold), Span(" " + s.name, style: nameStyle)]
        let latest = s.smoothed?.lastPoint?.y ?? s.lastValue
        if let latest { spans.append(Span(" " + NumberFormat.short(latest), foreground: color)) }
        if let divergence = s.divergence {
            let word = xAxis.title.isEmpty ? "x" : xAxis.title
            let at = divergence.x == divergence.x.rounded() && abs(divergence.x) < 1e15
                ? String(Int64(divergence.x)) : NumberFormat.short(divergence.x, digits: 4)
            let what = divergence.value.isNaN ? "NaN" : "diverged"
            spans.append(Span(" \(ascii ? "X" : "✕") \(what) at \(word) \(at)",
                              foreground: colorMode == .none ? .default : .red, style: .bold))
        }
        return spans
    }
}

/// Per dot column of a plot: the first, last, highest and lowest dot row a series reaches
/// there, built in one pass over the series' envelope and reused from series to series.
struct Columns {
    struct Span {
        var first = 0.0
        var last = 0.0
        var top = 0.0
        var bottom = 0.0
        var present = false
    }

    var spans: [Span]
    /// The last point left of the plot and the first right of it, to draw lines entering
    /// and leaving through the edges.
    var before: (x: Double, y: Double)?
    var after: (x: Double, y: Double)?

    init(count: Int) {
        spans = Array(repeating: Span(), count: count)
    }

    mutating func collect(_ envelope: SeriesEnvelope, x: LineChart.AxisMap, y: LineChart.AxisMap) {
        var before: (x: Double, y: Double)?
        var after: (x: Double, y: Double)?
        spans.withUnsafeMutableBufferPointer { spans in
            let n = spans.count
            for i in 0..<n { spans[i].present = false }
            let right = Double(n) - 0.5
            envelope.forEachBucket { b in
                guard after == nil else { return }
                let x0 = x.dot(b.firstX), x1 = x.dot(b.lastX)
                if x1 < -0.5 {
                    before = (x1, y.dot(b.last))
                    return
                }
                if x0 > right {
                    after = (x0, y.dot(b.first))
                    return
                }
                let c0 = min(n - 1, max(0, nearest(x0)))
                let c1 = min(n - 1, max(0, nearest(x1)))
                let yFirst = y.dot(b.first), yLast = y.dot(b.last)
                if c0 == c1 && b.count == 1 {
                    Columns.add(&spans[c0], first: yFirst, last: yFirst, low: yFirst, high: yFirst)
                } else if c0 == c1 {
                    // Rows grow downwards: the highest value has the smallest row.
                    Columns.add(&spans[c0], first: yFirst, last: yLast, low: y.dot(b.max), high: y.dot(b.min))
                } else {
                    // A bucket wider than a dot column: its extremes go to its middle column.
                    let top = y.dot(b.max), bottom = y.dot(b.min)
                    Columns.add(&spans[c0], first: yFirst, last: yFirst, low: yFirst, high: yFirst)
                    Columns.add(&spans[(c0 + c1) / 2], first: bottom, last: top, low: top, high: bottom)
                    Columns.add(&spans[c1], first: yLast, last: yLast, low: yLast, high: yLast)
                }
            }
        }
        self.before = before
        self.after = after
    }

    @inline(__always)
    private static func add(_ span: inout Span, first: Double, last: Double, low: Double, high: Double) {
        let top = min(low, min(first, last)), bottom = max(high, max(first, last))
        if span.present {
            span.last = last
            span.top = min(span.top, top)
            span.bottom = max(span.bottom, bottom)
        } else {
            span = Span(first: first, last: last, top: top, bottom: bottom, present: true)
        }
    }

    /// Joins consecutive columns with lines and fills each column's span.
    func draw(on canvas: inout Canvas, ink: Ink) {
        let ink = canvas.register(ink)
        var previous = before
        for c in spans.indices where spans[c].present {
            let span = spans[c]
            let x = Double(c)
            if let p = previous { canvas.line(x0: p.x, y0: p.y, x1: x, y1: span.first, ink: ink) }
            canvas.verticalLine(x: c, y0: nearest(span.top), y1: nearest(span.bottom), ink: ink)
            previous = (x, span.last)
        }
        if let p = previous, let a = after { canvas.line(x0: p.x, y0: p.y, x1: a.x, y1: a.y, ink: ink) }
    }
}
