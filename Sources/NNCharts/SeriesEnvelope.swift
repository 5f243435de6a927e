/// A series' points kept as a bounded number of buckets, each holding the first, last,
/// lowest and highest value of a run of consecutive points.
///
/// Points arrive in order of `x`. While fewer than `capacity` buckets are full each holds
/// one point, so small series are kept exactly. When the buckets fill up, neighbouring pairs
/// merge and each bucket then holds twice as many points (a multi-resolution min/max
/// envelope, as in M4 aggregation: Jugel et al., "M4: A Visualization-Oriented Time Series
/// Data Aggregation", VLDB 2014). Spikes survive merging because extremes are kept, the
/// newest point is always the last bucket's last value, and memory stays `O(capacity)`
/// however long the series streams.
public struct SeriesEnvelope: Hashable, Sendable {
    /// A run of consecutive points.
    public struct Bucket: Hashable, Sendable {
        public var firstX: Double
        public var lastX: Double
        public var first: Double
        public var last: Double
        public var min: Double
        public var max: Double
        public var count: Int
        /// Whether a gap (a non-finite value) lies just before this bucket's first point, so
        /// that no line joins it to the bucket before.
        public var startsSegment = false

        init(x: Double, y: Double) {
            firstX = x
            lastX = x
            first = y
            last = y
            min = y
            max = y
            count = 1
        }

        mutating func absorb(_ other: Bucket) {
            lastX = other.lastX
            last = other.last
            min = Swift.min(min, other.min)
            max = Swift.max(max, other.max)
            count += other.count
        }
    }

    /// Full buckets kept before neighbouring pairs merge (even, at least 2).
    public let capacity: Int
    /// Points each full bucket holds now: 1, then doubling at each merge.
    public private(set) var pointsPerBucket = 1
    /// Points appended so far.
    public private(set) var count = 0
    private(set) var full: [Bucket] = []
    private(set) var open: Bucket?
    private var lowest = Double.infinity
    private var highest = -Double.infinity
    /// Whether the next point starts a new segment.
    private var gapPending = false

    public init(capacity: Int = 1024) {
        self.capacity = max(2, capacity + capacity % 2)
        full.reserveCapacity(self.capacity)
    }

    /// Appends one point. `x` below the previous point's is taken as the previous `x`
    /// (the envelope keeps points in order); non-finite values belong to the caller.
    public mutating func append(x: Double, y: Double) {
        let x = Swift.max(x, open?.lastX ?? full.last?.lastX ?? x)
        count += 1
        lowest = Swift.min(lowest, y)
        highest = Swift.max(highest, y)
        if open == nil {
            open = Bucket(x: x, y: y)
            open!.startsSegment = gapPending && count > 1
        } else {
            // A gap inside a bucket of several points is narrower than anything drawn.
            open!.absorb(Bucket(x: x, y: y))
        }
        gapPending = false
        if open!.count >= pointsPerBucket {
            full.append(open!)
            open = nil
            if full.count >= capacity { mergePairs() }
        }
    }

    /// Marks a gap: the next point starts a new segment, not joined to the points before.
    public mutating func breakLine() { gapPending = true }

    /// The buckets in order of `x`, the partly filled newest one last.
    public var buckets: [Bucket] {
        if let open { return full + [open] }
        return full
    }

    /// Calls `body` with each bucket in order, without copying them.
    @inline(__always)
    public func forEachBucket(_ body: (Bucket) -> Void) {
        for bucket in full { body(bucket) }
        if let open { body(open) }
    }

    /// Buckets held (at most `capacity + 1`).
    public var bucketCount: Int { full.count + (open == nil ? 0 : 1) }

    /// The first and the newest point.
    public var firstPoint: (x: Double, y: Double)? {
        (full.first ?? open).map { ($0.firstX, $0.first) }
    }
    public var lastPoint: (x: Double, y: Double)? {
        (open ?? full.last).map { ($0.lastX, $0.last) }
    }

    /// Lowest and highest value over all points (kept as points arrive: O(1)).
    public var valueRange: ClosedRange<Double>? {
        lowest <= highest ? lowest...highest : nil
    }

    private mutating func mergePairs() {
        let pairs = full.count / 2
        for i in 0..<pairs {
            var merged = full[2 * i]
            merged.absorb(full[2 * i + 1])
            full[i] = merged
        }
        full.removeLast(full.count - pairs)
        pointsPerBucket *= 2
    }
}
