import NNBenchmarks
import NNCharts
import Testing

@Suite("render-frame workload")
struct RenderBenchmarkTests {
    @Test func benchmarkFrameFillsItsBuffer() {
        let bench = RenderBenchmark(pointsPerSeries: 2_000)
        let frame = bench.frame()
        #expect(frame.width == 200 && frame.height == 50)
        #expect(frame.plainText.contains("panel 4"))
    }
}
