/// A key press, as the dashboard understands it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case tab, backTab, enter, escape, backspace
    case pageUp, pageDown, home, end
    /// The terminal changed size.
    case resize
}
