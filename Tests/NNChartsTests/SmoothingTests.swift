import NNCharts
import Testing

@Suite struct SmoothingTests {
    private func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.isNaN ? $1.isNaN : abs($0 - $1) < 1e-12 }
    }

    @Test func debiasedAverageMatchesHandComputation() {
        // w = 0.5: last = 0.5, 1.25, 2.125; debiased by 1 − 0.5^n = 0.5, 0.75, 0.875.
        let smoothed = ExponentialMovingAverage.smooth([1, 2, 3], weight: 0.5)
        #expect(close(smoothed, [1, 5.0 / 3, 17.0 / 7]))
    }

    @Test func nonFiniteValuesPassThroughWithoutAdvancing() {
        // The NaN is returned as is; 3 is then only the second finite value:
        // last = 0.5·0.5 + 0.5·3 = 1.75, divided by 1 − 0.25.
        let smoothed = ExponentialMovingAverage.smooth([1, .nan, 3, .infinity], weight: 0.5)
        #expect(close(Array(smoothed.prefix(3)), [1, .nan, 7.0 / 3]))
        #expect(smoothed[3] == .infinity)
    }

    @Test func constantSeriesStaysExactlyConstant() {
        #expect(ExponentialMovingAverage.smooth([0.1, 0.1, 0.1, 0.1], weight: 0.9) == [0.1, 0.1, 0.1, 0.1])
        var streaming = ExponentialMovingAverage(weight: 0.9)
        #expect((0..<50).map { _ in streaming.next(0.3) } == Array(repeating: 0.3, count: 50))
    }

    @Test func weightsAtTheEnds() {
        #expect(ExponentialMovingAverage.smooth([3, 1, 2], weight: 0) == [3, 1, 2])
        // Weight 1 never leaves the zero start, and TensorBoard does not debias it.
        #expect(ExponentialMovingAverage.smooth([3, 1, 2], weight: 1) == [0, 0, 0])
        // Out-of-range weights are clamped, as TensorBoard does.
        #expect(ExponentialMovingAverage(weight: 1.5).weight == 1)
        #expect(ExponentialMovingAverage(weight: .nan).weight == 0)
    }

    @Test func streamingAgreesWithTheWholeSeries() {
        // Both run the same recurrence; only the first output differs, by rounding: alone it
        // is a constant series (returned as is), in the whole series it is (1−w)·v/(1−w).
        let values: [Double] = (0..<100).map { (i: Int) -> Double in 3 + Double(i % 9) - 0.5 * Double(i % 4) }
        var average = ExponentialMovingAverage(weight: 0.6)
        let streamed = values.map { average.next($0) }
        let whole = ExponentialMovingAverage.smooth(values, weight: 0.6)
        #expect(Array(streamed.dropFirst()) == Array(whole.dropFirst()))
        #expect(abs(streamed[0] - whole[0]) < 1e-12)
    }
}
