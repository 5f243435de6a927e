import Foundation

/// How an axis maps values to positions: evenly, or evenly in powers of ten.
public enum Scale: String, CaseIterable, Hashable, Sendable {
    case linear
    case log10

    /// The value in the axis's own coordinate: itself, or its base-10 logarithm
    /// (nil for values the scale cannot show: non-finite, or not positive on a log axis).
    @inline(__always)
    public func transform(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch self {
        case .linear: return value
        case .log10: return value > 0 ? Foundation.log10(value) : nil
        }
    }

    /// The inverse of `transform`.
    @inline(__always)
    public func inverse(_ t: Double) -> Double {
        switch self {
        case .linear: t
        case .log10: pow(10, t)
        }
    }
}
