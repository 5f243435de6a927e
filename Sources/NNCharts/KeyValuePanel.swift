/// Name and value pairs, names in one aligned column, values after them.
public struct KeyValuePanel: Widget, Sendable {
    public struct Entry: Hashable, Sendable {
        public var key: String
        public var value: String
        public var valueColor: Color

        public init(_ key: String, _ value: String, valueColor: Color = .default) {
            self.key = key
            self.value = value
            self.valueColor = valueColor
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public func render(in area: Rect, into buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area)
        let keyWidth = min(entries.map(\.key.count).max() ?? 0, max(1, area.width / 2))
        for (i, entry) in entries.prefix(area.height).enumerated() {
            let y = area.y + i
            buffer.write(Table.fit(entry.key, width: keyWidth, ascii: false), x: area.x, y: y, foreground: .gray, clip: area)
            buffer.write(entry.value, x: area.x + keyWidth + 2, y: y, foreground: entry.valueColor, clip: area)
        }
    }
}
