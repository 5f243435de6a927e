import Foundation
import NNCharts
import Testing

@Suite struct SeriesTests {
    @Test func smallSeriesAreKeptExactly() {
        var envelope = SeriesEnvelope(capacity: 8)
        for i in 0..<5 { envelope.append(x: Double(i), y: Double(i * i)) }
        #expect(envelope.buckets.map(\.first) == [0, 1, 4, 9, 16])
        #expect(envelope.buckets.allSatisfy { $0.count == 1 })
    }

    @Test func tenMillionPointsStayBoundedAndKeepTheirSpike() {
        var envelope = SeriesEnvelope(capacity: 1024)
        let n = 10_000_000
        for i in 0..<n {
            envelope.append(x: Double(i), y: i == 7_654_321 ? 1000 : Double(i % 7) / 7)
        }
        #expect(envelope.count == n)
        #expect(envelope.bucketCount <= 1025)
        #expect(envelope.buckets.reduce(0) { $0 + $1.count } == n)
        // 10^7 points in fewer than 1024 full buckets: 2^14 = 16384 points a bucket.
        #expect(envelope.pointsPerBucket == 16384)
        #expect(envelope.valueRange == 0...1000)
        let spike = envelope.buckets.first { $0.firstX <= 7_654_321 && $0.lastX >= 7_654_321 }
        #expect(spike?.max == 1000)
        #expect(envelope.lastPoint?.x == Double(n - 1))
        #expect(envelope.lastPoint?.y == Double((n - 1) % 7) / 7)
    }

    @Test func aSeriesEndsAtItsFirstNonFiniteValue() {
        var series = LineSeries(name: "loss")
        for (x, y) in [(0.0, 1.0), (1, 2), (2, .infinity), (3, 4), (4, .nan)] { series.append(x: x, y: y) }
        #expect(series.count == 2)
        #expect(series.divergence == Divergence(x: 2, value: .infinity))
        #expect(series.lastValue == 2)
    }

    @Test func axisRangeGrowsAtOnceAndShrinksOnlyWhenMostlyUnused() {
        var range = AxisRange()
        #expect(range.update(with: 0...1) == 0...1)
        // Grows to 2 plus 10% of the data span (2) of headroom.
        let grown = range.update(with: 0...2)
        #expect(abs(grown.upperBound - 2.2) < 1e-12 && grown.lowerBound == 0)
        // Data inside the range and filling over half of it: nothing moves.
        #expect(range.update(with: 0...2.1) == grown)
        #expect(range.update(with: 0.5...1.8) == grown)
        // Data filling under half (0.5 of 2.2): fit again, 5% margins each side.
        let shrunk = range.update(with: 0...0.5)
        #expect(abs(shrunk.lowerBound + 0.025) < 1e-12 && abs(shrunk.upperBound - 0.525) < 1e-12)
    }
}

@Suite struct DecimationTests {
    /// Columns of the plot's top row (row 1, under the legend) that hold dots.
    private func topRowDots(_ chart: LineChart, width: Int) -> [Int] {
        let buffer = chart.rendered(width: width, height: 10)
        return (0..<width).filter { x in
            let v = buffer[x, 1].symbol.unicodeScalars.first!.value
            return (0x2801...0x28FF).contains(v)
        }
    }

    @Test func aSingleSpikeAmongAMillionPointsIsDrawn() {
        var series = LineSeries(name: "loss")
        for i in 0..<1_000_000 { series.append(x: Double(i), y: i == 500_000 ? 1 : 0) }
        // The spike is the series' maximum, so it reaches the top row, near the middle.
        let dots = topRowDots(LineChart(series: [series]), width: 60)
        #expect(dots.count >= 1)
        #expect(dots.allSatisfy { (25...40).contains($0) }, "\(dots)")
    }

    @Test func theNewestValueIsAlwaysDrawn() {
        var series = LineSeries(name: "loss")
        for i in 0..<100_000 { series.append(x: Double(i), y: 0) }
        series.append(x: 100_000, y: 1)
        // The last point alone reaches the top row, in the plot's last column (the area's
        // last column is the spare one).
        #expect(topRowDots(LineChart(series: [series]), width: 60) == [58])
    }

    @Test func logAxisRangeGrowsByDecades() {
        var range = AxisRange(scale: .log10)
        #expect(range.update(with: 0.01...1) == 0.01...1)
        // Data down to 0.001: one decade lower plus 10% of the three decades spanned.
        let grown = range.update(with: 0.001...1)
        #expect(abs(grown.lowerBound - 0.001 / pow(10, 0.3)) < 1e-12 && grown.upperBound == 1)
    }
}
