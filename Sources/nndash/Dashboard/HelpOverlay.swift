import NNCharts

/// The `?` help: a framed box over the view listing its keys, each sentence wrapped at
/// spaces beside its keys. Nothing under the box shows through it; when the keys do not fit
/// it scrolls (↑↓ PgUp PgDn Home End) and its bottom border says so.
struct HelpOverlay {
    /// One row of the help: a heading, a key and its sentence, or a blank.
    enum Entry: Equatable {
        case heading(String)
        case key(String, String)
        /// A line as it is, wrapped at spaces under its own indent.
        case text(String)
        case blank
    }

    var entries: [Entry]
    var unicode = true

    /// The column the sentences start in, after the keys.
    static let keyColumn = 9

    /// The help of key tables, each under its heading (`Keys`, `Keys of gd`); empty tables are left out.
    init<Action>(_ tables: [(heading: String, keys: [KeyBinding<Action>])], extra: [Entry] = [], unicode: Bool = true) {
        var entries: [Entry] = []
        for (heading, keys) in tables where !keys.isEmpty {
            if !entries.isEmpty { entries.append(.blank) }
            entries.append(.heading(heading))
            entries += keys.map { .key($0.helpKeys, $0.help) }
        }
        self.entries = entries + extra
        self.unicode = unicode
    }

    /// What the help's rows say at `width` columns inside the frame: each sentence beside its
    /// keys (as `KeyBinding.helpLine` writes it), wrapped at spaces, its later lines under its start.
    func lines(width: Int) -> [(text: String, bold: Bool)] {
        var lines: [(text: String, bold: Bool)] = []
        let column = Self.keyColumn
        for entry in entries {
            switch entry {
            case .blank: lines.append(("", false))
            case .heading(let text): lines += DashboardRenderer.wrap(text, width: width).map { ($0, true) }
            case .text(let text):
                let indent = String(text.prefix { $0 == " " })
                let wrapped = DashboardRenderer.wrap(String(text.dropFirst(indent.count)), width: max(1, width - indent.count))
                lines += wrapped.map { (indent + $0, false) }
            case .key(let keys, let help):
                let prefix = keys.count < column ? keys + String(repeating: " ", count: column - keys.count) : keys + " "
                // Too narrow for two columns: the keys on their row, the sentence indented below.
                let indent = width >= column + 12 ? column : 2
                var words = help.split(separator: " ").map(String.init)
                var line = prefix
                if prefix.count + (words.first?.count ?? 0) > width {
                    lines += DashboardRenderer.wrap(keys, width: width).map { ($0, false) }
                    line = String(repeating: " ", count: indent)
                }
                var fresh = true
                while !words.isEmpty {
                    let word = words[0]
                    if fresh || line.count + 1 + word.count <= width {
                        // A word longer than a whole row is the only one cut, at the row's end.
                        let room = width - line.count - (fresh ? 0 : 1)
                        line += (fresh ? "" : " ") + (word.count <= room ? word : String(word.prefix(max(1, room))))
                        if word.count > room { words[0] = String(word.dropFirst(max(1, room))) } else { words.removeFirst() }
                        fresh = false
                    } else {
                        lines.append((line, false))
                        line = String(repeating: " ", count: indent)
                        fresh = true
                    }
                }
                lines.append((line, false))
            }
        }
        return lines
    }

    /// The widest the box is drawn: wide enough for every sentence on one row where the area allows.
    private func innerWidth(in area: Rect) -> Int {
        let natural = entries.map { entry -> Int in
            switch entry {
            case .blank: 0
            case .heading(let text), .text(let text): text.count
            case .key(let keys, let help): max(keys.count + 1, Self.keyColumn) + help.count
            }
        }.max() ?? 0
        return max(1, min(natural, min(area.width - 4, 76)))
    }

    /// Where the box goes in `area`, the rows of help it shows and how far it can scroll.
    func layout(in area: Rect) -> (box: Rect, rows: Int, maxScroll: Int, lines: [(text: String, bold: Bool)]) {
        let width = innerWidth(in: area)
        let lines = lines(width: width)
        let fits = lines.count <= area.height - 2
        // The bottom border carries the hint: how to close, or how to scroll.
        let rows = max(0, min(lines.count, area.height - 2))
        let height = min(area.height, rows + 2)
        let box = Rect(x: area.x + (area.width - width - 4) / 2, y: area.y + (area.height - height) / 2,
                       width: min(area.width, width + 4), height: height)
        return (box, rows, fits ? 0 : max(0, lines.count - rows), lines)
    }

    /// How far the help can scroll in `area`.
    func maxScroll(in area: Rect) -> Int { layout(in: area).maxScroll }

    /// Draws the box over `area` with its rows from `scroll` on.
    func render(scroll: Int, in area: Rect, into buffer: inout Buffer) {
        let (box, rows, maxScroll, lines) = layout(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        buffer.fill(box)
        Block(title: "Help", border: unicode ? .rounded : .ascii, color: .default).render(in: box, into: &buffer)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        let first = min(max(0, scroll), maxScroll)
        for (k, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            buffer.write(line.text, x: inner.x, y: inner.y + k, style: line.bold ? .bold : [], clip: inner)
        }
        // The longest hint that fits; each says how to scroll when the help scrolls.
        let arrows = unicode ? "↑↓" : "up/down"
        let span = "\(first + 1)\(unicode ? "–" : "-")\(first + rows)"
        let hints = maxScroll > 0
            ? ["\(arrows) PgUp PgDn scroll · \(span) of \(lines.count) · q quit · other keys close",
               "\(arrows) PgUp PgDn scroll · \(span) of \(lines.count) · q quit",
               "\(arrows) PgUp PgDn scroll · \(span) of \(lines.count)", "\(arrows) PgUp PgDn scroll"]
            : ["q quit · any other key closes this help", "q quit · other keys close"]
        // In the bottom border, a space either side and at least one rule left at each end.
        let room = box.width - 6
        guard room >= 2 else { return }
        let hint = hints.first { $0.count <= room } ?? hints[hints.count - 1]
        let fitted = hint.count <= room ? hint : String(hint.prefix(max(0, room - 1))) + (unicode ? "…" : "~")
        buffer.write(" \(fitted) ", x: box.x + 2, y: box.maxY - 1, foreground: .gray,
                     clip: Rect(x: box.x + 2, y: box.maxY - 1, width: box.width - 4, height: 1))
    }

    /// Scrolls `scroll` for `key` when the help is shown: true when the key was a scrolling one.
    static func scroll(_ scroll: inout Int, for key: Key, page: Int = 8) -> Bool {
        switch key {
        case .up: scroll = max(0, scroll - 1)
        case .down: scroll += 1
        case .pageUp: scroll = max(0, scroll - page)
        case .pageDown: scroll += page
        case .home: scroll = 0
        case .end: scroll = Int.max / 2
        default: return false
        }
        return true
    }
}
