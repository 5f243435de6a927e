/// A line of the side panel: words, or a row of a table.
struct Finding: Sendable, Equatable {
    enum Tone: Sendable { case plain, heading, good, bad, dim }
    var text: String
    var tone: Tone = .plain
    /// A table row's cells (`text` then joins them); consecutive rows are laid out as one
    /// table, columns sized to their content (see `[Finding].lines(width:)`).
    var cells: [String]? = nil

    /// A row of a table; columns further right are left out first when the table does not fit.
    static func row(_ cells: [String], tone: Tone = .plain) -> Finding {
        Finding(text: cells.joined(separator: "  "), tone: tone, cells: cells)
    }
}
