import NNText

/// One axis of a chart: its title, scale, and how its range is chosen.
public struct Axis: Hashable, Sendable {
    public var title: String
    public var scale: Scale
    /// Fixed lower end; nil fits the data.
    public var lowerLimit: Double?
    /// Fixed upper end; nil fits the data.
    public var upperLimit: Double?
    /// Fit the 5th to 95th percentile of the values instead of all of them (TensorBoard's
    /// "ignore outliers in chart scaling"); points outside are clipped at the edge.
    public var ignoresOutliers: Bool
    /// Whether the values are fractions shown as percentages (0.583 as `58.3%`) in the tick
    /// labels and the legend, to match the same numbers printed as percentages beside.
    public var showsPercent: Bool
    /// Whether the values are whole numbers (steps): ticks fall on whole numbers only.
    public var wholeNumbers: Bool

    public init(
        title: String = "", scale: Scale = .linear, lowerLimit: Double? = nil,
        upperLimit: Double? = nil, ignoresOutliers: Bool = false, showsPercent: Bool = false, wholeNumbers: Bool = false
    ) {
        self.title = title
        self.scale = scale
        self.lowerLimit = lowerLimit
        self.upperLimit = upperLimit
        self.ignoresOutliers = ignoresOutliers
        self.showsPercent = showsPercent
        self.wholeNumbers = wholeNumbers
    }

    /// `value` as this axis writes it in a legend.
    public func text(_ value: Double) -> String {
        showsPercent ? NumberFormat.percent(value) : NumberFormat.short(value)
    }

    /// Fixes both ends to `range` (or frees them with nil), e.g. from an `AxisRange`.
    public mutating func setLimits(_ range: ClosedRange<Double>?) {
        lowerLimit = range?.lowerBound
        upperLimit = range?.upperBound
    }
}
