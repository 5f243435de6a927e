import NNRuns

/// `read-tfevents`: parses 10^6 scalar points (100 runs × 5000 steps × 2 tags) from TensorBoard
/// event files held in memory, as `nndash watch` reads them; the logs are built once.
public struct ReadEventFilesWorkload: Workload {
    public static let name = "read-tfevents"
    private let benchmark = LogReadingBenchmark(format: .tensorboard)

    public init() {}

    public func reset() {}

    /// Returns the number of points read.
    public func run() -> Double { Double(benchmark.run()) }
}

/// `read-jsonl`: parses 10^6 scalar points (100 runs × 5000 lines × 2 tags) from JSON lines
/// held in memory, as `nndash watch` reads them; the logs are built once.
public struct ReadJSONLinesWorkload: Workload {
    public static let name = "read-jsonl"
    private let benchmark = LogReadingBenchmark(format: .jsonl)

    public init() {}

    public func reset() {}

    /// Returns the number of points read.
    public func run() -> Double { Double(benchmark.run()) }
}
