/// The text of the `[step, value]` points of `watch --json`, written straight into memory the
/// caller set aside: appending it to an array piece by piece, or point by point, checked the
/// array's uniqueness and capacity each time, which cost more than making the digits.
enum PointText {
    /// The most bytes `write(step:value:at:)` writes: `[`, a step (at most 19 digits and a
    /// sign), `, `, a value (`description` of a `Double` takes at most 24 characters) and `]`.
    static let maximumLength = 64

    /// Writes `[step, value]` at `out` as `String(describing:)` writes the step and the value
    /// (a value that is not finite as `JSONValue.format` writes it) and returns where it ends.
    @inline(__always)
    static func write(step: Int64, value: Double, at out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        out[0] = UInt8(ascii: "[")
        var p = writeDecimal(step, at: out + 1)
        p[0] = UInt8(ascii: ",")
        p[1] = UInt8(ascii: " ")
        p = writeValue(value, at: p + 2)
        p[0] = UInt8(ascii: "]")
        return p + 1
    }

    /// Writes the decimal digits of `n` (as `String(n)` writes them) and returns where they end.
    @inline(__always)
    static func writeDecimal(_ n: Int64, at out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var p = out
        if n < 0 {
            p[0] = UInt8(ascii: "-")
            p += 1
        }
        let magnitude = n.magnitude
        let digits = ShortestDecimal.decimalCount(magnitude)
        ShortestDecimal.writeDigits(magnitude, count: digits, at: p)
        return p + digits
    }

    /// Writes `value` as its `description` writes it (`JSONValue.format` when it is not
    /// finite) and returns where it ends: by `ShortestDecimal` where that reads it (the
    /// magnitudes of training logs), else by the standard library.
    @inline(__always)
    static func writeValue(_ value: Double, at out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if let written = ShortestDecimal.write(value, to: out) { return out + written }
        return writeSlowly(value, at: out)
    }

    private static func writeSlowly(_ value: Double, at out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var p = out
        for byte in (value.isFinite ? value.description : JSONValue.format(value)).utf8 {
            p[0] = byte
            p += 1
        }
        return p
    }
}
