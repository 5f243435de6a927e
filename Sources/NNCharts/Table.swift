import NNText

/// Rows of text in aligned columns under a bold header; order is the caller's.
///
/// Columns take their content's width (at most their `maxWidth`). When the area is too narrow
/// for every column at a readable width, the lowest-priority columns are left out (never the
/// first); then the widest columns shrink: numbers lose significant digits, other text is cut with `…`. Rows that do not fit
/// give their last row to a "+N more rows" line.
public struct Table: Widget, Sendable {
    public enum Alignment: Hashable, Sendable { case left, right }

    public struct Column: Hashable, Sendable {
        public var title: String
        public var alignment: Alignment
        public var maxWidth: Int?
        /// Which columns stay when not all fit: the higher stays, among equals the one further left.
        public var priority: Int
        /// Whether text too long for the column is cut in the middle (`lr-sweep-…-adam-lr0.01`),
        /// keeping its end, which tells apart names that share a long beginning; else at the end.
        public var cutsInMiddle: Bool

        public init(_ title: String, alignment: Alignment = .left, maxWidth: Int? = nil, priority: Int = 0,
                    cutsInMiddle: Bool = false) {
            self.title = title
            self.alignment = alignment
            self.maxWidth = maxWidth
            self.priority = priority
            self.cutsInMiddle = cutsInMiddle
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// Index of a row to highlight (reverse video), e.g. the one under the cursor.
    public var selectedRow: Int?
    /// Colours of rows' first cells (e.g. a series' colour), by row index.
    public var rowColors: [Int: Color]
    public var dotGrid: DotGrid

    public init(
        columns: [Column], rows: [[String]], selectedRow: Int? = nil, rowColors: [Int: Color] = [:],
        dotGrid: DotGrid = .braille
    ) {
        self.columns = columns
        self.rows = rows
        self.selectedRow = selectedRow
        self.rowColors = rowColors
        self.dotGrid = dotGrid
    }

    /// The columns a cut cell can still be read in: the column's content, down to its title
    /// or `readableWidth` characters (`readableLabelWidth` for the first), whichever is wider.
    public static let readableWidth = 10

    /// Column `c`'s width with nothing cut (at most its `maxWidth`).
    public func naturalWidth(_ c: Int) -> Int {
        let content = rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0
        let w = max(columns[c].title.count, content)
        return min(w, columns[c].maxWidth ?? w)
    }

    /// The first column's readable width: it names the rows, which must stay told apart.
    public static let readableLabelWidth = 32

    /// Column `c`'s width cut as far as it stays readable.
    public func comfortableWidth(_ c: Int) -> Int {
        min(naturalWidth(c), max(columns[c].title.count, c == 0 ? Self.readableLabelWidth : Self.readableWidth))
    }

    /// The least width the table is read in: its first column and the next one kept, readable.
    public var minimumWidth: Int {
        guard !columns.isEmpty else { return 0 }
        // The column kept longest after the first: the highest priority, among equals the one further left.
        let next = columns.indices.dropFirst().min { a, b in
            columns[a].priority != columns[b].priority ? columns[a].priority > columns[b].priority : a < b
        }
        return comfortableWidth(0) + (next.map { comfortableWidth($0) + 1 } ?? 0)
    }

    /// The columns shown in `width` (in their order) and their widths, one blank column
    /// between columns: the lowest-priority columns are left out while the others cannot be
    /// readable together (the first column always stays), then the widest shrink first, down
    /// to their readable widths before any goes below its own.
    public func layout(fitting width: Int) -> [(column: Int, width: Int)] {
        var kept = Array(columns.indices)
        func needed(_ kept: [Int]) -> Int { kept.map(comfortableWidth).reduce(0, +) + max(0, kept.count - 1) }
        while needed(kept) > width, kept.count > 1 {
            // The lowest priority goes first; among equals the one further right.
            let drop = kept.dropFirst().min { a, b in
                columns[a].priority != columns[b].priority ? columns[a].priority < columns[b].priority : a > b
            }!
            kept.removeAll { $0 == drop }
        }
        var widths = kept.map(naturalWidth)
        let gaps = max(0, kept.count - 1)
        let readable = kept.map(comfortableWidth)
        // The widest column still above its readable width shrinks first; then the widest.
        while widths.reduce(0, +) + gaps > width {
            let over = widths.indices.filter { widths[$0] > readable[$0] }
            guard let widest = (over.isEmpty ? Array(widths.indices) : over).max(by: { widths[$0] < widths[$1] }),
                  widths[widest] > 1 else { break }
            widths[widest] -= 1
        }
        return Array(zip(kept, widths))
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !columns.isEmpty else { return }
        buffer.fill(area)
        let layout = layout(fitting: area.width)
        func draw(_ cells: [String], y: Int, style: TextStyle, first: Color) {
            var x = area.x
            for (c, width) in layout {
                let cell = c < cells.count ? cells[c] : ""
                let text = columns[c].cutsInMiddle && y != area.y
                    ? Table.fitMiddle(cell, width: width, ascii: dotGrid.isASCII)
                    : Table.fit(cell, width: width, ascii: dotGrid.isASCII)
                let start = columns[c].alignment == .right ? x + width - text.count : x
                buffer.write(text, x: start, y: y, foreground: c == 0 ? first : .default, style: style, clip: area)
                x += width + 1
            }
        }
        draw(columns.map(\.title), y: area.y, style: .bold, first: .default)
        guard area.height >= 2 else { return }
        buffer.write(String(repeating: dotGrid.isASCII ? "-" : "─", count: area.width), x: area.x, y: area.y + 1,
                     foreground: .gray, clip: area)
        let room = area.height - 2
        // Rows that do not fit: the last row that does says how many more there are.
        let shown = rows.count <= room ? rows.count : max(0, room - 1)
        for (i, row) in rows.prefix(shown).enumerated() {
            let y = area.y + 2 + i
            if i == selectedRow {
                buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), with: Cell(style: .reverse))
            }
            draw(row, y: y, style: i == selectedRow ? .reverse : [], first: rowColors[i] ?? .default)
        }
        if shown < rows.count, room > 0 {
            buffer.write(Table.fit("+\(rows.count - shown) more rows", width: area.width, ascii: dotGrid.isASCII),
                         x: area.x, y: area.y + 2 + shown, foreground: .gray, clip: area)
        }
    }

    /// `text` cut to `width` columns in the middle, `…` (or `~`) where it is cut: its first
    /// columns and its last, the end given the odd column (what tells names apart is often there).
    /// A number is written with fewer significant digits instead, as `fit` does.
    public static func fitMiddle(_ text: String, width: Int, ascii: Bool) -> String {
        guard text.count > width else { return text }
        if let number = NumberFormat.fitting(text, width: width) { return number }
        guard width > 2 else { return fit(text, width: width, ascii: ascii) }
        let head = (width - 1) / 2
        return String(text.prefix(head)) + (ascii ? "~" : "…") + String(text.suffix(width - 1 - head))
    }

    /// `text` in `width` columns: a number with fewer significant digits
    /// (`NumberFormat.fitting`), other text cut, ending in `…` (or `~`).
    static func fit(_ text: String, width: Int, ascii: Bool) -> String {
        guard text.count > width else { return text }
        if let number = NumberFormat.fitting(text, width: width) { return number }
        guard width > 1 else { return String(text.prefix(width)) }
        return String(text.prefix(width - 1)) + (ascii ? "~" : "…")
    }
}
