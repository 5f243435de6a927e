import NNCharts
import NNRuns

/// A run's histograms of one tag over time, as a heatmap: one column per recorded step
/// (at most `maxColumns`, evenly picked), each filled between that step's minimum and
/// maximum and coloured by the density the count would have if spread evenly there.
///
/// Readers keep each histogram's minimum, maximum and count, not its buckets, so the map
/// shows how the distribution's span moves, not its shape.
struct HistogramBand {
    /// The tag, safe to draw.
    let tag: String
    private(set) var steps: [Int64] = []
    private(set) var minimums: [Double] = []
    private(set) var maximums: [Double] = []
    private(set) var counts: [Double] = []

    static let maxColumns = 120

    init(tag: String) { self.tag = tag }

    /// Picks the columns again from every histogram read so far.
    mutating func update(from series: HistogramSeries) {
        let n = series.count
        let picked = n <= Self.maxColumns ? Array(0..<n)
            : (0..<Self.maxColumns).map { $0 * (n - 1) / (Self.maxColumns - 1) }
        steps = picked.map { series.steps[$0] }
        minimums = picked.map { series.minimums[$0] }
        maximums = picked.map { series.maximums[$0] }
        counts = picked.map { series.counts[$0] }
    }

    /// The heatmap of the columns, with `bins` rows spanning every finite minimum and maximum.
    func heatmap(title: String, bins: Int, colorMode: ColorMode, marker: Marker) -> Heatmap {
        let finite = (minimums + maximums).filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max(), let first = steps.first, let last = steps.last else {
            return Heatmap(title: title, values: [], colorMode: colorMode, marker: marker)
        }
        let span = high > low ? low...high : (low - 0.5)...(high + 0.5)
        let width = (span.upperBound - span.lowerBound) / Double(bins)
        var grid = Array(repeating: Array(repeating: Double.nan, count: steps.count), count: bins)
        for column in steps.indices {
            let lo = minimums[column], hi = maximums[column]
            guard lo.isFinite, hi.isFinite, hi >= lo else { continue }
            let bottom = min(bins - 1, Int((lo - span.lowerBound) / width))
            let top = min(bins - 1, Int((hi - span.lowerBound) / width))
            let density = counts[column] / Double(top - bottom + 1)
            for bin in bottom...top { grid[bins - 1 - bin][column] = density }
        }
        let xRange = first < last ? Double(first)...Double(last) : Double(first)...Double(first) + 1
        return Heatmap(title: title, values: grid, xRange: xRange, yRange: span, colorMode: colorMode, marker: marker)
    }
}
