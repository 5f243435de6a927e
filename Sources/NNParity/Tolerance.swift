/// The agreement rule of the reference files: `|actual - expected| <= atol + rtol * |expected|`.
public struct Tolerance: Sendable, Equatable {
    public var rtol: Double
    public var atol: Double

    public init(rtol: Double, atol: Double) {
        self.rtol = rtol
        self.atol = atol
    }

    /// The reference files' default.
    public static let standard = Tolerance(rtol: 1e-4, atol: 1e-5)

    /// Whether `actual` agrees with `expected` (NaN matches NaN; infinities must be equal).
    public func accepts(expected: Double, actual: Double) -> Bool {
        if expected.isNaN || actual.isNaN { return expected.isNaN && actual.isNaN }
        if expected.isInfinite || actual.isInfinite { return expected == actual }
        return Swift.abs(actual - expected) <= atol + rtol * Swift.abs(expected)
    }
}
