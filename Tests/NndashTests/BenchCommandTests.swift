import Foundation
import NNRuns
import Testing

@Suite("nndash bench")
struct BenchCommandTests {
    @Test func jsonHasOneEntryPerChosenWorkload() throws {
        let result = try Binary.run(["bench", "--json", "--repetitions", "1", "--workload", "sweep-quadratic"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONValue(parsing: Data(result.stdout.utf8))
        let workloads = try #require(document["workloads"]?.objectValue)
        #expect(workloads.map(\.0) == ["sweep-quadratic"])
        let entry = workloads[0].1
        #expect(entry["runs"]?.intValue == 1)
        let median = try #require(entry["median_s"]?.doubleValue)
        #expect(median > 0 && median < 60)
        // The sum of the ten final losses: each step maps x to (1 - 8 lr) x, and the 100th loss,
        // taken before its step, is 4x² after 99 steps from x0 = 2: 16 (1 - 8 lr)^198.
        let expected = (0..<10).map { i -> Double in
            let lr = 0.01 + Double(i) * (0.2 - 0.01) / 9
            return 16 * pow(1 - 8 * lr, 198)
        }.reduce(0, +)
        let figure = try #require(entry["result"]?.doubleValue)
        #expect(abs(figure - expected) <= 1e-3 * expected)
        // The BLAS kernels the figures were measured with.
        let core = try #require(document["blas_core"]?.stringValue)
        #expect(!core.isEmpty && core != "unknown")
    }

    @Test func twoThreadsAreTimedByTheWallClockAndComputeTheSame() throws {
        let arguments = ["bench", "--json", "--repetitions", "1", "--workload", "deep-forward-100"]
        let one = try Binary.run(arguments)
        let two = try Binary.run(arguments + ["--threads", "2"])
        #expect(one.status == 0 && two.status == 0, "\(one.stderr) \(two.stderr)")
        let single = try JSONValue(parsing: Data(one.stdout.utf8))
        let double = try JSONValue(parsing: Data(two.stdout.utf8))
        #expect(single["threads"]?.intValue == 1 && single["clock"]?.stringValue == "thread-cpu")
        #expect(double["threads"]?.intValue == 2 && double["clock"]?.stringValue == "wall")
        // The same forward pass: the split of the products over threads may change the rounding only.
        let a = try #require(single["workloads"]?["deep-forward-100"]?["result"]?.doubleValue)
        let b = try #require(double["workloads"]?["deep-forward-100"]?["result"]?.doubleValue)
        #expect(a > 0.1 && abs(a - b) <= 1e-3 * a, "\(a) vs \(b)")
    }

    @Test func threadsOutOfRangeExitTwo() throws {
        let result = try Binary.run(["bench", "--threads", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--threads"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func logReadingWorkloadsAreListed() throws {
        let result = try Binary.run(["help", "bench"])
        #expect(result.stdout.contains("read-tfevents") && result.stdout.contains("read-jsonl"), "\(result.stdout)")
    }

    @Test func debugBuildsWarnOnStandardError() throws {
        let result = try Binary.run(["bench", "--repetitions", "1", "--workload", "sweep-quadratic"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("sweep-quadratic"))
        #if DEBUG
        #expect(result.stderr.contains("debug build"))
        #endif
    }

    @Test func unknownWorkloadIsOneLineAndExitTwo() throws {
        let result = try Binary.run(["bench", "--workload", "sweep-cubic"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("sweep-cubic") == true)
    }

    @Test func repetitionsOutOfRangeExitTwo() throws {
        let result = try Binary.run(["bench", "--repetitions", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--repetitions"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
