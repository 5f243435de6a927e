import Testing
@testable import NNBenchmarks
@testable import NNRuns

/// The logs `nndash bench` reads are what they say: every point read back, at its step, with
/// the value written (float32 in event files, as SummaryWriter stores them).
@Suite struct LogReadingBenchmarkTests {
    @Test(arguments: [LogFormat.tensorboard, .jsonl])
    func everyPointIsReadBack(format: LogFormat) {
        let benchmark = LogReadingBenchmark(format: format, runs: 3, steps: 300, tags: 2)
        #expect(benchmark.run() == 3 * 300 * 2)
        for (r, log) in benchmark.logs.enumerated() {
            let run = LogRun.parse(log, format: format)
            #expect(run.warnings.isEmpty)
            #expect(run.scalars.map(\.label) == ["tag0", "tag1"])
            for (k, series) in run.scalars.enumerated() {
                #expect(Array(series.steps) == (0..<300).map { Int64($0) })
                let written = (0..<300).map { LogReadingBenchmark.value(run: r, tag: k, step: $0) }
                #expect(Array(series.y) == (format == .tensorboard ? written.map { Double(Float($0)) } : written))
            }
        }
    }
}
