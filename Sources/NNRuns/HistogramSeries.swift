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
