/// The grammar of a JSON number (RFC 8259, section 6), in one place for every JSON reader:
/// `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`. Python's `json` module refuses what
/// this refuses: `05`, `-`, `1.`, `.5`, `1e`, `+1`.
enum JSONNumber {
    /// The end of the number that starts at `start`, and whether it is an integer (no fraction,
    /// no exponent); nil when the bytes there do not start a number. The number ends at the
    /// first byte that cannot continue it (whether that byte may follow a value is the
    /// caller's question), except that a digit after a leading zero is refused here.
    static func scan(_ bytes: UnsafeRawBufferPointer, from start: Int) -> (end: Int, isInteger: Bool)? {
        var i = start
        func digits() -> Int {
            let first = i
            while i < bytes.count, bytes[i] &- UInt8(ascii: "0") < 10 { i += 1 }
            return i - first
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count else { return nil }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, bytes[i] &- UInt8(ascii: "0") < 10 { return nil }
        } else if digits() == 0 {
            return nil
        }
        var isInteger = true
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return nil }
            isInteger = false
        }
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return nil }
            isInteger = false
        }
        return (i, isInteger)
    }
}
