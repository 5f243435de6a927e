extension [Finding] {
    /// The findings as lines at most `width` columns wide: words wrapped at spaces, and each
    /// run of table rows aligned in columns as wide as their widest cell, two spaces apart.
    /// A table too wide loses columns from the right (never the first) until it fits; a cell
    /// still too long is cut with `…`, so a row never wraps.
    func lines(width: Int) -> [Finding] {
        var lines: [Finding] = []
        var table: [Finding] = []
        func flush() {
            lines += Self.tableLines(table, width: width)
            table = []
        }
        for finding in self {
            if finding.cells != nil { table.append(finding); continue }
            flush()
            lines += DashboardRenderer.wrap(finding.text, width: width).map { Finding(text: $0, tone: finding.tone) }
        }
        flush()
        return lines
    }

    static let columnGap = 2

    /// `rows` (table rows) laid out in `width` columns.
    static func tableLines(_ rows: [Finding], width: Int) -> [Finding] {
        guard !rows.isEmpty, width > 0 else { return [] }
        let cells = rows.map { $0.cells ?? [$0.text] }
        let count = cells.map(\.count).max() ?? 0
        var widths = (0..<count).map { c in cells.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        while widths.count > 1, widths.reduce(0, +) + columnGap * (widths.count - 1) > width { widths.removeLast() }
        return zip(rows, cells).map { row, cells in
            var text = ""
            for (c, w) in widths.enumerated() {
                let cell = c < cells.count ? cells[c] : ""
                text += c + 1 < widths.count ? cell + String(repeating: " ", count: Swift.max(0, w + columnGap - cell.count)) : cell
            }
            if text.count > width { text = String(text.prefix(width - 1)) + "…" }
            return Finding(text: text, tone: row.tone)
        }
    }
}
