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
    /// A mouse button or the wheel, where the pointer was.
    case mouse(MouseEvent)
}

/// What the mouse did, at which cell (0-based column and row).
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, release, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
