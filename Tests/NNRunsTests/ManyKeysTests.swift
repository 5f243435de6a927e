import Foundation
@testable import NNRuns
import Testing

/// JSON-lines lines with very many keys: the work stays linear in the number of keys (no
/// pairwise comparison of keys), and the number of tags a run holds is bounded.
@Suite struct ManyKeysTests {
    /// A short distinct key for each `k`: three letters or digits.
    static func key(_ k: Int) -> String {
        let digits = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String([digits[k % 62], digits[k / 62 % 62], digits[k / 3844 % 62]])
    }

    /// A compact line `{"step":step,"aaa":value,...}` with `count` keys, then the first
    /// `repeats` of them again with `value + 1` (the 1 MiB line bound holds 121,000 keys).
    static func line(step: Int, count: Int, value: Int, repeats: Int = 0) -> String {
        var parts = ["\"step\":\(step)"]
        for k in 0..<count { parts.append("\"\(key(k))\":\(value)") }
        for k in 0..<repeats { parts.append("\"\(key(k))\":\(value + 1)") }
        return "{" + parts.joined(separator: ",") + "}\n"
    }

    @Test(arguments: [50_000, 121_000])
    func findingRepeatedKeysComparesEachKeyAtMostOnce(count: Int) {
        let repeats = 5_000
        let text = Self.line(step: 0, count: count, value: 1, repeats: repeats) + Self.line(step: 1, count: count, value: 5)
        #expect(text.utf8.count < 2 * JSONLinesParser.maximumLineLength)
        var parser = JSONLinesParser()
        var run = LogRun(name: "keys", path: "keys", format: .jsonl)
        Array(text.utf8).withUnsafeBytes { parser.finish($0, offset: 0, file: "keys", into: &run) }
        #expect(run.scalars.count == count)
        #expect(run.scalar(Self.key(7))?.y == [2, 5])
        #expect(run.scalar(Self.key(count - 1))?.y == [1, 5])
        #expect(run.warnings.isEmpty, "\(run.warnings)")
        let keys = 2 * count + repeats
        #expect(parser.keyComparisons <= keys, "\(parser.keyComparisons) comparisons for \(keys) keys")
    }

    @Test func tagsBeyondTheBoundAreSkippedWithAWarning() {
        let limit = LogRun.maximumTagCount
        var lines = ""
        for step in 0..<3 {
            lines += "{\"step\": \(step)"
            for k in (step * limit / 2)..<((step + 1) * limit / 2 + 10) { lines += ", \"t\(k)\": 1" }
            lines += "}\n"
        }
        let run = LogRun.parse(Array(lines.utf8), format: .jsonl)
        #expect(run.scalars.count == limit)
        #expect(run.warnings.count == 1 && run.warnings[0].contains("beyond the first \(limit)"), "\(run.warnings)")
    }
}
