/// An axis range that follows live data without jumping every frame.
///
/// Keep one between frames and feed it each frame's data range: it grows at once (with
/// some headroom, so a rising curve does not re-scale every frame) and shrinks only when
/// the data use less than `shrinkBelow` of it. Works on the axis's scale, so a log axis
/// grows by decades' fractions, not by absolute amounts.
public struct AxisRange: Hashable, Sendable {
    /// The range shown now; nil before any data.
    public private(set) var bounds: ClosedRange<Double>?
    public var scale: Scale
    /// Fraction of the data span added beyond the side that grew.
    public var headroom: Double
    /// Fraction of the shown span the data must fill for the range to stay.
    public var shrinkBelow: Double

    public init(scale: Scale = .linear, headroom: Double = 0.1, shrinkBelow: Double = 0.5) {
        self.scale = scale
        self.headroom = headroom
        self.shrinkBelow = shrinkBelow
    }

    /// Takes this frame's data range and returns the range to show.
    @discardableResult
    public mutating func update(with data: ClosedRange<Double>) -> ClosedRange<Double> {
        guard let low = scale.transform(data.lowerBound), let high = scale.transform(data.upperBound)
        else { return bounds ?? data }
        let difference = high - low
        let span = max(difference.isFinite ? difference : .greatestFiniteMagnitude, abs(high) * 1e-9, 1e-12)
        guard let current = bounds, let shownLow = scale.transform(current.lowerBound),
            let shownHigh = scale.transform(current.upperBound)
        else {
            bounds = data
            return data
        }
        var newLow = shownLow, newHigh = shownHigh
        if low < shownLow { newLow = low - headroom * span }
        if high > shownHigh { newHigh = high + headroom * span }
        if (high - low) < shrinkBelow * (newHigh - newLow) {
            newLow = low - headroom * span / 2
            newHigh = high + headroom * span / 2
        }
        let finite = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
        let lower = scale.inverse(newLow.clamped(to: finite)).clamped(to: finite)
        let upper = scale.inverse(newHigh.clamped(to: finite)).clamped(to: finite)
        let result = lower...max(lower, upper)
        bounds = result
        return result
    }

    /// Forgets the range, so the next update fits the data exactly.
    public mutating func reset() { bounds = nil }

    /// `low...high`, or when it holds a single value, that value `pad` either side: within
    /// the finite numbers, and at least the neighbouring Doubles (a pad too small to change
    /// the value, as 0.5 beside 1e308, would leave the range empty).
    public static func nonEmpty(_ low: Double, _ high: Double, pad: Double) -> ClosedRange<Double> {
        guard high <= low else { return low...high }
        var lower = max(low - pad, -.greatestFiniteMagnitude), upper = min(high + pad, .greatestFiniteMagnitude)
        if lower == low { lower = low.nextDown.isFinite ? low.nextDown : low }
        if upper == high { upper = high.nextUp.isFinite ? high.nextUp : high }
        return lower...max(upper, lower)
    }
}

extension Double {
    /// The value limited to `range`.
    fileprivate func clamped(to range: ClosedRange<Double>) -> Double {
        Swift.min(range.upperBound, Swift.max(range.lowerBound, self))
    }
}
