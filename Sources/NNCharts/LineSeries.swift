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
/// costs O(capacity) per series however many points have streamed in. What a NaN or
/// infinity does depends on `nonFinite`: a study's series ends at its first one (kept as
/// `divergence`, later points ignored); a logged series marks each where it happened and
/// its line resumes after it. With `smoothing`, a TensorBoard moving average is kept
/// alongside the raw values.
public struct LineSeries: Sendable {
    /// What a non-finite value does to the series.
    public enum NonFinite: Sendable {
        /// It ends the series, as a diverged training run ends.
        case ends
        /// It is marked at its `x` (NaN on the x axis, ±inf at the plot's top or bottom
        /// edge) and the line breaks there, resuming at the next finite value.
        case marked
    }

    /// How the points are drawn.
    public enum Style: Sendable {
        /// Consecutive points joined by lines.
        case line
        /// Each point on its own, as the series' glyph in the cell of its value (measured
        /// data beside the lines fitted to it).
        case points
    }

    /// The kinds of non-finite value a `.marked` series keeps.
    public enum Mark: CaseIterable, Sendable {
        case nan, infinity, negativeInfinity

        init?(_ value: Double) {
            if value.isNaN { self = .nan } else if value == .infinity { self = .infinity }
            else if value == -.infinity { self = .negativeInfinity } else { return nil }
        }

        /// The marker drawn at the value's `x`.
        public func glyph(ascii: Bool) -> Character {
            switch self {
            case .nan: ascii ? "X" : "✕"
            case .infinity: ascii ? "^" : "▲"
            case .negativeInfinity: ascii ? "v" : "▼"
            }
        }

        /// The value's name, as the legend counts them.
        public var name: String {
            switch self {
            case .nan: "NaN"
            case .infinity: "inf"
            case .negativeInfinity: "-inf"
            }
        }
    }

    public var name: String
    /// Colour of the series; nil takes the chart palette's colour for its position.
    public var color: Color?
    public var style: Style
    /// The key that shows and hides the series, written before its legend entry.
    public var key: Character?
    /// Whether the series is hidden: its legend entry stays, dimmed and marked, and it is not
    /// drawn or counted in the axes' ranges.
    public var isHidden = false
    /// Whether the line is background: drawn dim and under the other lines (the data the
    /// others are averages or fits of), so it does not tangle with them.
    public var isBackground = false
    public let nonFinite: NonFinite
    public private(set) var raw: SeriesEnvelope
    /// The smoothed values, when the series was made with a smoothing weight.
    public private(set) var smoothed: SeriesEnvelope?
    public private(set) var divergence: Divergence?
    /// With `.marked`: the `x` of every non-finite value met, by kind, in bounded envelopes.
    public private(set) var marks: [Mark: SeriesEnvelope] = [:]
    /// The newest point appended and kept, whatever its value: the series' "last".
    public private(set) var newest: (x: Double, y: Double)?
    private var average: ExponentialMovingAverage?
    private let capacity: Int

    /// An empty series.
    /// - Parameters:
    ///   - name: shown in the legend.
    ///   - smoothing: TensorBoard smoothing weight in 0...1, or nil for none.
    ///   - color: fixed colour, or nil for the palette's.
    ///   - capacity: buckets kept (see `SeriesEnvelope`).
    ///   - style: lines or points.
    ///   - nonFinite: whether a NaN or infinity ends the series or is marked.
    public init(
        name: String, smoothing: Double? = nil, color: Color? = nil, capacity: Int = 1024,
        style: Style = .line, nonFinite: NonFinite = .ends
    ) {
        self.name = name
        self.color = color
        self.style = style
        self.nonFinite = nonFinite
        self.capacity = capacity
        raw = SeriesEnvelope(capacity: capacity)
        if let smoothing {
            average = ExponentialMovingAverage(weight: smoothing)
            smoothed = SeriesEnvelope(capacity: capacity)
        }
    }

    /// A series of the points (`x[i]`, `y[i]`); extra values of the longer array are ignored.
    public init(
        name: String, x: [Double], y: [Double], smoothing: Double? = nil, color: Color? = nil,
        capacity: Int = 1024, style: Style = .line, nonFinite: NonFinite = .ends
    ) {
        self.init(name: name, smoothing: smoothing, color: color, capacity: capacity, style: style,
                  nonFinite: nonFinite)
        for (xi, yi) in zip(x, y) { append(x: xi, y: yi) }
    }

    /// A series of `y` at steps 0, 1, 2, ...
    public init(name: String, y: [Double], smoothing: Double? = nil, color: Color? = nil) {
        self.init(name: name, x: y.indices.map(Double.init), y: y, smoothing: smoothing, color: color)
    }

    /// Appends a point. A non-finite `y` ends the series or is marked (see `nonFinite`); a
    /// non-finite `x` is ignored.
    public mutating func append(x: Double, y: Double) {
        guard divergence == nil, x.isFinite else { return }
        guard y.isFinite else {
            switch nonFinite {
            case .ends: divergence = Divergence(x: x, value: y)
            case .marked:
                guard let mark = Mark(y) else { return }
                marks[mark, default: SeriesEnvelope(capacity: capacity)].append(x: x, y: 0)
                raw.breakLine()
                smoothed?.breakLine()
                newest = (x, y)
            }
            return
        }
        raw.append(x: x, y: y)
        newest = (x, y)
        if average != nil {
            let value = average!.next(y)
            smoothed!.append(x: x, y: value)
        }
    }

    /// Points appended before the series ended.
    public var count: Int { raw.count }

    /// The newest finite value.
    public var lastValue: Double? { raw.lastPoint?.y }

    /// How many non-finite values of each kind were marked, in `Mark.allCases` order.
    public var markCounts: [(mark: Mark, count: Int)] {
        Mark.allCases.compactMap { mark in marks[mark].map { (mark, $0.count) } }
    }
}
