#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The timings of one workload: the seconds of each timed run and their median.
///
/// Runs on one thread are timed by the CPU clock of the calling thread: on an idle machine it
/// equals the wall clock for this single-threaded work, and on a busy one it leaves out the time
/// other processes hold the core. Work spread over several threads is timed by the wall clock
/// (a thread's CPU clock would leave out the others'), see `BenchmarkClock`.
public struct BenchmarkResult: Sendable, Equatable {
    /// The workload's name.
    public var name: String
    /// The CPU seconds of each timed run, in order.
    public var seconds: [Double]
    /// The figure the last run returned (see `Workload.run()`).
    public var result: Double

    public init(name: String, seconds: [Double], result: Double) {
        self.name = name
        self.seconds = seconds
        self.result = result
    }

    /// The middle of the sorted timings (the mean of the two middle ones for an even count).
    public var medianSeconds: Double {
        let sorted = seconds.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Runs `workload` once untimed (a warm-up), then `repetitions` timed runs by `clock`.
    ///
    /// Each run is preceded by an untimed `reset()`.
    public static func measure(
        _ workload: inout some Workload, repetitions: Int, clock: BenchmarkClock = .threadCPU
    ) throws -> BenchmarkResult {
        try workload.reset()
        var result = try workload.run()
        var seconds: [Double] = []
        for _ in 0..<repetitions {
            try workload.reset()
            let start = clock.seconds()
            result = try workload.run()
            seconds.append(clock.seconds() - start)
        }
        return BenchmarkResult(name: type(of: workload).name, seconds: seconds, result: result)
    }
}

/// The clock a benchmark reads.
public enum BenchmarkClock: String, Sendable {
    /// The CPU time of the calling thread (`CLOCK_THREAD_CPUTIME_ID`): for work on one thread.
    case threadCPU = "thread-cpu"
    /// Elapsed time (`CLOCK_MONOTONIC`): for work spread over several threads.
    case wall

    /// The clock's reading in seconds.
    func seconds() -> Double {
        var time = timespec()
        clock_gettime(self == .threadCPU ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
