import Foundation
import NNCharts
import NNRuns

/// The line series of a dashboard's charts kept from one frame to the next, each fed only the
/// points its curve gained since, as the watched logs' curves are (`WatchCurves`), so that a
/// frame does not rebuild every curve from its whole arrays.
///
/// A series is built again from its first point when anything that changes the whole line
/// changed: its smoothing, the step the study found it diverged at, or its points other than
/// by growing (a new run in its place, replay stepping back, a curve the study recomputed).
/// Growth is told from replacement by comparing the points taken with the curve's first ones,
/// bit for bit: a copy of memory, far cheaper than appending them again. Either way the line
/// holds exactly what a series built from the whole curve would (`LineFeed.build`).
///
/// Used by one dashboard on the main queue; not `Sendable`.
final class LineFeed {
    /// One panel's series, by index.
    private struct Key: Hashable {
        var panel: Int
        var series: Int
    }

    private struct Entry {
        var line: LineSeries
        /// The curve's arrays as they were taken (shared with the snapshot, not copied).
        var x: [Double]
        var y: [Double]
        var smoothing: Double?
        var end: Double?
        /// Whether a point at or past `end` was met: no later point is drawn.
        var reachedEnd: Bool
    }

    private var entries: [Key: Entry] = [:]
    /// How many series were built from their first point, and how many only fed new points:
    /// what tests read to tell which way a frame took.
    private(set) var rebuilds = 0
    private(set) var feeds = 0

    init() {}

    /// The line of series `index` of panel `panel`, holding `series`' points.
    /// - Parameters:
    ///   - smoothing: the TensorBoard smoothing weight, nil for none.
    ///   - end: the step the study found the series diverged at: points from it on are left
    ///     out and the line ends there with a cross.
    func line(panel: Int, series index: Int, of series: Series, smoothing: Double?, end: Double?) -> LineSeries {
        let key = Key(panel: panel, series: index)
        let count = min(series.x.count, series.y.count)
        if var entry = entries[key], entry.smoothing == smoothing, entry.end == end,
           entry.x.count <= count, entry.y.count == entry.x.count,
           Self.samePrefix(entry.x, of: series.x), Self.samePrefix(entry.y, of: series.y),
           end == nil || entry.reachedEnd || entry.x.count == count
        {
            if end == nil {
                for i in entry.x.count..<count { entry.line.append(x: series.x[i], y: series.y[i]) }
            }
            entry.x = count == series.x.count ? series.x : Array(series.x.prefix(count))
            entry.y = count == series.y.count ? series.y : Array(series.y.prefix(count))
            feeds += 1
            entries[key] = entry
            return entry.line
        }
        let (line, reachedEnd) = Self.build(series, smoothing: smoothing, end: end)
        entries[key] = Entry(line: line,
                             x: count == series.x.count ? series.x : Array(series.x.prefix(count)),
                             y: count == series.y.count ? series.y : Array(series.y.prefix(count)),
                             smoothing: smoothing, end: end, reachedEnd: reachedEnd)
        rebuilds += 1
        return line
    }

    /// Forgets the series past `counts` (the series of each panel drawn): panels and series
    /// that are gone.
    func keep(seriesCounts counts: [Int]) {
        entries = entries.filter { key, _ in counts.indices.contains(key.panel) && key.series < counts[key.panel] }
    }

    /// The line of `series` built from its first point: what `line(panel:series:of:...)` holds.
    /// - Returns: the line, and whether a point at or past `end` was met.
    static func build(_ series: Series, smoothing: Double?, end: Double?) -> (line: LineSeries, reachedEnd: Bool) {
        var line = LineSeries(name: series.label, smoothing: smoothing)
        var reachedEnd = false
        for (x, y) in zip(series.x, series.y) {
            if let end, x >= end {
                reachedEnd = true
                break
            }
            line.append(x: x, y: y)
        }
        // The step the study found the series diverged: the line ends there with a cross.
        if let end { line.append(x: end, y: .infinity) }
        return (line, reachedEnd)
    }

    /// Whether `prefix` holds the same bits as the first values of `values`.
    private static func samePrefix(_ prefix: [Double], of values: [Double]) -> Bool {
        guard prefix.count <= values.count else { return false }
        return prefix.withUnsafeBytes { a in
            values.withUnsafeBytes { b in
                a.baseAddress == b.baseAddress || a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
            }
        }
    }
}
