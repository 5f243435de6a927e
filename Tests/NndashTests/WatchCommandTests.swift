import Foundation
import NNRuns
import Testing

/// `nndash watch` and `nndash replay` from the command line, without a terminal.
@Suite struct WatchCommandTests {
    @Test(arguments: [
        (["watch", "/no/such/logs"], ["/no/such/logs"]),
        (["watch", ".", "--interval", "0"], ["--interval", "0"]),
        (["watch", ".", "--interval=-1"], ["--interval", "-1"]),
        (["watch", ".", "--interval", "abc"], ["--interval", "abc"]),
        (["watch"], ["path"]),
        (["replay", "/no/such/run"], ["/no/such/run"]),
    ])
    func badArgumentsAreOneLineErrorsWithStatus2(arguments: [String], mentions: [String]) throws {
        let result = try Binary.run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "stderr: \(result.stderr)")
        for word in mentions { #expect(result.stderr.contains(word), "stderr: \(result.stderr)") }
    }

    /// Line mode (output not a terminal) says what it skipped in a run, on standard error, as
    /// `--json` does in its document; a warning whose count grows is printed again.
    @Test func lineModePrintsWhatWasSkipped() throws {
        let logs = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: logs) }
        let log = logs.appendingPathComponent("bad.jsonl")
        try Data("{\"step\": 0, \"loss\": 2}\ngarbage\n{\"step\": 1, \"loss\": 1}\n".utf8).write(to: log)
        let watch = try Binary.start(["watch", "--interval", "0.05", log.path])
        func waitForError(_ text: String) -> String {
            watch.waitFor { _, stderr in stderr.contains(text) }
            return watch.stderr
        }
        let first = "nndash watch: bad.jsonl: 1 line that is not a JSON object skipped (first at bad.jsonl line 2)\n"
        #expect(waitForError(first) == first)
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("more garbage\n".utf8))
        try handle.close()
        let second = "nndash watch: bad.jsonl: 2 lines that are not JSON objects skipped (first at bad.jsonl line 2)\n"
        #expect(waitForError(second) == first + second)
    }

    @Test func aTornRunIsReplayedAsTextWithAWarning() throws {
        let runs = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: runs) }
        let recorded = try Binary.run(["sweep", "--plain", "--runs-dir", runs.path, "--num", "2", "--iterations", "4",
                                       "--lr-min", "0.1", "--lr-max", "0.2"])
        #expect(recorded.status == 0)
        let folder = runs.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: runs.path).first))
        let metrics = folder.appendingPathComponent("metrics.jsonl")
        let handle = try FileHandle(forWritingTo: metrics)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"step\": 4, \"series\": \"lr=0.1\", \"lo".utf8))
        try handle.close()

        let result = try Binary.run(["replay", "--plain", folder.path])
        #expect(result.status == 0)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("torn"), "stderr: \(result.stderr)")
        #expect(result.stdout.contains("nndash sweep"))
        // Both rates converge; 0.1 shrinks the error by |1 − 0.8| = 0.2 a step, 0.2 by 0.6.
        #expect(result.stdout.contains("Fastest: lr=0.1"), "stdout: \(result.stdout)")

        let json = try JSONValue(parsing: try Binary.run(["replay", "--json", folder.path]).stdout)
        let series = try #require(json["series"]?.arrayValue)
        #expect(series.allSatisfy { $0["x"]?.doubleArray == [0, 1, 2, 3] })
    }
}
