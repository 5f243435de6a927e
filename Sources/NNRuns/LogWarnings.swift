/// What a reader skipped, counted by kind with the place of the first occurrence, so that a
/// file of a million bad lines yields one warning, not a million.
struct LogWarnings: Sendable {
    private struct Entry: Sendable {
        let kind: String
        var count: Int
        let firstPlace: String
    }

    private var entries: [Entry] = []

    /// Counts one occurrence of `kind`; `place` is only evaluated for the first one.
    mutating func add(_ kind: String, count: Int = 1, at place: @autoclosure () -> String) {
        if let i = entries.firstIndex(where: { $0.kind == kind }) {
            entries[i].count += count
        } else {
            entries.append(Entry(kind: kind, count: count, firstPlace: place()))
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// One line per kind, e.g. `2 records with a bad CRC skipped (first at events.out:1234)`.
    var messages: [String] {
        entries.map { "\($0.count) \($0.kind) (first at \($0.firstPlace))" }
    }
}
