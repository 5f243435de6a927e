/// Numbers read straight from log bytes, without a `String` per field on the common path.
enum DecimalText {
    private static let powersOfTen: [Double] = (0...22).map { i in
        var p = 1.0
        for _ in 0..<i { p *= 10 }
        return p
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    /// The number `bytes` spell (surrounding blanks allowed, as Python's `float` allows them).
    ///
    /// Short decimals take Clinger's exact fast path (W. D. Clinger, "How to Read Floating Point
    /// Numbers Accurately", PLDI 1990): an integer below 2^53 divided by a power of ten up to
    /// 10^22 rounds correctly in one IEEE division. Anything else goes to the standard library.
    static func double(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        var i = start
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative || bytes[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        var fast = i < end
        while i < end {
            let b = bytes[i]
            if b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
                mantissa = mantissa &* 10 &+ UInt64(b - UInt8(ascii: "0"))
                if mantissa != 0 { digits += 1 }
                if seenPoint { fractionDigits += 1 }
            } else if b == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                fast = false
                break
            }
            i += 1
        }
        if fast, digits <= 15, fractionDigits <= 22, end - start > (seenPoint ? 1 : 0) + (negative ? 1 : 0) {
            let value = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        return Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
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
