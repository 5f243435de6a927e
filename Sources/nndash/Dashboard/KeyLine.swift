/// The key line at the bottom of a dashboard: a note, then the keys that fit, `? help` always last.
///
/// When the line is too narrow for every key, keys are left out from the end (before
/// `? help`), then the note is shortened with `…`; `q quit`, `? help` and the entries marked
/// kept (the only way to something the narrow view hides) are always shown.
struct KeyLine: Equatable, Sendable {
    /// Entries such as `q quit`, in the order shown; the last is the help key.
    var entries: [String]
    /// The entries (by index) kept however narrow the line, besides the first and the last.
    var kept: Set<Int>

    init(_ entries: [String], kept: Set<Int> = []) {
        self.entries = entries
        self.kept = kept
    }

    /// `entries` less those not kept, from the end (before the last), until `fits` says they fit.
    private func shortened(_ fits: ([String]) -> Bool) -> [String] {
        var shown = Array(entries.indices)
        var candidates = shown.dropFirst().dropLast().filter { !kept.contains($0) }
        while !fits(shown.map { entries[$0] }), let drop = candidates.popLast() {
            shown.removeAll { $0 == drop }
        }
        return shown.map { entries[$0] }
    }

    /// The line, at most `width` columns, with `note` (a message of the app) before the keys.
    func text(width: Int, note: String? = nil) -> String {
        let separator = "  "
        func line(_ keys: [String]) -> String { " " + keys.joined(separator: separator) }
        // The first key, the kept ones and the help key stay; others go from the end until the line fits.
        let keys = shortened { line($0).count <= width }
        let keysText = line(keys)
        guard let note, !note.isEmpty else { return keysText }
        // The note takes what the kept keys leave, the keys then fill back what the note does not need.
        let least = shortened { _ in false }
        let room = width - line(least).count - 4
        guard room >= 2 else { return keysText }
        let shown = note.count <= room ? note : String(note.prefix(room - 1)) + "…"
        let prefix = " \(shown)  ·"
        return prefix + line(shortened { (prefix + line($0)).count <= width })
    }
}
