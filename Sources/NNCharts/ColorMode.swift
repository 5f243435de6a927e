/// Which colours the terminal can show, as the app detects it.
public enum ColorMode: String, CaseIterable, Hashable, Sendable {
    /// The xterm 256-colour palette.
    case palette256
    /// The eight basic colours.
    case basic8
    /// No colour at all (`NO_COLOR`): series differ by glyph and style only.
    case none

    /// The mode for a terminal: none when `NO_COLOR` is set (https://no-color.org) or it
    /// shows fewer than 8 colours, the basic eight below 256, else the 256 palette.
    /// - Parameters:
    ///   - noColor: whether the `NO_COLOR` environment variable is set and not empty.
    ///   - colors: the colours the terminal reports (ncurses `COLORS`, `tput colors`).
    public init(noColor: Bool, colors: Int) {
        self = noColor || colors < 8 ? .none : colors < 256 ? .basic8 : .palette256
    }

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
