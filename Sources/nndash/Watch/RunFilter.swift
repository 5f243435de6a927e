/// The watch view's run filter (`f`), as W&B's run filters: conditions on a run's config
/// values (`lr>=0.05`, `optimizer=adam`), separated by spaces, and whatever else is typed as a
/// regular expression on the run's name; a run passes when it meets them all. A condition is
/// a key (letters, digits, `_ . - /`, as the stores name hyperparameters), an operator
/// (`=`, `!=`, `<`, `<=`, `>`, `>=`) and a value: `<` and the like compare numbers, `=` and
/// `!=` numbers as numbers and other values as text, ignoring case. A run without the key
/// fails the condition.
struct RunFilter: Equatable {
    /// One condition on a config value.
    struct Condition: Equatable {
        enum Operator: String, CaseIterable {
            // Two-character operators first, so that `>=` is not read as `>`.
            case greaterOrEqual = ">=", lessOrEqual = "<=", notEqual = "!=", equal = "=", less = "<", greater = ">"
        }

        let key: String
        let op: Operator
        let value: String

        func matches(_ params: [String: String]) -> Bool {
            guard let have = params[key].map(Self.unquoted) else { return false }
            let a = Double(have), b = Double(value)
            switch op {
            case .equal, .notEqual:
                let same = if let a, let b { a == b } else { have.lowercased() == value.lowercased() }
                return same == (op == .equal)
            case .less, .lessOrEqual, .greater, .greaterOrEqual:
                guard let a, let b else { return false }
                switch op {
                case .less: return a < b
                case .lessOrEqual: return a <= b
                case .greater: return a > b
                default: return a >= b
                }
            }
        }

        /// A value as stores write text: `"adam"` (W&B's JSON) compares as `adam`.
        static func unquoted(_ text: String) -> String {
            text.count >= 2 && text.first == "\"" && text.last == "\"" ? String(text.dropFirst().dropLast()) : text
        }
    }

    /// The text typed, shown in the header.
    let text: String
    let conditions: [Condition]
    /// The name pattern: the words that are not conditions.
    let name: WatchFilter?

    /// The filter `text` describes, nil (every run) when it is empty.
    /// - Parameter keys: the config keys the runs have; a condition on another key is refused.
    /// - Throws: `WatchFilter.Problem` naming the bad condition, value or pattern.
    static func parse(_ text: String, keys: Set<String>) throws(WatchFilter.Problem) -> RunFilter? {
        var conditions: [Condition] = []
        var words: [Substring] = []
        for word in text.split(separator: " ") {
            guard let condition = try condition(word, keys: keys) else {
                words.append(word)
                continue
            }
            conditions.append(condition)
        }
        let name = try WatchFilter.parse(words.joined(separator: " "))
        if conditions.isEmpty && name == nil { return nil }
        return RunFilter(text: text, conditions: conditions, name: name)
    }

    /// The condition `word` is, or nil when it is not one (a name pattern).
    private static func condition(_ word: Substring, keys: Set<String>) throws(WatchFilter.Problem) -> Condition? {
        let keyEnd = word.firstIndex { !($0.isLetter || $0.isNumber || "_.-/".contains($0)) } ?? word.endIndex
        guard keyEnd != word.startIndex, let first = word.first, first.isLetter || first == "_",
            let op = Condition.Operator.allCases.first(where: { word[keyEnd...].hasPrefix($0.rawValue) })
        else { return nil }
        let key = String(word[..<keyEnd])
        let value = String(word[keyEnd...].dropFirst(op.rawValue.count))
        guard !value.isEmpty else { throw WatchFilter.Problem(message: "\(word): no value after \(op.rawValue)") }
        guard keys.contains(key) else {
            let known = keys.isEmpty ? "these runs have no config" : "config keys: " + keys.sorted().prefix(8).joined(separator: ", ")
            throw WatchFilter.Problem(message: "\(word): no run has the config key \(key) (\(known))")
        }
        if op != .equal && op != .notEqual && Double(value) == nil {
            throw WatchFilter.Problem(message: "\(word): \(op.rawValue) compares numbers, and \(value) is not one")
        }
        return Condition(key: key, op: op, value: value)
    }

    static func == (a: RunFilter, b: RunFilter) -> Bool { a.text == b.text }

    /// Whether the run named `name` (safe to draw) with config `params` passes.
    func matches(name: String, params: [String: String]) -> Bool {
        (self.name?.matches(name) ?? true) && conditions.allSatisfy { $0.matches(params) }
    }

    /// The syntax, for the help.
    static let help = [
        "Run filter (f): words separated by spaces, all must hold",
        "  lr>=0.05 optimizer=adam   a config value: = != < <= > >=",
        "  any other word            a regular expression on the name",
        "  the runs it fails are hidden (dimmed in legends);",
        "  an empty filter shows every run",
    ]
}
