import NNCharts
import NNRuns

/// A run's histograms of one tag over time, as a heatmap: one column per recorded step (at
/// most `maxColumns`, evenly picked), one row per bin of the values, coloured by how many
/// values fall in the bin (TensorBoard's "offset" histogram view, seen from above).
///
/// The writer's buckets are spread evenly over the bins they overlap, as TensorBoard
/// re-bins them. A histogram recorded without buckets fills its column between its minimum
/// and maximum, as if its values were spread evenly there.
struct HistogramBand: Sendable {
    /// One recorded histogram.
    struct Column: Sendable {
        var step: Int64
        var min: Double
        var max: Double
        var count: Double
        var limits: [Double]
        var buckets: [Double]
    }

    /// The tag, safe to draw.
    let tag: String
    var columns: [Column] = []

    static let maxColumns = 120

    init(tag: String) { self.tag = tag }

    /// Picks the columns again from every histogram read so far.
    mutating func update(from series: HistogramSeries) {
        let n = series.count
        let picked = n <= Self.maxColumns ? Array(0..<n)
            : (0..<Self.maxColumns).map { $0 * (n - 1) / (Self.maxColumns - 1) }
        columns = picked.map { i in
            Column(step: series.steps[i], min: series.minimums[i], max: series.maximums[i], count: series.counts[i],
                   limits: i < series.bucketLimits.count ? series.bucketLimits[i] : [],
                   buckets: i < series.buckets.count ? series.buckets[i] : [])
        }
    }

    /// The values of each bin (`[row][column]`, the largest values on top) over `span`;
    /// NaN where a bin holds nothing, so that it stays blank.
    func grid(bins: Int, span: ClosedRange<Double>) -> [[Double]] {
        var grid = Array(repeating: Array(repeating: 0.0, count: columns.count), count: bins)
        let map = AxisMap(range: span, scale: .linear, positions: bins)
        /// Where `v` lies in bins from the bottom (fractional).
        func bin(_ v: Double) -> Double { (map.fraction(v) ?? 0) * Double(bins) }
        /// Spreads `count` evenly over the values `low...high`.
        func spread(_ count: Double, _ low: Double, _ high: Double, column: Int) {
            guard count > 0, low.isFinite, high.isFinite, high >= low else { return }
            let a = min(Double(bins), max(0, bin(low))), b = min(Double(bins), max(0, bin(high)))
            if b - a < 1e-12 {
                grid[bins - 1 - min(bins - 1, Int(a))][column] += count
                return
            }
            var edge = a
            while edge < b {
                let k = min(bins - 1, Int(edge))
                let next = min(b, Double(k + 1))
                grid[bins - 1 - k][column] += count * (next - edge) / (b - a)
                edge = next
            }
        }
        for (c, column) in columns.enumerated() {
            guard column.min.isFinite, column.max.isFinite, column.max >= column.min else { continue }
            if column.buckets.isEmpty {
                spread(column.count, column.min, column.max, column: c)
                continue
            }
            var lower = column.min
            for (limit, count) in zip(column.limits, column.buckets) {
                let upper = min(column.max, limit)
                spread(count, min(lower, upper), upper, column: c)
                lower = max(lower, limit)
            }
        }
        return grid.map { $0.map { $0 > 0 ? $0 : .nan } }
    }

    /// The heatmap of the columns, with `bins` rows spanning every finite minimum and maximum.
    func heatmap(title: String, bins: Int, colorMode: ColorMode, dotGrid: DotGrid) -> Heatmap {
        let finite = columns.flatMap { [$0.min, $0.max] }.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max(), let first = columns.first?.step,
            let last = columns.last?.step
        else {
            return Heatmap(title: title, values: [], colorMode: colorMode, dotGrid: dotGrid)
        }
        let span = AxisRange.nonEmpty(low, high, pad: max(0.5, abs(low) * 0.1))
        let xRange = first < last ? Double(first)...Double(last) : Double(first)...Double(first) + 1
        return Heatmap(title: title, values: grid(bins: bins, span: span), xRange: xRange, yRange: span,
                       colorMode: colorMode, dotGrid: dotGrid)
    }
}
