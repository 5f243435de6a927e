import NNText

/// Drawing a line chart: axes, series on the canvas, divergence marks, header.
extension LineChart {
    func draw(_ frame: Frame, into buffer: inout Buffer) {
        let plot = frame.plot
        let ascii = dotGrid.isASCII
        let axis = axisColor
        let axisColumn = plot.x - 1

        // Y axis with its ticks and labels.
        for row in plot.y..<plot.maxY {
            buffer[axisColumn, row] = Cell(ascii ? "|" : "│", foreground: axis)
        }
        for tick in frame.yTicks {
            let row = plot.y + tick.row
            buffer[axisColumn, row] = Cell(ascii ? "+" : "┤", foreground: axis)
            // A label cut short would name another number: one too wide is left out.
            guard tick.label.count <= frame.labelWidth else { continue }
            buffer.write(tick.label, x: axisColumn - 1 - tick.label.count, y: row)
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
        var canvas = Canvas(width: plot.width, height: plot.height, dotGrid: dotGrid)
        var scratch = PlotColumns(count: canvas.dotWidth)
        let order = drawingOrder
        let lines = order.filter { series[$0].style == .line }
        for index in lines.filter({ series[$0].isBackground }) + lines.filter({ !series[$0].isBackground }) {
            let s = series[index]
            var ink = ink(of: index)
            if s.smoothed != nil || s.isBackground { ink.style.insert(.dim) }
            scratch.collect(s.raw, x: frame.x, y: frame.y)
            scratch.draw(on: &canvas, ink: ink)
            if s.smoothed == nil { markSeries(index, columns: scratch, on: &canvas) }
        }
        for index in order where series[index].style == .line {
            guard let smoothed = series[index].smoothed else { continue }
            scratch.collect(smoothed, x: frame.x, y: frame.y)
            scratch.draw(on: &canvas, ink: ink(of: index))
            markSeries(index, columns: scratch, on: &canvas)
        }
        for index in order where series[index].style == .points {
            drawPoints(of: index, frame: frame, on: &canvas)
        }
        for index in order {
            markDivergence(of: index, frame: frame, on: &canvas)
            markInfinities(of: index, frame: frame, on: &canvas)
        }
        for callout in callouts { mark(callout, frame: frame, on: &canvas) }
        canvas.render(x: plot.x, y: plot.y, into: &buffer)
        for index in order { markNaNs(of: index, frame: frame, into: &buffer) }
        drawCursor(frame, into: &buffer)
    }

    /// A callout's glyph in the cell of its value; none when the value is off the plot.
    private func mark(_ callout: Callout, frame: Frame, on canvas: inout Canvas) {
        guard callout.y.isFinite, let column = column(of: callout.x, frame: frame) else { return }
        let position = frame.y.position(callout.y)
        guard position >= -0.5, position < Double(frame.y.positions) - 0.5 else { return }
        let color = callout.color.map { colorMode.resolve($0) } ?? .default
        canvas.mark(callout.glyph, column: column, row: nearest(position) / dotGrid.dotsPerRow,
                    ink: Ink(color: color, style: .bold))
    }

    /// The cell column of `x`, or nil outside the plot.
    private func column(of x: Double, frame: Frame) -> Int? {
        let column = nearest(frame.x.position(x)) / dotGrid.dotsPerColumn
        return frame.x.range.contains(x) && column >= 0 && column < frame.plot.width ? column : nil
    }

    /// The `x` of each marked value of `mark` in series `index` that the plot shows (the
    /// ends of each bucket of them).
    private func markedXs(of index: Int, _ mark: LineSeries.Mark) -> [Double] {
        var xs: [Double] = []
        series[index].marks[mark]?.forEachBucket { b in
            xs.append(b.firstX)
            if b.lastX != b.firstX { xs.append(b.lastX) }
        }
        return xs
    }

    /// Each point of a `.points` series: the series' glyph in the cell of its value.
    private func drawPoints(of index: Int, frame: Frame, on canvas: inout Canvas) {
        var ink = ink(of: index)
        ink.style.insert(.bold)
        let glyph = Palette.glyph(index, ascii: dotGrid.isASCII)
        let dy = dotGrid.dotsPerRow
        func put(_ x: Double, _ y: Double) {
            guard let column = column(of: x, frame: frame) else { return }
            let position = frame.y.position(y)
            guard position >= -0.5, position < Double(frame.y.positions) - 0.5 else { return }
            canvas.mark(glyph, column: column, row: nearest(position) / dy, ink: ink)
        }
        series[index].raw.forEachBucket { b in
            put(b.firstX, b.first)
            if b.count > 1 { put(b.lastX, b.last) }
            if b.count > 2 {
                put((b.firstX + b.lastX) / 2, b.min)
                put((b.firstX + b.lastX) / 2, b.max)
            }
        }
    }

    /// A marked series' infinities: an arrow on the plot's top (+inf) or bottom (-inf) row.
    private func markInfinities(of index: Int, frame: Frame, on canvas: inout Canvas) {
        var ink = ink(of: index)
        ink.style.insert(.bold)
        for (mark, row) in [(LineSeries.Mark.infinity, 0), (.negativeInfinity, canvas.height - 1)] {
            for x in markedXs(of: index, mark) {
                guard let column = column(of: x, frame: frame) else { continue }
                canvas.mark(mark.glyph(ascii: dotGrid.isASCII), column: column, row: row, ink: ink)
            }
        }
    }

    /// A marked series' NaNs: a cross on the x axis (a NaN has no place on the y axis).
    private func markNaNs(of index: Int, frame: Frame, into buffer: inout Buffer) {
        for x in markedXs(of: index, .nan) {
            guard let column = column(of: x, frame: frame) else { continue }
            buffer[frame.plot.x + column, frame.plot.maxY] = Cell(
                LineSeries.Mark.nan.glyph(ascii: dotGrid.isASCII), foreground: color(of: index), style: .bold)
        }
    }

    /// The ink of series `index`: its colour, and its ASCII glyph.
    func ink(of index: Int) -> Ink {
        Ink(color: color(of: index), style: [], glyph: Palette.glyph(index, ascii: true))
    }

    /// Without colour, puts the series' glyph on its line every few cells so lines differ.
    private func markSeries(_ index: Int, columns: PlotColumns, on canvas: inout Canvas) {
        guard colorMode == .none, !dotGrid.isASCII, series.count > 1 else { return }
        let dx = dotGrid.dotsPerColumn, dy = dotGrid.dotsPerRow
        let spacing = 8
        let glyph = Palette.glyph(index, ascii: false)
        var cell = (index * 3) % spacing
        while cell < canvas.width {
            let dot = cell * dx
            if columns.spans[dot].present {
                let row = nearest(columns.lastRow(dot)) / dy
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
        let x = frame.x.position(divergence.x)
        let edge = divergence.value == -.infinity ? Double(canvas.dotHeight - 1) : 0
        let ink = ink(of: index)
        if let last = s.raw.lastPoint {
            canvas.line(x0: frame.x.position(last.x), y0: frame.y.position(last.y), x1: x, y1: edge, ink: ink)
        }
        let column = min(canvas.width - 1, max(0, Int(x.rounded()) / dotGrid.dotsPerColumn))
        let row = Int(edge) / dotGrid.dotsPerRow
        var markInk = ink
        markInk.style.insert(.bold)
        canvas.mark(dotGrid.isASCII ? "X" : "✕", column: column, row: row, ink: markInk)
    }

    /// The title and the legend, flowed into at most `maxRows` rows of `width` columns. When
    /// entries do not fit, the last row ends with "+N more", always whole: entries before it
    /// make room for it, and an entry alone on the row (a long title) is shortened with "…".
    /// At most `legendLimit` entries are listed; the others count in "+N more".
    func headerRows(width: Int, maxRows: Int) -> [[Span]] { headerLayout(width: width, maxRows: maxRows).rows }

    /// The header's rows and how many series entries they list whole or cut.
    func headerLayout(width: Int, maxRows: Int) -> (rows: [[Span]], entries: Int) {
        var items: [[Span]] = []
        let hasTitle = !title.isEmpty
        if hasTitle {
            items.append([Span(title, style: .bold)] + (titleNote.isEmpty ? [] : [Span(" (\(titleNote))", style: .bold)]))
        }
        let listed = legendLimit.map { min(max(0, $0), series.count) } ?? series.count
        for index in series.indices.prefix(listed) { items.append(legendItem(index)) }
        let left = series.count - listed
        func joined(_ row: [[Span]]) -> [Span] {
            row.enumerated().flatMap { i, item in i == 0 ? item : [Span("  ")] + item }
        }
        var rows: [[Span]] = []
        var current: [[Span]] = []
        var placed = 0
        func entries(_ items: Int) -> Int { max(0, items - (hasTitle ? 1 : 0)) }
        for (i, item) in items.enumerated() {
            if !current.isEmpty && joined(current).width + 2 + item.width > width {
                if rows.count + 1 == maxRows {
                    let (row, kept) = Self.ending(current, hidden: items.count - i + left, width: width, color: axisColor,
                                                  joined: joined)
                    rows.append(row)
                    return (rows, entries(placed + kept))
                }
                rows.append(Self.fitted(joined(current), width: width))
                placed += current.count
                current = []
            }
            current.append(item)
        }
        if left > 0 {
            // Entries past the limit: "+N more" after them, on a row of its own when there is one.
            let more = Span("+\(left) more", foreground: axisColor)
            if current.isEmpty {
                rows.append([more])
            } else if joined(current).width + 2 + more.width <= width {
                rows.append(joined(current) + [Span("  "), more])
            } else if rows.count + 1 < maxRows {
                rows.append(Self.fitted(joined(current), width: width))
                rows.append([more])
            } else {
                let (row, kept) = Self.ending(current, hidden: left, width: width, color: axisColor, joined: joined)
                rows.append(row)
                return (rows, entries(placed + kept))
            }
            return (rows, entries(placed + current.count))
        }
        if !current.isEmpty { rows.append(Self.fitted(joined(current), width: width)) }
        return (rows, entries(placed + current.count))
    }

    /// `row` in `width` columns: whole when it fits, else its first columns and "…" (a
    /// single entry longer than the chart is wide).
    static func fitted(_ row: [Span], width: Int) -> [Span] {
        guard row.width > width, width > 0 else { return row }
        var kept: [Span] = []
        var left = width - 1
        for span in row where left > 0 {
            var cut = span
            cut.text = String(span.text.prefix(left))
            left -= cut.width
            kept.append(cut)
        }
        return kept + [Span("…")]
    }

    /// How many series entries the legend lists drawn in `area` (the rest counted in "+N more").
    public func legendEntries(in area: Rect) -> Int {
        headerLayout(width: area.width - 1, maxRows: headerRowLimit(height: area.height)).entries
    }

    /// The most rows title and legend take in a chart `height` rows tall.
    func headerRowLimit(height: Int) -> Int { max(1, min(headerRows ?? 5, headerRows == nil ? height / 6 : height)) }

    /// The last header row: as many of `items` as fit before "+N more" (N counting those left
    /// out too), the first of them shortened if it alone leaves no room, and how many of the
    /// items it keeps. A title's note (the view's state) stays whole: the title is shortened
    /// before it, and when even that leaves no room the title and note fill the row without the count.
    private static func ending(_ items: [[Span]], hidden: Int, width: Int, color: Color,
                               joined: ([[Span]]) -> [Span]) -> (row: [Span], kept: Int) {
        var items = items, hidden = hidden
        func more() -> Span { Span("  +\(hidden) more", foreground: color) }
        while items.count > 1 && joined(items).width + more().width > width {
            items.removeLast()
            hidden += 1
        }
        var row = joined(items)
        let room = width - more().width
        if row.width > room {
            // One item, too long: keep its first columns and mark the cut; a title's note
            // (its last span) stays whole when there is room for it and a column of title.
            var note: [Span] = []
            if row.count == 2, row[1].text.hasPrefix(" (") {
                // Without room for a column of title and the count, the note wins over the count.
                guard room - 1 - row[1].width >= 2 || row.width > width else { return (row, items.count) }
                note = [row.removeLast()]
            }
            var kept: [Span] = []
            var left = Swift.max(0, room - 1 - note.width)
            for span in row where left > 0 {
                var cut = span
                cut.text = String(span.text.prefix(left))
                left -= cut.width
                kept.append(cut)
            }
            row = kept + (room > 0 ? [Span("…")] : []) + note
        }
        // Too narrow for anything but the count: the count alone.
        return room <= 1 ? ([Span("+\(hidden) more", foreground: color)], 0) : (row + [more()], items.count)
    }

    /// Key, swatch, name and newest value (of a line) of series `index`, and where it
    /// diverged; a hidden series' entry is dimmed and says so in words.
    func legendItem(_ index: Int) -> [Span] {
        let s = series[index]
        let ascii = dotGrid.isASCII
        if s.isHidden { return Self.hiddenItem(key: s.key, name: s.name, ascii: ascii) }
        let color = color(of: index)
        let swatch: String
        if s.style == .points {
            swatch = " \(Palette.glyph(index, ascii: ascii)) "
        } else if colorMode == .none {
            let glyph = Palette.glyph(index, ascii: ascii)
            swatch = ascii ? "-\(glyph)-" : "─\(glyph)─"
        } else {
            swatch = ascii ? "--" : "━━"
        }
        var spans = [Span(Self.keyPrefix(s.key) + swatch, foreground: color, style: .bold), Span(" " + s.name)]
        // The newest point as recorded (not smoothed): the same "last" as any table beside.
        // Points are measurements in no order, so they have no "last" to show.
        if s.style != .points, let latest = s.newest?.y { spans.append(Span(" " + yAxis.text(latest), foreground: color)) }
        let counts = s.markCounts
        if !counts.isEmpty {
            let text = counts.map { "\($0.count) \($0.mark.glyph(ascii: ascii)) \($0.mark.name)" }.joined(separator: ", ")
            spans.append(Span(" (\(text))", foreground: colorMode == .none ? .default : .red))
        }
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

    /// The key written before a legend entry's swatch, in its colour, e.g. `3 `; none without a key.
    static func keyPrefix(_ key: Character?) -> String { key.map { "\($0) " } ?? "" }

    /// The legend entry of a hidden series or path: its key, a blank swatch and its name,
    /// dimmed and marked `(hidden)`, which reads without colour.
    static func hiddenItem(key: Character?, name: String, ascii: Bool) -> [Span] {
        [Span(keyPrefix(key) + (ascii ? ".." : "··"), style: .dim), Span(" \(name) (hidden)", style: .dim)]
    }
}
