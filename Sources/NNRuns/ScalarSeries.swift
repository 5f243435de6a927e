extension Array where Element: BitwiseCopyable {
    /// Copies the elements to a buffer of their size when more than an eighth of the capacity
    /// is unused (`Array(array)` would share the buffer, and arrays never shrink themselves).
    mutating func shrink() {
        guard capacity - count > count / 8 + 16 else { return }
        self = withUnsafeBufferPointer { Array($0) }
    }
}

/// One scalar curve of a watched run, stored as compact columns (no per-point objects): steps
/// as 32-bit distances from the first, values in the precision the log stored them, wall times
/// as 32-bit offsets from the first; 12 bytes a point for TensorBoard's float32 values.
public struct ScalarSeries: Hashable, Sendable {
    /// The tag as the log wrote it (raw: sanitize with `displaySafe` before showing it).
    public let tag: String
    /// The steps, ascending.
    public internal(set) var steps = StepColumn()
    public internal(set) var values = ValueColumn()
    /// Seconds since 1970 for each point; empty when the format records no time.
    public internal(set) var wallTimes = TimeColumn()
    /// Whether the series is a system metric sampled by the logger (W&B's stats: CPU, memory,
    /// disk, network, GPU), not a value the training logged.
    public internal(set) var isSystemMetric = false
    /// How many times points were removed (replaced by a restarted or repeated step): a reader
    /// that took points before must take them all again.
    public internal(set) var removals = 0

    public init(tag: String) { self.tag = tag }

    public var count: Int { steps.count }

    /// Bytes held for the points (the columns' capacity).
    public var bytes: Int { steps.bytes + values.bytes + wallTimes.bytes }

    mutating func append(step: Int64, value: Double, wallTime: Double?) {
        steps.append(step)
        values.append(value)
        if let wallTime { wallTimes.append(wallTime) }
    }

    /// Makes room for `count` more points (when a store tells how many are coming).
    mutating func reserveCapacity(adding count: Int, withTimes: Bool) {
        steps.reserveCapacity(self.count + count)
        values.reserveCapacity(self.count + count)
        if withTimes { wallTimes.reserveCapacity(self.count + count) }
    }

    /// Gives back the room the columns grew beyond their points (up to as much again, as
    /// arrays double): called once a file was read in bulk, so that a read run holds its
    /// points in 12 bytes each (event files and JSON lines alike), not up to 24.
    mutating func shrink() {
        steps.shrink()
        values.shrink()
        wallTimes.shrink()
    }

    /// Removes the last `count` points; returns `count`.
    mutating func removeLast(_ count: Int) -> Int {
        removals += 1
        steps.removeLast(count)
        values.removeLast(count)
        if !wallTimes.isEmpty { wallTimes.removeLast(count) }
        return count
    }
}

/// The histograms of one tag: per step, the minimum, maximum and count of the values, and
/// the buckets as the writer recorded them.
public struct HistogramSeries: Hashable, Sendable {
    public let tag: String
    public internal(set) var steps: [Int64] = []
    public internal(set) var minimums: [Double] = []
    public internal(set) var maximums: [Double] = []
    public internal(set) var counts: [Double] = []
    public internal(set) var wallTimes: [Double] = []
    /// Per step, the buckets' upper edges (TensorBoard's `bucket_limit`): bucket `k` holds the
    /// values above edge `k - 1` (above the minimum for the first) up to edge `k`. Empty when
    /// the writer recorded no buckets.
    public internal(set) var bucketLimits: [[Double]] = []
    /// Per step, the number of values in each bucket.
    public internal(set) var buckets: [[Double]] = []

    public init(tag: String) { self.tag = tag }

    public var count: Int { steps.count }

    mutating func append(step: Int64, min: Double, max: Double, count: Double, wallTime: Double,
                         bucketLimits: [Double] = [], buckets: [Double] = []) {
        steps.append(step)
        minimums.append(min)
        maximums.append(max)
        counts.append(count)
        wallTimes.append(wallTime)
        self.bucketLimits.append(bucketLimits)
        self.buckets.append(buckets)
    }

    /// Removes the histograms whose step satisfies `drop`; returns how many were removed.
    mutating func removePoints(where drop: (Int64) -> Bool) -> Int {
        var kept = 0
        for i in steps.indices where !drop(steps[i]) {
            steps[kept] = steps[i]
            minimums[kept] = minimums[i]
            maximums[kept] = maximums[i]
            counts[kept] = counts[i]
            wallTimes[kept] = wallTimes[i]
            bucketLimits[kept] = bucketLimits[i]
            buckets[kept] = buckets[i]
            kept += 1
        }
        let dropped = steps.count - kept
        steps.removeLast(dropped)
        minimums.removeLast(dropped)
        maximums.removeLast(dropped)
        counts.removeLast(dropped)
        wallTimes.removeLast(dropped)
        bucketLimits.removeLast(dropped)
        buckets.removeLast(dropped)
        return dropped
    }
}
