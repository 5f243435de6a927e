/// Which colours the terminal can show, as the app detects it.
public enum ColorMode: String, CaseIterable, Hashable, Sendable {
    /// The xterm 256-colour palette.
    case palette256
    /// The eight basic colours.
    case basic8
    /// No colour at all (`NO_COLOR`): series differ by glyph and style only.
    case none

    /// `color` as this mode can show it: 256-colour entries mapped to the nearest basic
    /// colour in `basic8`, everything dropped in `none`.
    public func resolve(_ color: Color) -> Color {
        switch (self, color) {
        case (.none, _): return .default
        case (.basic8, .indexed(let i)) where i >= 8: return .indexed(Palette.nearestBasic(i))
        default: return color
        }
    }
}
