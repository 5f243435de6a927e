/// Rows of text in aligned columns under a bold header; order is the caller's.
///
/// Columns take their content's width (at most their `maxWidth`); when the area is too
/// narrow the widest columns shrink first and cut text ends with `…`.
public struct Table: Widget, Sendable {
    public enum Alignment: Hashable, Sendable { case left, right }

    public struct Column: Hashable, Sendable {
        public var title: String
        public var alignment: Alignment
        public var maxWidth: Int?

        public init(_ title: String, alignment: Alignment = .left, maxWidth: Int? = nil) {
            self.title = title
            self.alignment = alignment
            self.maxWidth = maxWidth
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// Index of a row to highlight (reverse video), e.g. the one under the cursor.
    public var selectedRow: Int?
    /// Colours of rows' first cells (e.g. a series' colour), by row index.
    public var rowColors: [Int: Color]
    public var marker: Marker

    public init(
        columns: [Column], rows: [[String]], selectedRow: Int? = nil, rowColors: [Int: Color] = [:],
        marker: Marker = .braille
    ) {
        self.columns = columns
        self.rows = rows
        self.selectedRow = selectedRow
        self.rowColors = rowColors
        self.marker = marker
    }

    /// Column widths that fit `width` with one blank column between columns.
    public func widths(fitting width: Int) -> [Int] {
        var widths = columns.indices.map { c -> Int in
            let content = rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0
            let w = max(columns[c].title.count, content)
            return min(w, columns[c].maxWidth ?? w)
        }
        let gaps = max(0, columns.count - 1)
        while widths.reduce(0, +) + gaps > width, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
            widths[widest] > 1
        {
            widths[widest] -= 1
        }
        return widths
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !columns.isEmpty else { return }
        buffer.fill(area)
        let widths = widths(fitting: area.width)
        func draw(_ cells: [String], y: Int, style: TextStyle, first: Color) {
            var x = area.x
            for (c, width) in widths.enumerated() {
                let text = Table.fit(c < cells.count ? cells[c] : "", width: width, ascii: marker.isASCII)
                let start = columns[c].alignment == .right ? x + width - text.count : x
                buffer.write(text, x: start, y: y, foreground: c == 0 ? first : .default, style: style, clip: area)
                x += width + 1
            }
        }
        draw(columns.map(\.title), y: area.y, style: .bold, first: .default)
        guard area.height >= 2 else { return }
        buffer.write(String(repeating: marker.isASCII ? "-" : "─", count: area.width), x: area.x, y: area.y + 1,
                     foreground: .gray, clip: area)
        for (i, row) in rows.enumerated() where i + 2 < area.height {
            let y = area.y + 2 + i
            if i == selectedRow {
                buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), with: Cell(style: .reverse))
            }
            draw(row, y: y, style: i == selectedRow ? .reverse : [], first: rowColors[i] ?? .default)
        }
    }

    /// `text` cut to `width` columns, ending in `…` (or `~`) when cut.
    static func fit(_ text: String, width: Int, ascii: Bool) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(width)) }
        return String(text.prefix(width - 1)) + (ascii ? "~" : "…")
    }
}
