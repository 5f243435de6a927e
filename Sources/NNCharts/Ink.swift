/// How a canvas dot is drawn: its colour, style, and the glyph used on an ASCII canvas.
public struct Ink: Hashable, Sendable {
    public var color: Color
    public var style: TextStyle
    /// The character an ASCII canvas shows for a dot of this ink.
    public var glyph: Character

    public init(color: Color = .default, style: TextStyle = [], glyph: Character = "*") {
        self.color = color
        self.style = style
        self.glyph = glyph
    }
}
