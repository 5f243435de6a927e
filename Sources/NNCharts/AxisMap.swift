/// Maps the values of an axis range to positions, exactly enough for every finite Double.
///
/// The range's ends (in the scale's coordinate) are first multiplied by a power of two that
/// brings the larger of them near 1. That is exact, so a range of subnormal numbers
/// (`0...5e-324`) keeps its resolution and a range across the whole Double line
/// (`-1e308...1e308`) gets a finite span; positions are therefore never NaN or infinite.
public struct AxisMap: Sendable {
    public let range: ClosedRange<Double>
    public let scale: Scale
    /// Positions along the axis: values map to `0...positions - 1`.
    public let positions: Int
    /// Whether the largest value maps to position 0 (a y axis, drawn top down).
    public let flipped: Bool
    private let unit: Double
    private let low: Double
    /// The range's length in units (0 for an empty range), and positions per unit.
    private let span: Double
    private let factor: Double

    /// - Parameters:
    ///   - range: the values shown, lowest to highest.
    ///   - scale: linear or log10.
    ///   - positions: how many positions (dots, cells) the axis has.
    ///   - flipped: whether the highest value goes to position 0.
    public init(range: ClosedRange<Double>, scale: Scale, positions: Int, flipped: Bool = false) {
        self.range = range
        self.scale = scale
        self.positions = positions
        self.flipped = flipped
        let a = scale.transform(range.lowerBound) ?? 0
        let b = scale.transform(range.upperBound) ?? a + 1
        unit = Self.unit(for: Swift.max(abs(a), abs(b)))
        low = a * unit
        let high = b * unit
        span = high > low ? high - low : 0
        factor = span > 0 ? Double(Swift.max(0, positions - 1)) / span : 0
    }

    /// A power of two that brings `magnitude` to between 1 and 2 (within Double's exponents).
    static func unit(for magnitude: Double) -> Double {
        guard magnitude.isFinite, magnitude > 0 else { return 1 }
        let exponent = Swift.min(1023, Swift.max(-1022, -Int(magnitude.exponent)))
        return Double(sign: .plus, exponent: exponent, significand: 1)
    }

    /// How far `value` lies along the range: 0 at its lower end, 1 at its upper end (not
    /// flipped), unbounded beyond them; nil for values the scale cannot show.
    @inline(__always)
    public func fraction(_ value: Double) -> Double? {
        guard let t = scale.transform(value) else { return nil }
        guard span > 0 else { return 0.5 }
        let f = (t * unit - low) / span
        return f.isNaN ? 0.5 : f
    }

    /// The position of `value` (fractional), far outside `0..<positions` for values the scale
    /// cannot show, and limited to a few axis lengths away so that clipping stays exact.
    @inline(__always)
    public func position(_ value: Double) -> Double {
        let limit = Double(4 * positions + 8)
        guard let t = scale.transform(value) else { return flipped ? limit : -limit }
        var d = span > 0 ? (t * unit - low) * factor : Double(positions - 1) / 2
        if d.isNaN { d = 0 }
        let p = flipped ? Double(positions - 1) - d : d
        return Swift.min(limit, Swift.max(-limit, p))
    }

    /// The whole position (cell, bin) of `value` when `range` is split into `positions`
    /// equal parts edge to edge, clamped to `0..<positions`; nil for values the scale
    /// cannot show. The upper end belongs to the last part.
    public func bin(_ value: Double) -> Int? {
        guard let f = fraction(value) else { return nil }
        let g = flipped ? 1 - f : f
        let scaled = Swift.min(Double(positions), Swift.max(-1, g * Double(positions)))
        return Swift.min(positions - 1, Swift.max(0, Int(scaled.rounded(.down))))
    }
}
