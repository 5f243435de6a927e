import NNRuns
import NNStudies

/// `read-tfevents`: parses 10^6 scalar points (100 runs × 5000 steps × 2 tags) from TensorBoard
/// event files held in memory, as `nndash watch` reads them; the logs are built once.
struct ReadEventFilesWorkload: Workload {
    static let name = "read-tfevents"
    private let benchmark = LogReadingBenchmark(format: .tensorboard)

    init() {}

    func reset() {}

    /// Returns the number of points read.
    func run() -> Double { Double(benchmark.run()) }
}

/// `read-jsonl`: parses 10^6 scalar points (100 runs × 5000 lines × 2 tags) from JSON lines
/// held in memory, as `nndash watch` reads them; the logs are built once.
struct ReadJSONLinesWorkload: Workload {
    static let name = "read-jsonl"
    private let benchmark = LogReadingBenchmark(format: .jsonl)

    init() {}

    func reset() {}

    /// Returns the number of points read.
    func run() -> Double { Double(benchmark.run()) }
}
