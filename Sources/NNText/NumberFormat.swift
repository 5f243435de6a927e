import Foundation

/// Numbers as nndash writes them everywhere: axis and legend labels, tables, findings and
/// footers, so that one frame never shows one value in two forms (`1.2e-5` beside `1.20e-05`).
public enum NumberFormat {
    /// The suffixes of large values, smallest unit first: `12.3k`, `4.5M`, `1.2G`.
    static let units: [(divisor: Double, suffix: String)] = [(1e3, "k"), (1e6, "M"), (1e9, "G")]

    /// Labels for evenly spaced tick values: one shared format, as few decimals as keep
    /// them exact, `k`/`M`/`G` suffixes for large values and `e` notation for tiny ones.
    /// - Parameters:
    ///   - values: the tick values.
    ///   - step: the spacing between them (0 for a single value).
    public static func labels(_ values: [Double], step: Double) -> [String] {
        let largest = values.map(abs).max() ?? 0
        if largest >= 10_000, let (divisor, suffix) = units.last(where: { largest >= $0.divisor }) {
            if largest / divisor < 1e5 {
                let d = decimals(values.map { $0 / divisor }, step: step / divisor)
                return values.map { $0 == 0 ? "0" : fixed($0 / divisor, decimals: d) + suffix }
            }
        }
        if largest > 0 && largest < 1e-3 || largest >= 1e14 {
            let exponent = Int(floor(log10(largest)))
            let mantissas = values.map { timesPowerOfTen($0, -exponent) }
            let d = decimals(mantissas, step: timesPowerOfTen(step, -exponent))
            return zip(values, mantissas).map { $0 == 0 ? "0" : fixed($1, decimals: d) + "e\(exponent)" }
        }
        let d = decimals(values, step: step)
        return values.map { fixed($0, decimals: d) }
    }

    /// Labels for `values` with the fewest significant digits (3 to 17) that tell every two
    /// different values apart, e.g. `lr=1e-5` and `lr=1.1e-5` rather than two `lr=1e-5`, and
    /// that round no value by more than `tolerance` (when it is above 0).
    public static func distinct(_ values: [Double], within tolerance: Double = 0) -> [String] {
        let different = Set(values.map { $0 == 0 ? 0 : $0 }).count
        var labels: [String] = []
        for digits in 3...17 {
            labels = values.map { short($0, digits: digits) }
            let close = tolerance <= 0 || values.allSatisfy { abs(rounded($0, digits: digits) - $0) <= tolerance }
            if Set(labels).count >= different && close { break }
        }
        return labels
    }

    /// `value` rounded to `digits` significant digits.
    public static func rounded(_ value: Double, digits: Int) -> Double {
        guard value.isFinite, value != 0 else { return value }
        let exponent = Int(floor(log10(abs(value))))
        let shift = digits - 1 - exponent
        return timesPowerOfTen(timesPowerOfTen(value, shift).rounded(), -shift)
    }

    /// A fraction as a percentage in three significant digits: 0.5833 as `58.3%`, 1 as `100%`.
    public static func percent(_ fraction: Double) -> String {
        short(fraction * 100) + "%"
    }

    /// The shortest text that reads back as exactly `value` (`2e-323`, `5e307`, `0.25`).
    public static func roundTrip(_ value: Double) -> String {
        guard value.isFinite else { return short(value) }
        if value == 0 { return "0" }
        var text = "\(value)".replacingOccurrences(of: "e+", with: "e")
        if text.hasSuffix(".0") { text.removeLast(2) }
        text = text.replacingOccurrences(of: ".0e", with: "e")
        // Swift writes 1e-05: no leading zeros in the exponent.
        while text.contains("e-0") { text = text.replacingOccurrences(of: "e-0", with: "e-") }
        while text.contains("e0") && !text.hasSuffix("e0") { text = text.replacingOccurrences(of: "e0", with: "e") }
        return text
    }

    /// `value` × 10^`exponent`, in steps that keep every intermediate inside Double's range,
    /// so that subnormal numbers and numbers near Double's largest scale without underflow
    /// or overflow.
    public static func timesPowerOfTen(_ value: Double, _ exponent: Int) -> Double {
        var v = value, e = exponent
        while e > 300 { v *= 1e300; e -= 300 }
        while e < -300 { v *= 1e-300; e += 300 }
        return v * pow(10, Double(e))
    }

    /// One value in at most `digits` significant digits, as short as possible:
    /// `0.25`, `1e-4`, `12.3k`, `3`. Without `suffixes` (a tensor's values, a fit's
    /// parameters), `1.23e4` rather than `12.3k`.
    public static func short(_ value: Double, digits: Int = 3, suffixes: Bool = true) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : value > 0 ? "inf" : "-inf" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        let exponent = Int(floor(log10(magnitude)))
        if magnitude >= 10_000 && exponent < 12 && suffixes {
            // The first unit that writes it under 1000 once rounded: 999,999 is 1M, not 1000k.
            for (divisor, suffix) in units {
                let text = short(value / divisor, digits: digits, suffixes: false)
                if abs(Double(text) ?? .infinity) < 1000 { return text + suffix }
            }
        }
        if exponent < -3 || exponent >= 12 || magnitude >= 10_000 { return scientific(value, digits: digits) }
        let d = max(0, digits - 1 - exponent)
        return trimZeros(fixed(value, decimals: d))
    }

    /// `value` as a mantissa of at most `digits` significant digits times a power of ten:
    /// `1.23e5`, `-4.5e-7`, `1e-3`.
    public static func scientific(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite, value != 0 else { return short(value) }
        let exponent = Int(floor(log10(abs(value))))
        let text = trimZeros(fixed(timesPowerOfTen(value, -exponent), decimals: max(0, digits - 1)))
        if text == "10" || text == "-10" {  // Rounding carried into the next power.
            return (value < 0 ? "-" : "") + "1e\(exponent + 1)"
        }
        return text + "e\(exponent)"
    }

    /// `text`, when it is a number too wide for `width` columns, written again in `width`
    /// columns with as many significant digits as fit (`short`): `-3.09944e-05` in 10 columns
    /// is `-3.0994e-5`, where cutting it would leave `-3.09944e…`. Nil when `text` is not a
    /// plain decimal number (digits, sign, point, exponent) or not even one digit fits.
    public static func fitting(_ text: String, width: Int) -> String? {
        guard width > 0, text.count > width, text.contains(where: \.isASCIIDigit),
              text.allSatisfy({ $0.isASCIIDigit || "+-.eE".contains($0) }),
              let value = Double(text), value.isFinite else { return nil }
        for digits in stride(from: 15, through: 1, by: -1) {
            let written = short(value, digits: digits)
            if written.count <= width { return written }
        }
        return nil
    }

    /// The fewest decimals (0...12) that write every value exactly to a hundredth of `step`.
    static func decimals(_ values: [Double], step: Double) -> Int {
        for d in 0...12 {
            let scale = pow(10, Double(d))
            let tolerance = max(abs(step) * scale * 1e-3, 1e-9)
            if values.allSatisfy({ abs(($0 * scale).rounded() - $0 * scale) <= tolerance }) { return d }
        }
        return 12
    }

    /// A byte count in B, kB, MB, GB or TB (powers of 1000, one decimal): `2.5 MB`.
    public static func bytes(_ count: Double) -> String {
        guard count.isFinite, abs(count) >= 999.5 else { return short(count.rounded()) + " B" }
        for (scale, unit) in [(1e3, "kB"), (1e6, "MB"), (1e9, "GB")] where abs(count) < scale * 999.95 {
            return fixed(count / scale, decimals: 1) + " " + unit
        }
        let terabytes = count / 1e12
        return (abs(terabytes) < 1e5 ? fixed(terabytes, decimals: 1) : short(terabytes)) + " TB"
    }

    /// `value` with exactly `decimals` digits after the point, no exponent, no `-0`, correctly
    /// rounded as C's and Python's `%.Nf` round (the lessons print `0.0100` so): `fixed(0.125,
    /// decimals: 2)` is `0.12`, the binary value being exactly halfway. `nan`, `inf` and `-inf`
    /// as they print them too.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(max(0, decimals))f", value)
        guard text.hasPrefix("-"), text.allSatisfy({ "-0.".contains($0) }) else { return text }
        return String(text.dropFirst())
    }

    private static func trimZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var s = Substring(text)
        while s.last == "0" { s = s.dropLast() }
        if s.last == "." { s = s.dropLast() }
        return String(s)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
