@testable import NNRuns
import NNTestSupport
import Testing

/// `watch --json`'s writer: the same text whichever way a run is written (alone and streamed in
/// pieces, or formatted in parallel with others), each number as `description` writes it.
@Suite struct JSONWriterTests {
    /// A run of `count` points of one tag, steps and values drawn from `random`.
    static func run(_ name: String, tag: String, count: Int, random: inout SeededRandom) -> LogRun {
        var run = LogRun(name: name, path: name, format: .jsonl)
        let tagBytes = Array(tag.utf8)
        let index = tagBytes.withUnsafeBytes { run.scalarIndex($0, place: "") }!
        var step = Int64(random.next() % 100) - 50
        for k in 0..<count {
            step += 1 + Int64(random.next() % 3)
            let value = k % 7 == 0 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: random.next())))
                : Double(bitPattern: random.next() >> 1) * (k % 2 == 0 ? 1 : -1)
            run.appendPreempting(index, step: step, value: value, wallTime: nil, place: "")
        }
        return run
    }

    /// What the writer must print for `run`, built the plain way.
    static func expected(_ run: LogRun) -> String {
        var text = "{\"run\": \"\(run.name)\", \"path\": \"\(run.path)\", \"format\": \"jsonl\", \"params\": {}, \"scalars\": {"
        for (k, series) in run.scalars.enumerated() {
            if k > 0 { text += ", " }
            let points = zip(series.steps, series.y).map { step, value in
                "[\(step), \(value.isNaN ? "NaN" : value.isInfinite ? (value > 0 ? "Infinity" : "-Infinity") : "\(value)")]"
            }
            text += "\"\(series.label)\": [" + points.joined(separator: ", ") + "]"
        }
        return text + "}, \"histograms\": {}, \"warnings\": []}"
    }

    @Test func runsWrittenAloneAndInParallelReadAsDescriptionWritesThem() {
        var random = SeededRandom("JSON writer points", seed: 2019)
        // A run larger than a parallel batch (written alone, in pieces), then small ones
        // (formatted in parallel), one with a tag that is not ASCII.
        let runs = [
            Self.run("big", tag: "loss", count: LogRun.parallelPoints + 1_000, random: &random),
            Self.run("a", tag: "λ/loss", count: 3_000, random: &random),
            Self.run("b", tag: "acc", count: 1, random: &random),
            Self.run("c", tag: "acc", count: 70_000, random: &random),
        ]
        var text = ""
        LogRun.writeJSON(runs, to: &text)
        let expected = "{\"runs\": [\n" + runs.map(Self.expected).joined(separator: ",\n") + "\n]}\n"
        #expect(text.utf8.count == expected.utf8.count)
        #expect(text == expected)
    }
}
