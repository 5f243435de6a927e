import NNCharts

/// One row of a view's key table: how the footer and the `?` help name a key, and what each
/// of its keys does. A view's footer, help and key handling all read the same table, so the
/// keys it advertises are exactly the keys that work.
struct KeyBinding<Action: Equatable & Sendable>: Sendable {
    /// One key and what it does.
    struct Press: Sendable {
        var key: Key
        var action: Action
    }

    /// The keys as the footer writes them, e.g. `s/S`.
    var keys: String
    /// The footer's word for them, e.g. `smooth`.
    var word: String
    /// The keys as the help writes them, e.g. `s  S`.
    var helpKeys: String
    /// The help's sentence, e.g. `less / more smoothing`.
    var help: String
    var presses: [Press]
    /// Whether a narrow footer keeps it: the only way to something a narrow view hides.
    var kept = false

    init(_ keys: String, _ word: String, help helpKeys: String? = nil, _ help: String, _ presses: [(Key, Action)]) {
        self.keys = keys
        self.word = word
        self.helpKeys = helpKeys ?? keys
        self.help = help
        self.presses = presses.map { Press(key: $0.0, action: $0.1) }
    }

    /// A binding of one key.
    init(_ key: Key, _ keys: String, _ word: String, help helpKeys: String? = nil, _ help: String, _ action: Action) {
        self.init(keys, word, help: helpKeys, help, [(key, action)])
    }

    /// The footer's entry, e.g. `s/S smooth`.
    var footer: String { "\(keys) \(word)" }

    /// The help's line, the keys in a column of their own.
    var helpLine: String {
        let column = 9
        return helpKeys.count < column
            ? helpKeys + String(repeating: " ", count: column - helpKeys.count) + help
            : helpKeys + " " + help
    }
}

extension Array {
    /// The footer of a key table: every entry in order, the help key last.
    func keyLine<Action>() -> KeyLine where Element == KeyBinding<Action> {
        KeyLine(map(\.footer), kept: Set(indices.filter { self[$0].kept }))
    }

    /// The `?` help's lines of a key table.
    func helpLines<Action>() -> [String] where Element == KeyBinding<Action> { map(\.helpLine) }

    /// What `key` does in this table; nil when it is none of its keys.
    func action<Action>(for key: Key) -> Action? where Element == KeyBinding<Action> {
        for binding in self {
            if let press = binding.presses.first(where: { $0.key == key }) { return press.action }
        }
        return nil
    }
}
