import Foundation

/// A run or tag filter typed in the watch view: a case-insensitive regular expression that
/// must match somewhere in the name, as TensorBoard's filter boxes do.
struct WatchFilter {
    /// Why a typed pattern is not a filter.
    struct Problem: Error, Equatable {
        let message: String
    }

    let pattern: String
    private let regex: NSRegularExpression

    /// - Throws: `Problem` naming the pattern when it is not a regular expression.
    init(_ pattern: String) throws(Problem) {
        do {
            regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        } catch {
            throw Problem(message: "not a regular expression: \(pattern)")
        }
        self.pattern = pattern
    }

    /// A filter for `text`, nil (show everything) when it is empty.
    static func parse(_ text: String) throws(Problem) -> WatchFilter? {
        text.isEmpty ? nil : try WatchFilter(text)
    }

    func matches(_ name: String) -> Bool {
        regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
    }
}
