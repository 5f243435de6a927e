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
        let span = max(high - low, abs(high) * 1e-9, 1e-12)
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
        let result = scale.inverse(newLow)...scale.inverse(newHigh)
        bounds = result
        return result
    }

    /// Forgets the range, so the next update fits the data exactly.
    public mutating func reset() { bounds = nil }
}
