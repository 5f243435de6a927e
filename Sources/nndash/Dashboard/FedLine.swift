import NNCharts
import NNRuns

/// A chart's line of one curve, fed only the points the curve gained since it was last fed:
/// how both a study's curves (`LineFeed`) and a watched log's (`WatchCurves`) reach their charts,
/// so a frame costs the new points, not the whole curve.
struct FedLine: Sendable {
    var line: LineSeries
    /// Points of the curve taken so far.
    private(set) var taken = 0
    /// Whether a point at or past the `end` given to `take` was met: no later point is taken.
    private(set) var reachedEnd = false

    init(_ line: LineSeries) { self.line = line }

    /// Appends the points of `curve` not taken yet, stopping at the first at or past `end`.
    mutating func take(_ curve: Series.Points, before end: Double? = nil) {
        let count = curve.count
        guard !reachedEnd, taken < count else { return }
        for i in taken..<count {
            let (x, y) = curve.point(at: i)
            if let end, x >= end {
                reachedEnd = true
                break
            }
            line.append(x: x, y: y)
        }
        taken = count
    }
}
