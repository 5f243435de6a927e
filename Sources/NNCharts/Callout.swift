/// A point of a chart named by a glyph of its own (a learning-rate suggestion on its curve):
/// drawn in the cell of its value, over the series, with no legend entry (the text beside the
/// chart says what each glyph marks).
public struct Callout: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var glyph: Character
    /// Colour of the glyph; nil for the terminal's default.
    public var color: Color?

    public init(x: Double, y: Double, glyph: Character, color: Color? = nil) {
        self.x = x
        self.y = y
        self.glyph = glyph
        self.color = color
    }
}
