import Foundation
import NNCharts
import NNTestSupport
import Testing

/// The y range a chart fits, checked against the rule worked out here bucket by bucket from
/// each series' public buckets: the series shown (raw and smoothed), the buckets reaching into
/// the x range shown, on a linear or log axis, with and without the outliers.
@Suite struct YDataRangeTests {
    /// The rule, written plainly: what `yDataRange` must answer for `chart`.
    private func expected(_ chart: LineChart) -> ClosedRange<Double>? {
        guard let xr = chart.shownXRange else { return nil }
        let scale = chart.yAxis.scale
        var buckets: [SeriesEnvelope.Bucket] = []
        for s in chart.series where !s.isHidden {
            for envelope in [s.raw] + (s.smoothed.map { [$0] } ?? []) {
                buckets += envelope.buckets.filter { $0.lastX >= xr.lowerBound && $0.firstX <= xr.upperBound }
            }
        }
        if chart.yAxis.ignoresOutliers {
            let values = buckets.flatMap { $0.count > 1 ? [$0.min, $0.max] : [$0.min] }.compactMap(scale.transform)
            return Self.withoutOutliers(values).map { scale.inverse($0.lowerBound)...scale.inverse($0.upperBound) }
        }
        let shown = buckets.flatMap { b in
            scale == .linear || b.min > 0 ? [b.min, b.max] : [b.first, b.last, b.max].filter { $0 > 0 }
        }
        guard let low = shown.min(), let high = shown.max() else { return nil }
        return low...high
    }

    /// The span of `values` inside the fence around their 5th and 95th percentiles (NumPy's
    /// linear interpolation), found by sorting; the percentiles' span when none is inside.
    static func withoutOutliers(_ values: [Double]) -> ClosedRange<Double>? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        func percentile(_ q: Double) -> Double {
            let position = q * Double(sorted.count - 1), i = Int(position)
            return i + 1 < sorted.count ? sorted[i] + (position - Double(i)) * (sorted[i + 1] - sorted[i]) : sorted[i]
        }
        let p5 = percentile(0.05), p95 = percentile(0.95)
        let fence = (p5 - (p95 - p5))...(p95 + (p95 - p5))
        let inside = sorted.filter(fence.contains)
        return inside.isEmpty ? p5...p95 : inside.first!...inside.last!
    }

    /// Seeded random charts: up to six series of up to 3000 points in envelopes of 8 to 64
    /// buckets (so that buckets hold many points), some hidden, some smoothed, values of either
    /// sign with spikes and gaps, on both scales, whole or zoomed in x.
    @Test func theRangeFollowsTheBucketsShown() {
        var random = SeededRandom("y data range", seed: 0x7D47_2026)
        for trial in 0..<400 {
            let capacity = [8, 16, 64].randomElement(using: &random)!
            let smoothing: Double? = Bool.random(using: &random) ? 0.6 : nil
            let series: [LineSeries] = (0..<Int.random(in: 1...6, using: &random)).map { k in
                var s = LineSeries(name: "s\(k)", smoothing: smoothing, capacity: capacity, nonFinite: .marked)
                let count = Int.random(in: 0...3000, using: &random)
                let offset = Double.random(in: -2...3, using: &random)
                for i in 0..<count {
                    let y: Double = switch Int.random(in: 0..<200, using: &random) {
                    case 0: .nan
                    case 1: Double.random(in: -1e6...1e6, using: &random)
                    default: offset + Double.random(in: 0...1, using: &random) / (1 + Double(i) / 100)
                    }
                    s.append(x: Double(i), y: y)
                }
                s.isHidden = Int.random(in: 0..<5, using: &random) == 0
                return s
            }
            var chart = LineChart(series: series)
            chart.yAxis = Axis(scale: Bool.random(using: &random) ? .log10 : .linear,
                               ignoresOutliers: Bool.random(using: &random))
            if Bool.random(using: &random) {
                let lower = Double.random(in: 0..<0.9, using: &random)
                chart.xWindow = XWindow(lower: lower, upper: Double.random(in: lower...1, using: &random))
            }
            #expect(chart.yDataRange == expected(chart),
                    "trial \(trial): \(chart.yAxis.scale), outliers ignored \(chart.yAxis.ignoresOutliers)")
        }
    }
}
