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
/// bit for bit: a comparison of memory, far cheaper than appending them again. Either way the line
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
        var fed: FedLine
        /// The curve's columns as they were taken (shared with the snapshot, not copied).
        var x: XColumn
        var y: ValueColumn
        var smoothing: Double?
        var end: Double?
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
        let count = series.count
        let (x, y) = (series.x, series.y)
        if var entry = entries[key], entry.smoothing == smoothing, entry.end == end,
           entry.fed.taken <= count, x.hasPrefix(entry.x), y.hasPrefix(entry.y),
           end == nil || entry.fed.reachedEnd || entry.fed.taken == count
        {
            // Past the end nothing more is drawn; before it, the cross must stay the line's last point.
            if end == nil { entry.fed.take(series.points()) }
            (entry.x, entry.y) = (x, y)
            feeds += 1
            entries[key] = entry
            return entry.fed.line
        }
        let fed = Self.build(series, smoothing: smoothing, end: end)
        entries[key] = Entry(fed: fed, x: x, y: y, smoothing: smoothing, end: end)
        rebuilds += 1
        return fed.line
    }

    /// Forgets the series past `counts` (the series of each panel drawn): panels and series
    /// that are gone.
    func keep(seriesCounts counts: [Int]) {
        entries = entries.filter { key, _ in counts.indices.contains(key.panel) && key.series < counts[key.panel] }
    }

    /// The line of `series` built from its first point: what `line(panel:series:of:...)` holds.
    static func build(_ series: Series, smoothing: Double?, end: Double?) -> FedLine {
        var fed = FedLine(LineSeries(name: series.label, smoothing: smoothing))
        fed.take(series.points(), before: end)
        // The step the study found the series diverged: the line ends there with a cross.
        if let end { fed.line.append(x: end, y: .infinity) }
        return fed
    }
}
