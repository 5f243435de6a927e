/// The footer's passing message (where an export went, a checkpoint), numbered so that the
/// timer of an older message never clears a newer one.
struct FooterMessage: Equatable {
    /// The message shown, until it expires or a newer one replaces it.
    private(set) var text: String?
    /// The number of the last message said.
    private(set) var id = 0

    /// Shows `text` in place of any message before; returns its number, for `expire`.
    @discardableResult
    mutating func say(_ text: String) -> Int {
        id += 1
        self.text = text
        return id
    }

    /// Clears message `id` if it is still shown.
    mutating func expire(_ id: Int) {
        if id == self.id { text = nil }
    }

    /// Clears the message, whichever it is (a restart).
    mutating func clear() { text = nil }
}
