/// What a reader skipped, counted by kind with the place of the first occurrence, so that a
/// file of a million bad lines yields one warning, not a million.
struct LogWarnings: Sendable {
    /// A kind of problem, named for one occurrence and for more (`1 line ... skipped`,
    /// `2 lines ... skipped`).
    struct Kind: Equatable, Sendable {
        let one: String
        let many: String
        init(_ one: String, _ many: String) {
            (self.one, self.many) = (one, many)
        }
    }

    private struct Entry: Sendable {
        let kind: Kind
        var count: Int
        let firstPlace: String
    }

    private var entries: [Entry] = []
    /// Changes so far (each `add` and `skipped`): a change of `messages` changes it, so that
    /// a watcher tells a new warning without building the lines.
    private(set) var revision = 0
    /// Values of kinds nndash does not draw (images, text, ...), counted by kind.
    private var skippedKinds: [(kind: Kind, count: Int)] = []

    /// Counts one occurrence of `kind`; `place` is only evaluated for the first one.
    mutating func add(_ kind: Kind, count: Int = 1, at place: @autoclosure () -> String) {
        revision += 1
        if let i = entries.firstIndex(where: { $0.kind == kind }) {
            entries[i].count += count
        } else {
            entries.append(Entry(kind: kind, count: count, firstPlace: place()))
        }
    }

    /// Counts one value of a kind that is read but not drawn, e.g. `images`.
    mutating func skipped(_ kind: Kind) {
        revision += 1
        if let i = skippedKinds.firstIndex(where: { $0.kind == kind }) {
            skippedKinds[i].count += 1
        } else {
            skippedKinds.append((kind, 1))
        }
    }

    var isEmpty: Bool { entries.isEmpty && skippedKinds.isEmpty }

    /// One line per kind, e.g. `2 records with a bad CRC skipped (first at events.out:1234)`,
    /// then one line for every kind not drawn: `not drawn: 12 images, 3 text summaries`.
    var messages: [String] {
        var lines = entries.map { "\(counted($0.count, $0.kind.one, $0.kind.many)) (first at \($0.firstPlace))" }
        if !skippedKinds.isEmpty {
            lines.append("not drawn: " + skippedKinds.map { counted($0.count, $0.kind.one, $0.kind.many) }.joined(separator: ", "))
        }
        return lines
    }
}
