import NNCharts

/// The list of every series that `0` opens, for the series past the digits' nine: ↑↓ (PgUp,
/// PgDn, Home, End) move the cursor, space shows or hides the series under it, `a` shows them
/// all, Enter, Esc or `0` close the list.
struct SeriesPicker: Equatable, Sendable {
    /// The series under the cursor.
    var cursor = 0

    /// The keys of the list, for its title line.
    static let hint = "↑↓ move · space show/hide · a all · Enter close"

    /// Applies `key` to a list of `count` series, `hidden` the indices hidden; false when the
    /// key closes the list.
    mutating func handle(_ key: Key, count: Int, hidden: inout Set<Int>) -> Bool {
        let last = max(0, count - 1)
        switch key {
        case .enter, .escape, .character("0"): return false
        case .up: cursor = max(0, cursor - 1)
        case .down: cursor = min(last, cursor + 1)
        case .pageUp: cursor = max(0, cursor - 10)
        case .pageDown: cursor = min(last, cursor + 10)
        case .home: cursor = 0
        case .end: cursor = last
        case .character(" "):
            guard cursor < count else { break }
            if hidden.remove(cursor) == nil { hidden.insert(cursor) }
        case .character("a"): hidden.subtract(0..<count)
        default: break
        }
        cursor = min(cursor, last)
        return true
    }

    /// Draws the list in a box in the middle of `area`: each series' key (1-9), whether it is
    /// shown (`[x]`) or hidden (`[ ]`, dimmed) and its name; the cursor's row reversed.
    /// - Parameters:
    ///   - heading: what the list holds, e.g. `Series` or `Runs`.
    ///   - hint: the list's keys, for its title line.
    func render(_ heading: String, names: [String], hidden: Set<Int>, unicode: Bool, hint: String = Self.hint,
                in area: Rect, into buffer: inout Buffer) {
        let title = "\(heading) (\(names.count)): " + hint
        let rows = names.enumerated().map { i, name in
            let key = i < 9 ? String(i + 1) : " "
            return "\(key) \(hidden.contains(i) ? "[ ]" : "[x]") \(name)"
        }
        let width = min(area.width, max(title.count, rows.map(\.count).max() ?? 0) + 4)
        let height = min(area.height, rows.count + 3)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2,
                       width: width, height: height)
        guard box.width > 4, box.height > 3 else { return }
        buffer.fill(box, with: Cell(" ", style: .reverse))
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        buffer.write(Self.cut(title, inner.width, unicode), x: inner.x, y: inner.y, style: [.reverse, .bold], clip: inner)
        let visible = inner.height - 1
        let cursor = min(self.cursor, max(0, rows.count - 1))
        let top = min(max(0, cursor - visible + 1), max(0, rows.count - visible))
        for (line, i) in zip(0..<visible, top..<rows.count) {
            let y = inner.y + 1 + line
            var style: TextStyle = i == cursor ? [] : .reverse
            if hidden.contains(i) { style.insert(.dim) }
            let text = (i == cursor ? (unicode ? "▸ " : "> ") : "  ") + rows[i]
            let row = Rect(x: inner.x - 1, y: y, width: inner.width + 2, height: 1)
            if i == cursor { buffer.fill(row) }
            buffer.write(Self.cut(text, row.width, unicode), x: row.x, y: y, style: style, clip: row)
        }
    }

    /// `text` in at most `width` columns, cut with an ellipsis.
    static func cut(_ text: String, _ width: Int, _ unicode: Bool) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(max(0, width))) }
        return String(text.prefix(width - 1)) + (unicode ? "…" : "~")
    }
}
