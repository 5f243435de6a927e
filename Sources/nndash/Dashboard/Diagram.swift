import NNCharts

/// Boxes of text in columns (a network's layers), joined by labelled arrows: a network drawn
/// as text.
///
/// The layout gives way in steps instead of overlapping: the boxes of a column all drop their
/// last lines alike, then lose their borders; a label gives way to its shorter forms, then to
/// none; a line too wide for its column is cut with `…`. Boxes never overlap, a label never
/// crosses a box, and every box of a column shows the same rows.
struct Diagram: Widget, Sendable {
    /// A framed block of lines in column `column`, titled in its top border (`h1 σ`).
    struct Box: Sendable, Equatable {
        var title: String
        var lines: [String]
        var column: Int
        var color: Color = .default
    }

    /// An arrow from box `from`'s right edge to box `to`'s left edge, its label on its last
    /// stretch, before the head: the first of `labels` that fits (longest first).
    struct Arrow: Sendable, Equatable {
        var from: Int
        var to: Int
        var labels: [String] = []
    }

    /// Where everything goes in an area.
    struct Layout: Equatable {
        /// Each box's rectangle, its border included when `bordered`.
        var frames: [Rect]
        /// How many of its lines each box shows.
        var shownLines: [Int]
        var bordered: Bool
        /// Each drawn arrow's index in `arrows`, tail and head cells, and label (nil: none).
        var arrows: [Int]
        var tails: [Spot]
        var heads: [Spot]
        var labels: [Label?]
    }

    /// A cell's column and row.
    struct Spot: Equatable { var x: Int; var y: Int }

    /// A label's text and its first column, on its arrow's head row.
    struct Label: Equatable { var text: String; var x: Int }

    var boxes: [Box]
    var arrows: [Arrow]
    var unicode = true

    /// The columns between two layers an arrow needs at the least: a stretch of line and its head.
    static let minimumGap = 3

    func render(in area: Rect, into buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !boxes.isEmpty else { return }
        let layout = layout(in: area)
        // Lines on a canvas (graphics), then the labels over them, then the boxes and heads.
        var canvas = Canvas(width: area.width, height: area.height, dotGrid: DotGrid.preferred(utf8: unicode))
        let ink = Ink(color: .gray, glyph: ".")
        let dotGrid = canvas.dotGrid
        for (i, tail) in layout.tails.enumerated() {
            let head = layout.heads[i]
            let end = layout.labels[i].map { $0.x - 1 } ?? head.x - 1
            // From the middle of the tail's cell to the end of the stretch before the label, then straight on.
            let (tx, ty) = (Double((tail.x - area.x) * dotGrid.dotsPerColumn), Double((tail.y - area.y) * dotGrid.dotsPerRow + 1))
            let (ex, ey) = (Double((end - area.x) * dotGrid.dotsPerColumn + dotGrid.dotsPerColumn - 1),
                            Double((head.y - area.y) * dotGrid.dotsPerRow + 1))
            if end >= tail.x { canvas.line(x0: tx, y0: ty, x1: ex, y1: ey, ink: ink) }
        }
        canvas.render(x: area.x, y: area.y, into: &buffer)
        for (i, label) in layout.labels.enumerated() {
            guard let label else { continue }
            buffer.write(label.text, x: label.x, y: layout.heads[i].y, foreground: .cyan, clip: area)
        }
        var headsDrawn = Set<[Int]>()
        for head in layout.heads where headsDrawn.insert([head.x, head.y]).inserted {
            buffer.write(unicode ? "▶" : ">", x: head.x, y: head.y, foreground: .gray, clip: area)
        }
        for (i, box) in boxes.enumerated() {
            let rect = layout.frames[i]
            guard !rect.isEmpty else { continue }
            buffer.fill(rect)
            var inner = rect
            var lines = Array(box.lines.prefix(layout.shownLines[i]))
            if layout.bordered {
                Block(title: box.title, border: unicode ? .rounded : .ascii, color: .gray).render(in: rect, into: &buffer)
                inner = rect.inset(dx: 1, dy: 1)
            } else {
                lines = [box.title] + lines
            }
            for (k, line) in lines.enumerated() where k < inner.height {
                let bold = !layout.bordered && k == 0
                buffer.write(fit(line, width: inner.width), x: inner.x, y: inner.y + k,
                             foreground: box.color, style: bold ? .bold : [], clip: inner)
            }
        }
    }

    /// `text` cut to `width` columns, ending with `…` when cut.
    private func fit(_ text: String, width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(max(0, width))) }
        return String(text.prefix(width - 1)) + (unicode ? "…" : "~")
    }

    /// The least width the boxes' titles show whole in, framed, three columns apart.
    var minimumWidth: Int {
        let columns = columns
        return columns.map { column in (column.map { boxes[$0].title.count }.max() ?? 0) + 4 }.reduce(0, +)
            + 3 * max(0, columns.count - 1)
    }

    /// The columns of boxes, left to right: each the indices of its boxes, top to bottom.
    var columns: [[Int]] {
        let count = (boxes.map(\.column).max() ?? -1) + 1
        var columns = Array(repeating: [Int](), count: count)
        for (i, box) in boxes.enumerated() { columns[box.column].append(i) }
        return columns.filter { !$0.isEmpty }
    }

    /// Places the boxes, arrows and labels in `area`.
    func layout(in area: Rect) -> Layout {
        let columns = columns
        // Rows: every column's boxes keep as many lines as all of them can, bordered if they fit so.
        let bordered = columns.allSatisfy { column in
            let n = column.count
            return n * 3 <= area.height
        }
        var shown = Array(repeating: 0, count: boxes.count)
        var heights = Array(repeating: 0, count: boxes.count)
        var gapRows = Array(repeating: 0, count: columns.count)
        for (c, column) in columns.enumerated() {
            let n = column.count
            let most = column.map { boxes[$0].lines.count }.max() ?? 0
            let frame = bordered ? 2 : 1  // the border's two rows, or the title's one
            // The most lines each box can keep, with a blank row between boxes unless it costs a line.
            let room = { (g: Int) in max(0, min(most, (area.height - (n - 1) * g) / max(1, n) - frame)) }
            let gap = n > 1 && room(1) >= room(0) ? 1 : 0
            let keep = room(gap)
            gapRows[c] = gap
            for i in column {
                shown[i] = min(boxes[i].lines.count, keep)
                heights[i] = min(area.height, keep + frame)
            }
        }
        // Columns: each as wide as its widest line or title, the rest shared by the gaps; the
        // widest give way first when they do not all fit.
        var widths = columns.map { column in
            column.map { i in
                let lines = boxes[i].lines.prefix(shown[i]).map(\.count) + [boxes[i].title.count + (bordered ? 2 : 0)]
                return (lines.max() ?? 0) + (bordered ? 2 : 0)
            }.max() ?? 0
        }
        let gaps = max(0, columns.count - 1)
        let least = bordered ? 4 : 2
        while widths.reduce(0, +) + gaps * Self.minimumGap > area.width,
              let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > least
        {
            widths[widest] -= 1
        }
        let spare = max(0, area.width - widths.reduce(0, +))
        var frames = Array(repeating: Rect(x: 0, y: 0, width: 0, height: 0), count: boxes.count)
        var x = area.x
        for (c, column) in columns.enumerated() {
            let width = min(widths[c], area.maxX - x)
            // Each box centred in an equal band of the area's height, below the box before it.
            let n = column.count
            var next = area.y
            for (k, i) in column.enumerated() {
                let band = Rect(x: 0, y: area.y + area.height * k / n, width: 0, height: area.height / n)
                var top = max(next, band.y + (band.height - heights[i]) / 2)
                top = min(top, area.maxY - heights[i])
                frames[i] = Rect(x: x, y: max(area.y, top), width: max(0, width), height: heights[i])
                next = frames[i].maxY + gapRows[c]
            }
            x += width + (c < gaps ? spare / max(1, gaps) + (c < spare % max(1, gaps) ? 1 : 0) : 0)
        }
        // Arrows: each leaves and enters its boxes on a row of their own where there are rows
        // enough, in the order of the boxes at their other ends.
        let drawn = arrows.indices.filter { boxes.indices.contains(arrows[$0].from) && boxes.indices.contains(arrows[$0].to) }
        func ports(of box: Int, _ ends: [Int], other: (Int) -> Int) -> [Int: Int] {
            let rect = frames[box]
            let top = bordered ? rect.y + 1 : rect.y, rows = max(1, bordered ? rect.height - 2 : rect.height)
            let sorted = ends.sorted { (frames[other($0)].y, other($0)) < (frames[other($1)].y, other($1)) }
            var rows_: [Int: Int] = [:]
            for (k, a) in sorted.enumerated() {
                let row = sorted.count == 1 ? (rows - 1) / 2 : k * (rows - 1) / max(1, sorted.count - 1)
                rows_[a] = top + min(rows - 1, row)
            }
            return rows_
        }
        var tailRow: [Int: Int] = [:], headRow: [Int: Int] = [:]
        for b in boxes.indices {
            let out = drawn.filter { arrows[$0].from == b }, into = drawn.filter { arrows[$0].to == b }
            tailRow.merge(ports(of: b, out) { arrows[$0].to }) { a, _ in a }
            headRow.merge(ports(of: b, into) { arrows[$0].from }) { a, _ in a }
        }
        var tails: [Spot] = [], heads: [Spot] = []
        for a in drawn {
            let from = frames[arrows[a].from], to = frames[arrows[a].to]
            tails.append(Spot(x: from.maxX, y: tailRow[a] ?? from.y))
            heads.append(Spot(x: to.x - 1, y: headRow[a] ?? to.y))
        }
        // Labels: the longest form every arrow into a column can show, right before its head,
        // leaving a stretch of line before it and clear of every other label.
        var labels = [Label?](repeating: nil, count: drawn.count)
        let byTarget = Dictionary(grouping: drawn.indices) { boxes[arrows[drawn[$0]].to].column }
        for (_, group) in byTarget {
            let forms = group.map { arrows[drawn[$0]].labels.count }.min() ?? 0
            for form in 0..<forms {
                var placed: [Label] = []
                var taken: [Rect] = []
                var fits = true
                for k in group {
                    let text = arrows[drawn[k]].labels[form]
                    let x = heads[k].x - text.count
                    let rect = Rect(x: x, y: heads[k].y, width: text.count, height: 1)
                    let room = tails[k].x + 1
                    if x < room || taken.contains(where: { !$0.intersection(rect).isEmpty })
                        || frames.contains(where: { !$0.intersection(rect).isEmpty })
                    {
                        fits = false
                        break
                    }
                    taken.append(rect)
                    placed.append(Label(text: text, x: x))
                }
                if fits {
                    for (k, label) in zip(group, placed) { labels[k] = label }
                    break
                }
            }
        }
        return Layout(frames: frames, shownLines: shown, bordered: bordered, arrows: drawn, tails: tails, heads: heads,
                      labels: labels)
    }
}
