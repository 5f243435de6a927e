/// A key press, as the dashboard understands it.
public enum Key: Hashable, Sendable {
    /// A printable character (never a control character).
    case character(Character)
    /// Ctrl and a letter, e.g. `.control("u")` for Ctrl-U.
    case control(Character)
    case up, down, left, right
    /// Shift and an arrow.
    case shiftLeft, shiftRight
    case tab, backTab, enter, escape, backspace
    case pageUp, pageDown, home, end
    /// The terminal changed size.
    case resize
}
