/// One curve, y against x in the order its points came: the one series model from data to chart.
/// A study's curve (x a step, a learning rate, a layer, a position) and a watched log's scalar
/// (x its step, with the wall time of each point) alike.
///
/// The points are kept in columns, no per-point objects. Appended a point at a time (as logs
/// are read), they are compact: integer x as 32-bit distances from the first, y in the precision
/// it came in (32 bits while every value is a float, as TensorBoard's are), wall times as 32-bit
/// offsets from the first; 12 bytes a point for a log of float values, exact for any x and y
/// (a NaN y keeps no payload). Made from arrays (as a study's snapshot makes its curves), they
/// hold the arrays as they are, 64-bit x and y.
public struct Series: Hashable, Sendable {
    /// What the legend shows, e.g. `lr=0.0100`; a log's tag as the log wrote it (raw: sanitize
    /// with `displaySafe` before showing it).
    public var label: String
    /// The parameters of this curve, e.g. `{"lr": 0.01}`.
    public var params: JSONValue
    /// Which panel of the study the curve belongs to (`loss`, `x`, ...); nil for the main one.
    public var panel: String?
    public private(set) var x = XColumn()
    public private(set) var y = ValueColumn()
    /// Seconds since 1970 of a log's points, from the first up to the first without a time:
    /// one for each point when every point has one, none when the format records no time (and
    /// for a study's curve).
    public internal(set) var wallTimes = TimeColumn()
    /// Whether the series is a system metric sampled by the logger (W&B's stats: CPU, memory,
    /// disk, network, GPU), not a value the training logged.
    public internal(set) var isSystemMetric = false
    /// How many times points were removed (replaced by a restarted or repeated step, or cut off
    /// by `removeLast`): a reader that took points before must take them all again.
    public private(set) var removals = 0

    /// A curve of the pairs of `x` and `y` (a longer array's extra values are not points), held
    /// as they are: the arrays are shared, not copied, so a screen can make a series of a
    /// snapshot's arrays on every frame.
    public init(label: String, params: JSONValue = [:], panel: String? = nil, x: [Double] = [], y: [Double] = []) {
        self.label = label
        self.params = params
        self.panel = panel
        let count = Swift.min(x.count, y.count)
        func points(_ values: [Double]) -> [Double] { values.count == count ? values : Array(values.prefix(count)) }
        self.x = XColumn(reals: points(x))
        self.y = ValueColumn(wide: points(y))
    }

    /// Points held.
    public var count: Int { x.count }

    /// The x as integers: a log's steps (see `XColumn.integer(at:)`).
    public var steps: XColumn.Steps { x.steps }

    /// Bytes held for the points (the columns' capacity).
    public var bytes: Int { x.bytes + y.bytes + wallTimes.bytes }

    public mutating func append(x: Double, y: Double) {
        self.x.append(x)
        self.y.append(y)
    }

    /// Appends a logged point (`wallTime` nil when the format records none).
    mutating func append(step: Int64, value: Double, wallTime: Double?) {
        x.append(step: step)
        appendValue(value, wallTime: wallTime)
    }

    /// Appends a logged point if its step lies after the last one's; false, and nothing
    /// appended, otherwise (see `LogRun.appendPreempting`).
    mutating func append(ascending step: Int64, value: Double, wallTime: Double?) -> Bool {
        guard x.append(ascending: step) else { return false }
        appendValue(value, wallTime: wallTime)
        return true
    }

    /// Appends the y and wall time of the point whose x was just appended; the time only while
    /// every earlier point has one, so that `wallTimes[i]` is always point `i`'s.
    @inline(__always)
    private mutating func appendValue(_ value: Double, wallTime: Double?) {
        if let wallTime, wallTimes.count == y.count { wallTimes.append(wallTime) }
        y.append(value)
    }

    /// Removes a log's points at `step` or later (its x are ascending steps); returns how many.
    mutating func removePoints(from step: Int64) -> Int {
        removeLast(count - x.countBelow(step))
    }

    /// Makes room for `count` more points (when a store tells how many are coming).
    mutating func reserveCapacity(adding count: Int, withTimes: Bool) {
        x.reserveCapacity(self.count + count)
        y.reserveCapacity(self.count + count)
        if withTimes { wallTimes.reserveCapacity(self.count + count) }
    }

    /// Gives back the room the columns grew beyond their points (up to as much again, as
    /// arrays double): called once a file was read in bulk, so that a read run holds its
    /// points in 12 bytes each (event files and JSON lines alike), not up to 24.
    mutating func shrink() {
        x.shrink()
        y.shrink()
        wallTimes.shrink()
    }

    /// Removes the last `count` points; returns `count`.
    @discardableResult
    public mutating func removeLast(_ count: Int) -> Int {
        guard count > 0 else { return 0 }
        removals += 1
        x.removeLast(count)
        y.removeLast(count)
        wallTimes.removeLast(Swift.max(0, wallTimes.count - x.count))
        return count
    }

    /// `{"label": ..., "params": {...}, "panel": ..., "x": [...], "y": [...]}`: a study's curve
    /// as `--json` prints it.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("label", .string(label)), ("params", params)]
        if let panel { members.append(("panel", .string(panel))) }
        members.append(("x", JSONValue(x.array)))
        members.append(("y", JSONValue(y.array)))
        return .object(members)
    }
}

extension Series {
    /// A series' points as a chart takes them, a point at a time: x the series' x, or the
    /// seconds from a time origin to each point's wall time.
    public struct Points: Sendable {
        let series: Series
        let timeOrigin: Double?

        public var count: Int { series.count }

        /// The point at `index`, in `0..<count`.
        public func point(at index: Int) -> (x: Double, y: Double) {
            (timeOrigin.map { series.wallTimes[index] - $0 } ?? series.x[index], series.y[index])
        }
    }

    /// The points with x the series' x, or with `timeOrigin` the seconds from it to each point's
    /// wall time (the x when a point has no time).
    public func points(timeOrigin: Double? = nil) -> Points {
        Points(series: self, timeOrigin: wallTimes.count == count ? timeOrigin : nil)
    }
}
