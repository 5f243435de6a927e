/// The glyph set a canvas draws its dots with, and how many dots a cell holds.
///
/// Braille gives the finest grid (2x4 dots a cell, U+2800 + bits); quadrant blocks 2x2;
/// half blocks 1x2; ASCII one dot a cell, for terminals without a UTF-8 locale.
public enum DotGrid: String, CaseIterable, Hashable, Sendable {
    case braille
    case quadrant
    case halfBlock
    case ascii

    /// Braille when the locale is UTF-8, ASCII otherwise.
    /// - Parameter utf8: whether the terminal's locale encodes UTF-8.
    public static func preferred(utf8: Bool) -> DotGrid { utf8 ? .braille : .ascii }

    /// Dots a cell holds across.
    public var dotsPerColumn: Int {
        switch self {
        case .braille, .quadrant: 2
        case .halfBlock, .ascii: 1
        }
    }

    /// Dots a cell holds down.
    public var dotsPerRow: Int {
        switch self {
        case .braille: 4
        case .quadrant, .halfBlock: 2
        case .ascii: 1
        }
    }

    /// Whether the glyphs are plain ASCII (box drawing and symbols must fall back too).
    public var isASCII: Bool { self == .ascii }

    /// The bit of dot (`column`, `row`) inside its cell.
    @inline(__always)
    func bit(column: Int, row: Int) -> UInt8 {
        switch self {
        case .braille:
            // Unicode braille: dots 1-2-3 down the left, 4-5-6 down the right, then 7 and 8.
            row == 3 ? (column == 0 ? 0x40 : 0x80) : UInt8(1) << UInt8(row + 3 * column)
        case .quadrant: UInt8(1) << UInt8(column + 2 * row)
        case .halfBlock: UInt8(1) << UInt8(row)
        case .ascii: 1
        }
    }

    /// The glyph for a cell whose dots are `bits`; `ascii` is the ink's own glyph.
    @inline(__always)
    func glyph(bits: UInt8, ascii: Character) -> Character {
        switch self {
        case .braille: Character(Unicode.Scalar(0x2800 + UInt32(bits))!)
        case .quadrant: DotGrid.quadrants[Int(bits)]
        case .halfBlock: DotGrid.halves[Int(bits)]
        case .ascii: ascii
        }
    }

    private static let quadrants: [Character] = [
        " ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█",
    ]
    private static let halves: [Character] = [" ", "▀", "▄", "█"]
}
