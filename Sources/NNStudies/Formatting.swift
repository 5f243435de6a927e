import Foundation

/// `value` with exactly `digits` digits after the point, e.g. `0.0100`.
public func formatFixed(_ value: Double, digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}

/// `value` in at most `significant` significant digits, in exponent form when very large or small.
public func formatShort(_ value: Double, significant: Int = 3) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e5 || magnitude < 1e-3 {
        return String(format: "%.\(max(0, significant - 1))e", value)
    }
    return String(format: "%.\(significant)g", value)
}
