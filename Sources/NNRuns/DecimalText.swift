/// Numbers read straight from log bytes, without a `String` per field on the common path.
enum DecimalText {
    /// 10^0 through 10^22, every one exact in a double.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
        1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    /// The number `bytes` spell (surrounding blanks allowed, as Python's `float` allows them).
    ///
    /// Decimals of up to 19 significant digits (Python's `repr` writes 17) with an exponent
    /// of at most 27 below the units, or up to 15 digits and 22 above, are read here, without a
    /// `String`; anything else goes to the standard library. Short ones take Clinger's exact
    /// fast path (W. D. Clinger, "How to Read Floating Point Numbers Accurately", PLDI 1990):
    /// an integer below 2^53 multiplied or divided by a power of ten up to 10^22 rounds
    /// correctly in one IEEE operation. Longer ones are divided in floating point, then
    /// corrected by exact integer comparison with the halfway points (`exactQuotient`).
    static func double(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        if let d = decimal(bytes, start, end) { return d }
        return Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
    }

    /// `[+-]digits[.digits][(e|E)[+-]digits]` between `start` and `end`, when its digits and
    /// exponent are in the ranges `double` reads itself; nil for the standard library.
    private static func decimal(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Double? {
        var i = start
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative || bytes[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0, mantissaBytes = 0
        var seenPoint = false
        while i < end {
            let b = bytes[i]
            if b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
                mantissa = mantissa &* 10 &+ UInt64(b - UInt8(ascii: "0"))
                if mantissa != 0 { digits += 1 }
                if seenPoint { fractionDigits += 1 }
                mantissaBytes += 1
            } else if b == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                break
            }
            i += 1
        }
        guard mantissaBytes > 0, digits <= 19 else { return nil }
        var exponent = -fractionDigits
        if i < end {
            guard bytes[i] | 0x20 == UInt8(ascii: "e") else { return nil }
            i += 1
            guard i < end else { return nil }
            let negativeExponent = bytes[i] == UInt8(ascii: "-")
            if negativeExponent || bytes[i] == UInt8(ascii: "+") { i += 1 }
            guard i < end, end - i <= 4 else { return nil }
            var written = 0
            while i < end {
                let b = bytes[i]
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
                written = written * 10 + Int(b - UInt8(ascii: "0"))
                i += 1
            }
            exponent += negativeExponent ? -written : written
        }
        return compose(mantissa, short: digits <= 15, exponent: exponent, negative: negative)
    }

    /// `±mantissa × 10^exponent` correctly rounded, for a mantissa of at most 19 significant
    /// digits (`short`: at most 15), when it is in the ranges read here; nil for the standard
    /// library.
    @inline(__always)
    static func compose(_ mantissa: UInt64, short: Bool, exponent: Int, negative: Bool) -> Double? {
        let magnitude: Double
        if mantissa == 0 {
            magnitude = 0
        } else if short, exponent >= -22, exponent <= 22 {
            magnitude = exponent < 0 ? Double(mantissa) / powersOfTen[-exponent] : Double(mantissa) * powersOfTen[exponent]
        } else if exponent <= 0, exponent >= -maximumExactExponent {
            guard let quotient = exactQuotient(mantissa, tenTo: -exponent) else { return nil }
            magnitude = quotient
        } else {
            return nil
        }
        return negative ? -magnitude : magnitude
    }

    /// The largest `e` that `exactQuotient` takes: 5^27 is the largest power of five below 2^63.
    static let maximumExactExponent = 27

    /// 5^0 through 5^27.
    private static let powersOfFive: [UInt64] = [
        1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125, 9765625, 48828125, 244140625,
        1220703125, 6103515625, 30517578125, 152587890625, 762939453125, 3814697265625,
        19073486328125, 95367431640625, 476837158203125, 2384185791015625, 11920928955078125,
        59604644775390625, 298023223876953125, 1490116119384765625, 7450580596923828125,
    ]

    /// `m / 10^e` correctly rounded (to nearest, ties to even), for `0 < m < 2^64` and
    /// `0 <= e <= 27`; nil when the floating-point estimate is off by more than a few steps,
    /// which cannot happen (the caller then asks the standard library).
    ///
    /// The estimate `Double(m) / 10^e` is within a few units in the last place, and nearly
    /// always the answer, which `isClearlyNearest` confirms in floating point. A double is the
    /// correct result exactly when the value lies between the halfway points to its neighbours
    /// (on a halfway point, the even one); each comparison is exact in 128-bit integers:
    /// `m / 10^e` against `s * 2^f` is `m` against `s * 5^e * 2^(f + e)`, with `s < 2^55`
    /// and `5^e < 2^63`.
    static func exactQuotient(_ m: UInt64, tenTo e: Int) -> Double? {
        var d = Double(m) / (e <= 22 ? powersOfTen[e] : powersOfTen[22] * powersOfTen[e - 22])
        if e <= 22, isClearlyNearest(d, m, powersOfTen[e]) { return d }
        for _ in 0..<8 {
            let above = compare(m, e, halfwayBetween: d, d.nextUp)
            if above > 0 { d = d.nextUp; continue }
            if above == 0 { return evenOf(d, d.nextUp) }
            let below = compare(m, e, halfwayBetween: d.nextDown, d)
            if below < 0 { d = d.nextDown; continue }
            if below == 0 { return evenOf(d.nextDown, d) }
            return d
        }
        return nil
    }

    /// Whether `d`, the rounded quotient of `m` by the exact power of ten `p`, is certainly the
    /// double nearest `m / p`: the value lies well inside the half unit around `d`, measured in
    /// floating point with a margin far above its rounding errors. Otherwise (rarely: within
    /// 1/64 unit of a halfway point) the exact comparisons decide.
    private static func isClearlyNearest(_ d: Double, _ m: UInt64, _ p: Double) -> Bool {
        // Below a power of two the lower half unit is half as wide: left to the exact test.
        guard d.significandBitPattern != 0 else { return false }
        let high = Double(m)
        guard high < 18_446_744_073_709_551_616.0 else { return false }  // 2^64
        // m = high + low exactly (|low| <= 2^10); high - d * p is a double (the remainder of a
        // correctly rounded quotient is one), so one fused multiply-add gets it exactly.
        let low = Double(Int64(bitPattern: m &- UInt64(high)))
        let remainder = high.addingProduct(-d, p)
        let distance = abs((remainder + low) / p)
        return distance < d.ulp * (0.5 - 1.0 / 64)
    }

    /// Of two neighbouring doubles, the one whose significand is even.
    private static func evenOf(_ a: Double, _ b: Double) -> Double {
        a.bitPattern & 1 == 0 ? a : b
    }

    /// The sign of `m / 10^e - (a + b) / 2` for positive normal neighbours `a < b`.
    private static func compare(_ m: UInt64, _ e: Int, halfwayBetween a: Double, _ b: Double) -> Int {
        // a = sa * 2^fa, b = sb * 2^fb with integer significands; (a + b) / 2 = s * 2^(f - 1).
        let (sa, fa) = (a.significandBitPattern | (1 << 52), Int(a.exponentBitPattern) - 1075)
        let (sb, fb) = (b.significandBitPattern | (1 << 52), Int(b.exponentBitPattern) - 1075)
        let f = min(fa, fb)
        let s = UInt128((sa << UInt64(fa - f)) + (sb << UInt64(fb - f)))
        let product = s * UInt128(powersOfFive[e])
        let shift = f - 1 + e
        let left: UInt128, right: UInt128
        if shift >= 0 {
            guard product.leadingZeroBitCount > shift else { return -1 }
            (left, right) = (UInt128(m), product << shift)
        } else {
            guard UInt128(m).leadingZeroBitCount > -shift else { return 1 }
            (left, right) = (UInt128(m) << -shift, product)
        }
        return left < right ? -1 : left == right ? 0 : 1
    }

    /// An integral number as a step; nil for fractions and values out of Int64's range.
    static func step(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard let d = double(bytes), d.rounded() == d, abs(d) < 9.2e18 else { return nil }
        return Int64(d)
    }

    /// Whether a cell spells a missing value as pandas reads it (`NA`, which Keras' CSVLogger
    /// writes for a metric it did not log, `N/A`, `<NA>`, `NULL`, `None`, `#N/A`), not damage.
    static func isMissing(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        let cell = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        return equalsIgnoringCase(cell, "na") || equalsIgnoringCase(cell, "n/a") || equalsIgnoringCase(cell, "<na>")
            || equalsIgnoringCase(cell, "null") || equalsIgnoringCase(cell, "none") || equalsIgnoringCase(cell, "#n/a")
    }

    /// ASCII case-insensitive comparison of `bytes` with a lowercase `name`.
    static func equalsIgnoringCase(_ bytes: some Collection<UInt8>, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        let p = name.utf8Start
        var k = 0
        for b in bytes {
            let lower = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b
            if lower != p[k] { return false }
            k += 1
        }
        return true
    }

    /// The rank of a column or key named like an x axis: step (0), iteration (1), epoch (2).
    static func axisRank(_ bytes: some Collection<UInt8>) -> Int? {
        if equalsIgnoringCase(bytes, "step") { return 0 }
        if equalsIgnoringCase(bytes, "iteration") { return 1 }
        if equalsIgnoringCase(bytes, "epoch") { return 2 }
        return nil
    }
}
