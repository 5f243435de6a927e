/// A curve's points in order of x, as a chart takes them: the one series model from data to
/// chart, read by a study's curves (`Series`) and a watched log's (`ScalarSeries.Points`) alike,
/// and fed into a chart's line a point at a time as the curve grows.
///
/// A protocol over two stores rather than one type, because one store would cost the logs their
/// budget: a study's curves are short and their x any number (a learning rate, a position, a
/// step), so `Series` keeps x and y as `[Double]`; a log's curves run to millions of points, so
/// `ScalarSeries` keeps columns (steps as 32-bit offsets, values in the precision the log wrote
/// them, wall times as 32-bit offsets: 12 to 19 bytes a point). One `[Double]` store for both
/// would take 24 bytes a point for a log's step, value and time, and lose the precision its
/// values were written in, which `watch --json` prints.
public protocol CurvePoints {
    /// Points held.
    var count: Int { get }
    /// The point at `index`, in `0..<count`.
    func point(at index: Int) -> (x: Double, y: Double)
}

extension Series: CurvePoints {
    /// Points held: pairs of `x` and `y` (a longer array's extra values are not points).
    public var count: Int { Swift.min(x.count, y.count) }

    public func point(at index: Int) -> (x: Double, y: Double) { (x[index], y[index]) }
}

extension ScalarSeries {
    /// A scalar series' points with x the step, or the wall time less an origin.
    public struct Points: CurvePoints {
        let series: ScalarSeries
        let timeOrigin: Double?

        public var count: Int { series.count }

        public func point(at index: Int) -> (x: Double, y: Double) {
            let x = timeOrigin.map { series.wallTimes[index] - $0 } ?? Double(series.steps[index])
            return (x, series.values[index])
        }
    }

    /// The points with x the step, or with `timeOrigin` the seconds from it to each point's wall
    /// time (the steps when a point has no time).
    public func points(timeOrigin: Double? = nil) -> Points {
        Points(series: self, timeOrigin: wallTimes.count == count ? timeOrigin : nil)
    }
}
