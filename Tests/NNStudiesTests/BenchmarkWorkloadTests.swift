import NNBenchmarks
import NNRuns
import NNStudies
import Testing

/// The bench workloads compute what they claim: values from PyTorch or from the seed study.
@Suite struct BenchmarkWorkloadTests {
    @Test func sweepFinalLossesEqualTheStudys() throws {
        var study = LearningRateSweep()
        while try study.step() != nil {}
        var workload = QuadraticSweepWorkload()
        let total = try workload.run()
        let expected = study.report.series.map { $0.y.last! }
        #expect(workload.finalLosses == expected)
        #expect(total == expected.reduce(0, +))
    }

    @Test func regressionMatchesPyTorch() throws {
        let golden = try #require(Golden.cases(kind: "experiment", name: "temperature_regression").first {
            $0["params"]?["epochs"]?.intValue == 5000 && $0["params"]?["optimizer"]?.stringValue == "SGD"
        })
        var workload = TemperatureRegressionWorkload()
        workload.reset()
        let loss = try workload.run()
        #expect(close(loss, golden["final_loss"]!.doubleValue!, rtol: 1e-4))
        let params = golden["final_params"]!.doubleArray!
        let trace = try #require(workload.trace)
        #expect(close(try #require(trace.w.last), params[0], rtol: 1e-4))
        #expect(close(try #require(trace.b.last), params[1], rtol: 1e-4))
    }

    /// PyTorch 2.15 with benchmarks/compare_pytorch.py's definitions: the loss of step 20 is 2.1775589.
    @Test func mlpTrainingMatchesPyTorch() throws {
        var workload = try MLPTrainingWorkload(steps: 20)
        try workload.reset()
        #expect(close(try workload.run(), 2.1775589, rtol: 1e-4))
        // A fresh run repeats the same work.
        try workload.reset()
        #expect(close(try workload.run(), 2.1775589, rtol: 1e-4))
    }

    /// PyTorch 2.15: the activations after 100 layers have standard deviation 0.6495916; rounding
    /// differences grow over the 100 layers, hence the looser tolerance.
    @Test func deepForwardMatchesPyTorch() throws {
        let workload = try DeepForwardWorkload()
        #expect(close(workload.run(), 0.6495916, rtol: 1e-3))
    }

    /// PyTorch 2.15 with benchmarks/compare_pytorch.py's definitions: after one pass over the 1024
    /// images, the last batch's loss is 2.3024657.
    @Test func leNetEpochMatchesPyTorch() throws {
        var workload = try LeNetTrainingWorkload()
        try workload.reset()
        #expect(close(try workload.run(), 2.3024657, rtol: 1e-4))
    }

    @Test func medianOfOddAndEvenCounts() {
        #expect(BenchmarkResult(name: "w", seconds: [3, 1, 2], result: 0).medianSeconds == 2)
        #expect(BenchmarkResult(name: "w", seconds: [4, 1, 3, 2], result: 0).medianSeconds == 2.5)
    }

    @Test func measureWarmsUpThenTimesEachRepetition() throws {
        var workload = CountingWorkload()
        let result = try BenchmarkResult.measure(&workload, repetitions: 3)
        #expect(result.seconds.count == 3)
        #expect(result.seconds.allSatisfy { $0 >= 0 })
        #expect(workload.resets == 4 && workload.runs == 4)
        #expect(result.result == 4)
        #expect(result.name == "counting")
    }
}

/// Counts its resets and runs.
private struct CountingWorkload: Workload {
    static let name = "counting"
    var resets = 0, runs = 0
    mutating func reset() { resets += 1 }
    mutating func run() -> Double {
        runs += 1
        return Double(runs)
    }
}
