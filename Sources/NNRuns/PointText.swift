/// The text of one `[step, value]` point of `watch --json`, gathered on the stack and then
/// appended to the output at once: appending its pieces one by one to an array (a uniqueness
/// and capacity check each, a generic copy for the digits) cost more than making them.
struct PointText: TextOutputStream {
    /// Room for `, [`, a step (at most 20 digits and a sign), `, `, a value (`description` of
    /// a `Double` takes at most 24 characters) and `]`.
    private var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private(set) var count = 0
    private static let capacity = 64

    mutating func append(_ byte: UInt8) {
        precondition(count < Self.capacity)
        withUnsafeMutableBytes(of: &storage) { $0[count] = byte }
        count += 1
    }

    /// Appends the decimal digits of `n` (as `String(n)` writes them), two at a time.
    mutating func appendDecimal(_ n: Int64) {
        if n < 0 { append(UInt8(ascii: "-")) }
        let magnitude = n.magnitude
        let digits = ShortestDecimal.decimalCount(magnitude)
        precondition(count + digits <= Self.capacity)
        withUnsafeMutableBytes(of: &storage) { bytes in
            ShortestDecimal.writeDigits(magnitude, count: digits, at: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + count)
        }
        count += digits
    }

    /// Appends `value` as its `description` writes it: by `ShortestDecimal` where that reads
    /// it (the magnitudes of training logs), else by the standard library.
    mutating func appendValue(_ value: Double) {
        precondition(count + 32 <= Self.capacity)
        let written = withUnsafeMutableBytes(of: &storage) { bytes in
            ShortestDecimal.write(value, to: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + count)
        }
        if let written {
            count += written
        } else {
            value.write(to: &self)
        }
    }

    mutating func write(_ string: String) {
        for byte in string.utf8 { append(byte) }
    }

    /// How `Double`'s `write(to:)` hands over its digits.
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        precondition(count + buffer.count <= Self.capacity)
        guard let source = buffer.baseAddress else { return }
        withUnsafeMutableBytes(of: &storage) { bytes in
            (bytes.baseAddress! + count).copyMemory(from: source, byteCount: buffer.count)
        }
        count += buffer.count
    }

    /// Appends the text to `bytes` and empties it.
    mutating func move(to bytes: inout [UInt8]) {
        let n = count
        withUnsafeBytes(of: &storage) { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[..<n])) }
        count = 0
    }
}
