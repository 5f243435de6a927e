/// Lines of styled text, wrapped at word boundaries to the area's width.
public struct TextPanel: Widget, Sendable {
    public var lines: [[Span]]
    /// Lines scrolled off the top.
    public var scroll: Int

    public init(lines: [[Span]], scroll: Int = 0) {
        self.lines = lines
        self.scroll = scroll
    }

    /// Plain lines of text, no styling.
    public init(text: String) {
        self.init(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map { [Span(String($0))] })
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area)
        let wrapped = lines.flatMap { TextPanel.wrap($0, width: area.width) }
        for (i, line) in wrapped.dropFirst(max(0, scroll)).prefix(area.height).enumerated() {
            buffer.write(line, x: area.x, y: area.y + i, clip: area)
        }
    }

    /// `spans` broken into rows of at most `width` columns, at spaces where possible.
    static func wrap(_ spans: [Span], width: Int) -> [[Span]] {
        guard width > 0 else { return [] }
        var rows: [[Span]] = [[]]
        var used = 0
        for span in spans {
            // Words keep their trailing space so the text reads as written.
            var words: [Substring] = []
            var rest = Substring(span.text)
            while let space = rest.firstIndex(of: " ") {
                words.append(rest[...space])
                rest = rest[rest.index(after: space)...]
            }
            if !rest.isEmpty { words.append(rest) }
            for var word in words {
                let trimmed = word.last == " " ? word.count - 1 : word.count
                if used > 0 && used + trimmed > width {
                    rows.append([])
                    used = 0
                }
                while word.count > width {
                    rows[rows.count - 1].append(Span(String(word.prefix(width - used)), foreground: span.foreground, style: span.style))
                    word = word.dropFirst(width - used)
                    rows.append([])
                    used = 0
                }
                rows[rows.count - 1].append(Span(String(word), foreground: span.foreground, style: span.style))
                used += word.count
            }
        }
        return rows
    }
}
