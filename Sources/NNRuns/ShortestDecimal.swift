/// The digits `description` writes for a `Double`, found faster for the magnitudes training
/// logs hold: the shortest decimal that reads back as the same double, the nearest to it when
/// several are that short (halfway: the even one), as in Ryū (U. Adams, "Ryū: Fast
/// Float-to-String Conversion", PLDI 2018), but with exact 128-bit integers in place of Ryū's
/// tables, which the narrow range allows.
enum ShortestDecimal {
    /// 10^0 through 10^19, the powers of ten a `UInt64` holds (written out, so that the
    /// table is static data rather than initialized on first use).
    private static let powersOfTen: [UInt64] = [
        1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
        10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000, 1000000000000000, 10000000000000000, 100000000000000000, 1000000000000000000, 10000000000000000000,
    ]

    /// "00" through "99".
    private static let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// The binary exponents read here: `2^-6 <= |v| < 2^52`, where `v * 10^(17 - k)` (`k` the
    /// decimal exponent of `v`'s power of two) lies between 10^17 and 2 * 10^18 and the power
    /// of ten is at most 10^19.
    static let binaryExponents = -6...51

    /// `|v|` as `digits * 10^exponent`, `digits` (`count` of them) the shortest that reads
    /// back; nil outside `binaryExponents` (and for zero, infinities and NaN).
    static func digits(of v: Double) -> (digits: UInt64, exponent: Int, count: Int)? {
        let binaryExponent = Int(v.exponentBitPattern) &- 1023
        guard binaryExponent >= binaryExponents.lowerBound, binaryExponent <= binaryExponents.upperBound else { return nil }
        let fraction = v.significandBitPattern
        let m = fraction | (1 << 52)
        // v = 4m / 2^shift: the bounds below are in quarters of the significand's unit.
        let shift = UInt64(truncatingIfNeeded: 54 &- binaryExponent)
        // floor(binaryExponent * log10(2)), exact for these exponents.
        let k = (binaryExponent &* 78913) >> 18
        let q = 17 &- k
        let p = powersOfTen[q]
        // The halfway points to the neighbours: the lower gap is half as wide above a power
        // of two. A bound is itself a candidate when the significand is even (reading
        // rounds ties to even).
        let acceptBounds = m & 1 == 0
        var (vp, upperExact) = scaled(4 &* m &+ 2, p, shift)
        var (vr, vrIsTrailingZeros) = scaled(4 &* m, p, shift)
        var (vm, lowerExact) = scaled(4 &* m &- (fraction == 0 ? 1 : 2), p, shift)
        if upperExact, !acceptBounds { vp &-= 1 }
        var vmIsTrailingZeros = acceptBounds && lowerExact
        // vr >= 10^17 (v >= 10^k): its digits, less one for each removed.
        var count = vr >= powersOfTen[18] ? 19 : 18
        var removed = 0
        let output: UInt64
        if !vmIsTrailingZeros, !vrIsTrailingZeros {
            // The common case: no bound is a candidate and the value has digits past vr's,
            // so the digits removed round by the last one removed alone.
            var roundUp = false
            while vp / 10 > vm / 10 {
                let vrDiv10 = vr / 10
                roundUp = vr &- 10 &* vrDiv10 >= 5
                vr = vrDiv10
                vp /= 10
                vm /= 10
                removed &+= 1
            }
            output = vr &+ (vr == vm || roundUp ? 1 : 0)
        } else {
            var lastRemovedDigit: UInt64 = 0
            while vp / 10 > vm / 10 {
                let vmDiv10 = vm / 10, vrDiv10 = vr / 10
                vmIsTrailingZeros = vmIsTrailingZeros && vm &- 10 &* vmDiv10 == 0
                vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0
                lastRemovedDigit = vr &- 10 &* vrDiv10
                vr = vrDiv10
                vp /= 10
                vm = vmDiv10
                removed &+= 1
            }
            if vmIsTrailingZeros {
                while vm % 10 == 0 {
                    let vrDiv10 = vr / 10
                    vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0
                    lastRemovedDigit = vr &- 10 &* vrDiv10
                    vr = vrDiv10
                    vp /= 10
                    vm /= 10
                    removed &+= 1
                }
            }
            if vrIsTrailingZeros, lastRemovedDigit == 5, vr % 2 == 0 {
                lastRemovedDigit = 4  // exactly halfway: to the even one
            }
            let roundUp = (vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5
            output = vr &+ (roundUp ? 1 : 0)
        }
        count &-= removed
        if output >= powersOfTen[count] { count &+= 1 }  // rounding up carried
        return (output, removed &- q, count)
    }

    /// floor(n * 10^q / 2^shift) for `p` = 10^q, and whether that is exact, in 128-bit
    /// arithmetic; the caller's quotient is below 2 * 10^18, and shift is 3 to 60.
    @inline(__always)
    private static func scaled(_ n: UInt64, _ p: UInt64, _ shift: UInt64) -> (UInt64, exact: Bool) {
        let (high, low) = n.multipliedFullWidth(by: p)
        return ((high << (64 &- shift)) | (low >> shift), low & ((1 << shift) &- 1) == 0)
    }

    /// Writes `v` as `description` does at `out` (room for at least 32 bytes) and returns
    /// the count, when `v`'s magnitude is in `binaryExponents`; nil (nothing written)
    /// otherwise.
    static func write(_ v: Double, to out: UnsafeMutablePointer<UInt8>) -> Int? {
        guard let (digits, exponent, count) = digits(of: v) else { return nil }
        // Digits before the point; in this range `description` never uses an exponent.
        let point = count &+ exponent
        var i = 0
        if v.sign == .minus {
            out[0] = UInt8(ascii: "-")
            i = 1
        }
        if point <= 0 {
            out[i] = UInt8(ascii: "0")
            out[i &+ 1] = UInt8(ascii: ".")
            i &+= 2
            // |v| >= 2^-6 (`binaryExponents`) leaves at most one zero between the point and
            // the digits: written here rather than by a loop, which became a call to memset.
            assert(point >= -1)
            if point < 0 {
                out[i] = UInt8(ascii: "0")
                i &+= 1
            }
            writeDigits(digits, count: count, at: out + i)
            return i &+ count
        }
        if point < count {
            // The digits one place on, then the integer part moved back before the point.
            writeDigits(digits, count: count, at: out + i + 1)
            for j in i..<(i &+ point) { out[j] = out[j &+ 1] }
            out[i &+ point] = UInt8(ascii: ".")
            return i &+ 1 &+ count
        }
        writeDigits(digits, count: count, at: out + i)
        i &+= count
        for _ in 0..<(point &- count) {
            out[i] = UInt8(ascii: "0")
            i &+= 1
        }
        out[i] = UInt8(ascii: ".")
        out[i &+ 1] = UInt8(ascii: "0")
        return i &+ 2
    }

    /// How many decimal digits `n` has (1 for 0).
    @inline(__always)
    static func decimalCount(_ n: UInt64) -> Int {
        // floor(log10(2^bits)) from the bit length, then one more when n reaches the next power.
        // n | 1 has as many digits as n (a power of ten is even) and at least one bit.
        let m = n | 1
        let estimate = ((64 &- m.leadingZeroBitCount) &* 1233) >> 12
        return estimate &+ (m >= powersOfTen[estimate] ? 1 : 0)
    }

    /// Writes the `count` lowest decimal digits of `n` (with leading zeros) at `out`: eight at
    /// a time while more than eight are left, then two at a time.
    @inline(__always)
    static func writeDigits(_ n: UInt64, count: Int, at out: UnsafeMutablePointer<UInt8>) {
        var n = n
        var i = count
        while i > 8 {
            let quotient = n / 100_000_000
            i &-= 8
            writeEight(UInt32(truncatingIfNeeded: n &- 100_000_000 &* quotient), at: out + i)
            n = quotient
        }
        var m = UInt32(truncatingIfNeeded: n)
        let pairs = Self.pairs.utf8Start
        while i >= 2 {
            let quotient = m / 100
            let pair = Int(truncatingIfNeeded: m &- 100 &* quotient) &* 2
            i &-= 2
            out[i] = pairs[pair]
            out[i &+ 1] = pairs[pair &+ 1]
            m = quotient
        }
        if i > 0 { out[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: m % 10) }
    }

    /// Writes the eight decimal digits of `x` (below 10^8, with leading zeros) at `out` in one
    /// store, the digits found in parallel lanes of one 64-bit integer: `x` split into two
    /// halves below 10^4 (32-bit lanes), each into two below 100 (16-bit lanes), each into
    /// two digits (bytes). Each division is a multiplication and a shift, exact in its range
    /// (v / 100 = v * 10486 >> 20 for v < 10^4, v / 10 = v * 103 >> 10 for v < 100), and no
    /// lane's product reaches the next lane.
    @inline(__always)
    static func writeEight(_ x: UInt32, at out: UnsafeMutablePointer<UInt8>) {
        let high = x / 10_000
        var v = UInt64(high) | UInt64(x &- 10_000 &* high) << 32
        let hundreds = ((v &* 10486) >> 20) & 0x0000_007F_0000_007F
        v = hundreds | (v &- 100 &* hundreds) << 16
        let tens = ((v &* 103) >> 10) & 0x000F_000F_000F_000F
        v = tens | (v &- 10 &* tens) << 8
        UnsafeMutableRawPointer(out).storeBytes(of: (v | 0x3030_3030_3030_3030).littleEndian, as: UInt64.self)
    }
}
