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
    /// correctly in one IEEE operation. Longer ones are multiplied by a truncated reciprocal of
    /// the power of ten, or where that leaves the rounding in doubt divided in floating point,
    /// then corrected by exact integer comparison with the halfway points (`exactQuotient`).
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
    /// For `e > 0`, `reciprocalQuotient` nearly always decides. Otherwise the estimate
    /// `Double(m) / 10^e` is within a few units in the last place, and nearly always the
    /// answer, which `isClearlyNearest` confirms in floating point. A double is the correct
    /// result exactly when the value lies between the halfway points to its neighbours
    /// (on a halfway point, the even one); each comparison is exact in 128-bit integers:
    /// `m / 10^e` against `s * 2^f` is `m` against `s * 5^e * 2^(f + e)`, with `s < 2^55`
    /// and `5^e < 2^63`.
    static func exactQuotient(_ m: UInt64, tenTo e: Int) -> Double? {
        if e > 0, let d = reciprocalQuotient(m, tenTo: e) { return d }
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

    /// floor(2^s / 5^q) for q = 1...27, 128 bits with the top one set: its high and low
    /// halves at 2(q - 1) and 2(q - 1) + 1; s is in `reciprocalShifts`.
    private static let reciprocals: [UInt64] = [
        0xCCCCCCCCCCCCCCCC, 0xCCCCCCCCCCCCCCCC,  // 5^1
        0xA3D70A3D70A3D70A, 0x3D70A3D70A3D70A3,  // 5^2
        0x83126E978D4FDF3B, 0x645A1CAC083126E9,  // 5^3
        0xD1B71758E219652B, 0xD3C36113404EA4A8,  // 5^4
        0xA7C5AC471B478423, 0x0FCF80DC33721D53,  // 5^5
        0x8637BD05AF6C69B5, 0xA63F9A49C2C1B10F,  // 5^6
        0xD6BF94D5E57A42BC, 0x3D32907604691B4C,  // 5^7
        0xABCC77118461CEFC, 0xFDC20D2B36BA7C3D,  // 5^8
        0x89705F4136B4A597, 0x31680A88F8953030,  // 5^9
        0xDBE6FECEBDEDD5BE, 0xB573440E5A884D1B,  // 5^10
        0xAFEBFF0BCB24AAFE, 0xF78F69A51539D748,  // 5^11
        0x8CBCCC096F5088CB, 0xF93F87B7442E45D3,  // 5^12
        0xE12E13424BB40E13, 0x2865A5F206B06FB9,  // 5^13
        0xB424DC35095CD80F, 0x538484C19EF38C94,  // 5^14
        0x901D7CF73AB0ACD9, 0x0F9D37014BF60A10,  // 5^15
        0xE69594BEC44DE15B, 0x4C2EBE687989A9B3,  // 5^16
        0xB877AA3236A4B449, 0x09BEFEB9FAD487C2,  // 5^17
        0x9392EE8E921D5D07, 0x3AFF322E62439FCF,  // 5^18
        0xEC1E4A7DB69561A5, 0x2B31E9E3D06C32E5,  // 5^19
        0xBCE5086492111AEA, 0x88F4BB1CA6BCF584,  // 5^20
        0x971DA05074DA7BEE, 0xD3F6FC16EBCA5E03,  // 5^21
        0xF1C90080BAF72CB1, 0x5324C68B12DD6338,  // 5^22
        0xC16D9A0095928A27, 0x75B7053C0F178293,  // 5^23
        0x9ABE14CD44753B52, 0xC4926A9672793542,  // 5^24
        0xF79687AED3EEC551, 0x3A83DDBD83F52204,  // 5^25
        0xC612062576589DDA, 0x95364AFE032A819D,  // 5^26
        0x9E74D1B791E07E48, 0x775EA264CF55347D,  // 5^27
    ]
    private static let reciprocalShifts: [Int] = [
        130, 132, 134, 137, 139, 141, 144, 146, 148, 151, 153, 155, 158, 160,
        162, 165, 167, 169, 172, 174, 176, 179, 181, 183, 186, 188, 190,
    ]

    /// `m / 10^e` correctly rounded, for `0 < m < 2^64` and `1 <= e <= 27`, by multiplying
    /// `m` (its top bit moved to bit 63) by the truncated reciprocal `r` of 5^e. `P`, the
    /// product's top 128 bits (`high`, `middle`), lies below the exact scaled quotient `X` by
    /// less than 2^65 (the dropped low word plus `m` times the reciprocal's error), and every
    /// rounding boundary is a multiple of 2^64; so `high`'s top 64 bits (53 of a double, a
    /// rounding bit and the rest) round as `X` does unless a boundary lies exactly 2^64 above
    /// `P`: the bits under the rounding bit and all of `middle` are ones. Then (rarely for
    /// digits of no pattern, more often at halfway points) nil: the caller decides exactly.
    /// As `X > P`, a `P` that reads exactly halfway has `X` above it: rounding up is right.
    /// This is the idea of D. Lemire's fast path ("Number Parsing at a Gigabyte per Second",
    /// 2021) on the narrow range read here.
    @inline(__always)
    private static func reciprocalQuotient(_ m: UInt64, tenTo e: Int) -> Double? {
        let leadingZeros = m.leadingZeroBitCount
        let normalized = m &<< UInt64(truncatingIfNeeded: leadingZeros)
        let (lowProductHigh, _) = normalized.multipliedFullWidth(by: reciprocals[2 &* e &- 1])
        let (highProductHigh, highProductLow) = normalized.multipliedFullWidth(by: reciprocals[2 &* e &- 2])
        // The product's bits 128...191 (`high`, at least 2^62) and 64...127 (`middle`).
        let (middle, carry) = highProductLow.addingReportingOverflow(lowProductHigh)
        let high = highProductHigh &+ (carry ? 1 : 0)
        // The bits of `high` under a double's 53.
        let shift = UInt64(truncatingIfNeeded: 11 &- high.leadingZeroBitCount)
        let under = high & ((1 &<< (shift &- 1)) &- 1)
        let roundBit = (high &>> (shift &- 1)) & 1
        if under == (1 &<< (shift &- 1)) &- 1, middle == .max { return nil }
        var significand = (high &>> shift) &+ roundBit
        var exponent = Int(truncatingIfNeeded: shift) &+ 128 &- reciprocalShifts[e &- 1] &- leadingZeros &- e
        if significand == 1 << 53 {
            significand &>>= 1
            exponent &+= 1
        }
        return Double(bitPattern: UInt64(truncatingIfNeeded: exponent &+ 1075) &<< 52 | (significand & ((1 << 52) &- 1)))
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
