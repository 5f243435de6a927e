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
        var escaped = false
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return (start..<(index - 1), escaped)
            }
            if b == UInt8(ascii: "\\") {
                escaped = true
                index += 1
            }
            index += 1
        }
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
