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

/// `values` in the fewest significant digits (at least `minimumDigits`) that tell them apart,
/// e.g. `[0.1, 0.2]` as `0.1`, `0.2` and `[1e-5, 1.1111e-5]` as `1e-05`, `1.1e-05`; a value
/// that occurs twice keeps the same text.
public func distinctNumbers(_ values: [Double], minimumDigits: Int = 1) -> [String] {
    let wanted = Set(values).count
    var digits = max(1, minimumDigits)
    while true {
        let texts = values.map { formatSignificant($0, digits: digits) }
        if Set(texts).count == wanted || digits >= 17 { return texts }
        digits += 1
    }
}

/// `value` in `digits` significant digits, without trailing zeros (`%g`).
public func formatSignificant(_ value: Double, digits: Int) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    return String(format: "%.\(digits)g", value)
}
