/// Where a series first reached a non-finite value.
public struct Divergence: Hashable, Sendable {
    /// The `x` (step) of the first NaN or infinity.
    public var x: Double
    /// The value there: NaN, +inf or -inf.
    public var value: Double

    public init(x: Double, value: Double) {
        self.x = x
        self.value = value
    }
}

/// A named series of a line chart that grows as points arrive.
///
/// Points live in a `SeriesEnvelope`, so appending is O(1), memory is bounded, and a frame
/// costs O(capacity) per series however many points have streamed in. The series ends at
/// its first NaN or infinity: that point is kept as `divergence` and later points are
/// ignored. With `smoothing`, a TensorBoard moving average is kept alongside the raw values.
public struct LineSeries: Sendable {
    public var name: String
    /// Colour of the series; nil takes the chart palette's colour for its position.
    public var color: Color?
    public private(set) var raw: SeriesEnvelope
    /// The smoothed values, when the series was made with a smoothing weight.
    public private(set) var smoothed: SeriesEnvelope?
    public private(set) var divergence: Divergence?
    private var average: ExponentialMovingAverage?

    /// An empty series.
    /// - Parameters:
    ///   - name: shown in the legend.
    ///   - smoothing: TensorBoard smoothing weight in 0...1, or nil for none.
    ///   - color: fixed colour, or nil for the palette's.
    ///   - capacity: buckets kept (see `SeriesEnvelope`).
    public init(name: String, smoothing: Double? = nil, color: Color? = nil, capacity: Int = 1024) {
        self.name = name
        self.color = color
        raw = SeriesEnvelope(capacity: capacity)
        if let smoothing {
            average = ExponentialMovingAverage(weight: smoothing)
            smoothed = SeriesEnvelope(capacity: capacity)
        }
    }

    /// A series of the points (`x[i]`, `y[i]`); extra values of the longer array are ignored.
    public init(
        name: String, x: [Double], y: [Double], smoothing: Double? = nil, color: Color? = nil,
        capacity: Int = 1024
    ) {
        self.init(name: name, smoothing: smoothing, color: color, capacity: capacity)
        for (xi, yi) in zip(x, y) { append(x: xi, y: yi) }
    }

    /// A series of `y` at steps 0, 1, 2, ...
    public init(name: String, y: [Double], smoothing: Double? = nil, color: Color? = nil) {
        self.init(name: name, x: y.indices.map(Double.init), y: y, smoothing: smoothing, color: color)
    }

    /// Appends a point; a non-finite `y` ends the series there, a non-finite `x` is ignored.
    public mutating func append(x: Double, y: Double) {
        guard divergence == nil, x.isFinite else { return }
        guard y.isFinite else {
            divergence = Divergence(x: x, value: y)
            return
        }
        raw.append(x: x, y: y)
        if average != nil {
            let value = average!.next(y)
            smoothed!.append(x: x, y: value)
        }
    }

    /// Points appended before the series ended.
    public var count: Int { raw.count }

    /// The newest finite value.
    public var lastValue: Double? { raw.lastPoint?.y }
}
