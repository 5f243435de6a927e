/// A run of text in one colour and style, the unit of titles, legends and labels.
public struct Span: Hashable, Sendable {
    public var text: String
    public var foreground: Color
    public var style: TextStyle

    public init(_ text: String, foreground: Color = .default, style: TextStyle = []) {
        self.text = text
        self.foreground = foreground
        self.style = style
    }

    /// Columns the text takes (one a character).
    public var width: Int { text.count }
}

extension Buffer {
    /// Writes `spans` one after another from (`x`, `y`), clipped to `clip`; returns the
    /// column after the last one.
    @discardableResult
    public mutating func write(_ spans: [Span], x: Int, y: Int, clip: Rect? = nil) -> Int {
        var column = x
        for span in spans {
            column = write(span.text, x: column, y: y, foreground: span.foreground, style: span.style, clip: clip)
        }
        return column
    }
}

extension [Span] {
    /// Columns the spans take together.
    public var width: Int { reduce(0) { $0 + $1.width } }
}
