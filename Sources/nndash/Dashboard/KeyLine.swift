/// The key line at the bottom of a dashboard: a note, then the keys that fit, `? help` always last.
///
/// When the line is too narrow for every key, keys are left out from the end (before
/// `? help`), then the note is shortened with `…`; `q quit` and `? help` are always shown.
struct KeyLine: Equatable, Sendable {
    /// Entries such as `q quit`, in the order shown; the last is the help key.
    var entries: [String]

    init(_ entries: [String]) { self.entries = entries }

    /// The line, at most `width` columns, with `note` (a message of the app) before the keys.
    func text(width: Int, note: String? = nil) -> String {
        let separator = "  "
        func line(_ keys: [String]) -> String { " " + keys.joined(separator: separator) }
        var keys = entries
        // The first key and the help key stay; others go from the end until the line fits.
        while keys.count > 2, line(keys).count > width { keys.remove(at: keys.count - 2) }
        let keysText = line(keys)
        guard let note, !note.isEmpty else { return keysText }
        // The note takes what the keys leave, the keys then fill back what the note does not need.
        let room = width - line(Array(keys.prefix(1) + keys.suffix(1))).count - 4
        guard room >= 2 else { return keysText }
        let shown = note.count <= room ? note : String(note.prefix(room - 1)) + "…"
        var all = entries
        let prefix = " \(shown)  ·"
        while all.count > 2, (prefix + line(all)).count > width { all.remove(at: all.count - 2) }
        return prefix + line(all)
    }
}
