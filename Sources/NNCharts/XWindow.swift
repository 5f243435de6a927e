/// The part of a chart's x range that is shown, as fractions of it on the axis's scale: the
/// whole range is `0...1`, the second quarter `0.25...0.5`. Kept as fractions, a zoomed chart
/// of a live run still shows the same part of it as the run grows.
public struct XWindow: Hashable, Sendable {
    public private(set) var lower: Double
    public private(set) var upper: Double

    /// The narrowest window: a millionth of the range.
    public static let minimumWidth = 1e-6
    public static let whole = XWindow(lower: 0, upper: 1)

    /// `lower...upper` kept within `0...1` and at least `minimumWidth` wide.
    public init(lower: Double, upper: Double) {
        let width = min(1, max(Self.minimumWidth, upper - lower))
        let low = min(max(0, lower), 1 - width)
        self.lower = low
        self.upper = low + width
    }

    public var isWhole: Bool { lower <= 0 && upper >= 1 }
    public var width: Double { upper - lower }

    /// The window `factor` times as wide (below 1 zooms in), the point at `anchor` (a fraction
    /// of this window: 0 its left edge, 1 its right) staying where it is.
    public func zoomed(by factor: Double, around anchor: Double = 0.5) -> XWindow {
        let anchor = min(1, max(0, anchor))
        let at = lower + anchor * width
        let newWidth = min(1, max(Self.minimumWidth, width * factor))
        return XWindow(lower: at - anchor * newWidth, upper: at - anchor * newWidth + newWidth)
    }

    /// The window moved by `fraction` of its width (negative to the left), stopping at the ends.
    public func panned(by fraction: Double) -> XWindow {
        XWindow(lower: lower + fraction * width, upper: upper + fraction * width)
    }

    /// The values shown of `range` on `scale`: the same fractions of it in the scale's coordinate.
    public func limits(of range: ClosedRange<Double>, scale: Scale) -> ClosedRange<Double> {
        guard !isWhole, let a = scale.transform(range.lowerBound), let b = scale.transform(range.upperBound), b > a
        else { return range }
        let low = scale.inverse(a + lower * (b - a)), high = scale.inverse(a + upper * (b - a))
        return low < high ? low...high : range
    }
}
