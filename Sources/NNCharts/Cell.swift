/// One character cell of the screen: a one-column glyph with its colours and style.
public struct Cell: Hashable, Sendable {
    public var symbol: Character
    public var foreground: Color
    public var background: Color
    public var style: TextStyle

    public init(
        _ symbol: Character = " ", foreground: Color = .default,
        background: Color = .default, style: TextStyle = []
    ) {
        self.symbol = symbol
        self.foreground = foreground
        self.background = background
        self.style = style
    }

    public static let blank = Cell()
}
