@testable import NNRuns
import NNTestSupport
import Testing

/// A JSON-lines log is read line after line reusing what the last lines told (their keys,
/// their shape around the numbers, the series found): whatever it reuses, a log reads as its
/// lines read one by one, each by a parser that knows nothing of the others.
@Suite struct JSONLinesShapeTests {
    /// The curves of `text` read whole by one parser, and read line by line by fresh parsers.
    static func curves(_ text: String) -> (whole: [Series], lineByLine: [Series]) {
        var whole = LogRun(name: "log", path: "log", format: .jsonl)
        var parser = JSONLinesParser()
        Array(text.utf8).withUnsafeBytes { parser.finish($0, offset: 0, file: "log", into: &whole) }
        var apart = LogRun(name: "log", path: "log", format: .jsonl)
        for line in text.split(separator: "\n") {
            var fresh = JSONLinesParser()
            Array((line + "\n").utf8).withUnsafeBytes { fresh.finish($0, offset: 0, file: "log", into: &apart) }
        }
        return (whole.scalars, apart.scalars)
    }

    @Test func aLineOfTheSameShapeUnderAnotherLabelFindsItsOwnSeries() {
        let text = """
            {"series": "a", "step": 1, "x": 1}
            {"series": "b", "step": 1.5, "x": 2}
            {"series": "b", "step": 2, "x": 3}
            {"series": "a", "step": 3, "x": 4}
            {"series": "a", "step": 4, "x": "no"}
            {"series": "a", "step": 5, "x": 5, "x": 6}
            {"series":"a", "step": 6, "x": 7}
            {"series": "a", "step": 7, "x": 8e1}

            """
        let (whole, lineByLine) = Self.curves(text)
        #expect(whole == lineByLine)
        #expect(whole.map(\.label) == ["a/x", "b/x"])
        #expect(Array(whole[0].steps) == [1, 3, 5, 6, 7] && Array(whole[0].y) == [1, 4, 6, 7, 80])
        #expect(Array(whole[1].steps) == [2] && Array(whole[1].y) == [3])
    }

    /// Lines drawn from a few shapes, with numbers, labels, spacing and members changed at
    /// random (seeded), read whole and line by line.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func aLogReadsAsItsLinesReadOneByOne(seed: UInt64) {
        var random = SeededRandom("json lines shapes", seed: seed)
        func pick<T>(_ options: [T]) -> T { options[Int(random.next() % UInt64(options.count))] }
        let values = ["1", "-3", "2.5", "1e3", "NaN", "-Infinity", "0.1", "2.0085040305189334", "05", "1.", "\"s\"", "null", "[1]", "{\"y\": 1}"]
        let shapes = (0..<3).map { _ in
            (0..<(1 + Int(random.next() % 4))).map { _ in pick(["loss", "acc", "lr", "x", "epoch", "l\\u006fss", "series", "phase"]) }
        }
        var text = ""
        for step in 0..<300 {
            var members = ["\"step\": \(step)"]
            for key in pick(shapes) {
                let value = key == "series" || key == "phase" ? pick(["\"a\"", "\"b\"", "\"\\u0061\"", "2"])
                    : random.next() % 4 == 0 ? pick(values) : "\(Double(random.next() % 1000) / 8)"
                members.append("\"\(key)\":" + pick([" ", " ", " ", "", "  "]) + value)
            }
            if random.next() % 3 == 0 { members.swapAt(0, members.count - 1) }
            text += "{" + members.joined(separator: ", ") + "}" + pick(["", "", "", " ", "\r", "}"]) + "\n"
        }
        let (whole, lineByLine) = Self.curves(text)
        #expect(!whole.isEmpty)
        #expect(whole == lineByLine)
    }
}
