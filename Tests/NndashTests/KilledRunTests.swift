import Foundation
import NNRuns
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A run killed with SIGKILL (no handler, no flush at exit) keeps every step it completed,
/// except at most the one being written.
@Suite struct KilledRunTests {
    @Test func aRunKilledMidStudyReplaysWithContiguousSteps() throws {
        let runs = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: runs) }
        let sweep = try Binary.start(["sweep", "--plain", "--delay-ms", "5", "--iterations", "1000", "--runs-dir", runs.path])
        // Killed once three steps of its ten rates are written (however slow the machine), mid-run.
        #expect(sweep.waitFor { _, _ in Self.recordedLines(under: runs) >= 30 }, "no steps recorded under \(runs.path)")
        sweep.send(SIGKILL)
        let killed = sweep.finish()
        #expect(killed.signaled)
        #expect(killed.status == SIGKILL)

        let folders = try FileManager.default.contentsOfDirectory(at: runs, includingPropertiesForKeys: nil)
        let folder = try #require(folders.first, "no run folder under \(runs.path)")
        #expect(folders.count == 1)
        let replay = try Binary.run(["replay", folder.path, "--json"])
        #expect(replay.status == 0, "\(replay.stderr)")
        let report = try JSONValue(parsing: replay.stdout)
        #expect(report["study"] == "sweep")
        let series = try #require(report["series"]?.arrayValue)

        // Ten learning rates, each rebuilt with its loss curve and its rate.
        #expect(series.count == 10)
        #expect(series.allSatisfy { $0["params"]?["lr"]?.doubleValue != nil })
        let steps = series.map { $0["x"]?.doubleArray ?? [] }
        let longest = steps.map(\.count).max() ?? 0
        #expect(longest >= 2, "the run recorded \(longest) steps before it was killed")
        for (curve, x) in zip(series, steps) {
            // Contiguous from 0, and no curve misses a step except the last one.
            #expect(x == (0..<x.count).map(Double.init), "\(curve["label"] ?? .null)")
            #expect(x.count == longest || x.count == longest - 1)
            #expect((curve["y"]?.doubleArray ?? []).count == x.count)
        }
    }

    /// The lines of metrics written so far by the run under `folder`.
    static func recordedLines(under folder: URL) -> Int {
        let runs = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return runs.reduce(0) { total, run in
            let metrics = (try? Data(contentsOf: run.appendingPathComponent("metrics.jsonl"))) ?? Data()
            return total + metrics.count { $0 == UInt8(ascii: "\n") }
        }
    }
}
