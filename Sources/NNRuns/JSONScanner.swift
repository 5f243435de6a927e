/// A cursor over one line of JSON that recognizes numbers and skips everything else.
struct JSONScanner {
    enum Value {
        case number(Double)
        /// A string's contents (between the quotes) and whether it has escapes.
        case string(Range<Int>, escaped: Bool)
        case other, invalid
    }

    let bytes: UnsafeRawBufferPointer
    var index = 0

    var isAtEnd: Bool { index >= bytes.count }

    mutating func skipSpace() {
        while index < bytes.count, DecimalText.isSpace(bytes[index]) { index += 1 }
    }

    mutating func take(_ b: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == b else { return false }
        index += 1
        return true
    }

    /// A string's contents (between the quotes) and whether it has escapes.
    mutating func string() -> (Range<Int>, Bool)? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        // A local cursor: the loop keeps it in a register rather than storing `index` per byte.
        var i = index
        let n = bytes.count
        var escaped = false
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                index = i + 1
                return (start..<i, escaped)
            }
            if b == UInt8(ascii: "\\") {
                escaped = true
                i += 1
            }
            i += 1
        }
        index = i
        return nil
    }

    private mutating func word(_ w: StaticString) -> Bool {
        let count = w.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for k in 0..<count where bytes[index + k] != w.utf8Start[k] { return false }
        index += count
        return true
    }

    mutating func value() -> Value {
        guard index < bytes.count else { return .invalid }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            guard let (range, escaped) = string() else { return .invalid }
            return .string(range, escaped: escaped)
        case UInt8(ascii: "{"), UInt8(ascii: "["): return skipNested() ? .other : .invalid
        case UInt8(ascii: "t"): return word("true") ? .other : .invalid
        case UInt8(ascii: "f"): return word("false") ? .other : .invalid
        case UInt8(ascii: "n"): return word("null") ? .other : .invalid
        case UInt8(ascii: "N"): return word("NaN") ? .number(.nan) : .invalid
        case UInt8(ascii: "I"): return word("Infinity") ? .number(.infinity) : .invalid
        default:
            if let d = plainNumber() { return .number(d) }
            if word("-Infinity") { return .number(-.infinity) }
            let start = index
            guard let (end, _) = JSONNumber.scan(bytes, from: start),
                  let d = DecimalText.double(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) else {
                return .invalid
            }
            index = end
            return .number(d)
        }
    }

    /// The common number, `-?(0|[1-9][0-9]*)(\.[0-9]+)?` of at most 19 digits without an
    /// exponent (every integer and most floats Python's `json` writes), read in one pass, eight
    /// digits at a time; nil, and nothing taken, for anything else, which `value` reads by
    /// `JSONNumber.scan` and `DecimalText.double`. The value is `DecimalText.compose`'s, as
    /// `DecimalText.double` reads the same bytes.
    private mutating func plainNumber() -> Double? {
        let n = bytes.count
        var i = index
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < n else { return nil }
        var mantissa: UInt64 = 0
        let integerStart = i
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < n, bytes[i] &- UInt8(ascii: "0") < 10 { return nil }
        } else {
            digitRun(&i, &mantissa)
        }
        let integerDigits = i - integerStart
        guard integerDigits > 0 else { return nil }
        var fractionDigits = 0
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            digitRun(&i, &mantissa)
            fractionDigits = i - fractionStart
            guard fractionDigits > 0 else { return nil }
        }
        if i < n, bytes[i] | 0x20 == UInt8(ascii: "e") { return nil }
        // Up to 19 digits cannot wrap the mantissa (10^19 < 2^64).
        guard integerDigits + fractionDigits <= 19,
              let d = DecimalText.compose(mantissa, short: mantissa < 1_000_000_000_000_000, exponent: -fractionDigits, negative: negative)
        else { return nil }
        index = i
        return d
    }

    /// Takes the decimal digits at `i` into `mantissa` (wrapping past 2^64: the caller counts
    /// the digits), eight at a time while eight are there (D. Lemire's SWAR method, as in
    /// simdjson), then one at a time.
    @inline(__always)
    private func digitRun(_ i: inout Int, _ mantissa: inout UInt64) {
        let n = bytes.count
        if let base = bytes.baseAddress {
            while i + 8 <= n {
                let v = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                // Every byte is 0x30...0x39: its high nibble is 3, and adding 6 keeps it 3.
                let high = (v & 0xF0F0_F0F0_F0F0_F0F0) | (((v &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4)
                guard high == 0x3333_3333_3333_3333 else { break }
                var x = ((v & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
                x = ((x & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
                x = ((x & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
                mantissa = mantissa &* 100_000_000 &+ (x & 0xFFFF_FFFF)
                i += 8
            }
        }
        while i < n {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            i += 1
        }
    }

    /// Skips a nested object or array by counting brackets (no recursion, so no depth limit is
    /// needed), checking that brackets pair up.
    private mutating func skipNested() -> Bool {
        var stack: [UInt8] = []
        while index < bytes.count {
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                guard string() != nil else { return false }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): stack.append(b == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard stack.popLast() == b else { return false }
                if stack.isEmpty {
                    index += 1
                    return true
                }
            default: break
            }
            index += 1
        }
        return false
    }
}
