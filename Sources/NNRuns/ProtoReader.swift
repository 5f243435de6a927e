/// Why bytes are not a well-formed protocol buffer message.
struct ProtoError: Error {}

/// A cursor over protocol buffer wire format: varints, fixed 32/64-bit values and
/// length-delimited fields, with unknown fields skipped.
///
/// Encoding reference: https://protobuf.dev/programming-guides/encoding/
struct ProtoReader {
    enum WireType: UInt8 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
    }

    let bytes: UnsafeRawBufferPointer
    private var index = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { index >= bytes.count }

    /// The next field's number and wire type; nil at the end of the message.
    mutating func nextField() throws(ProtoError) -> (number: UInt64, wireType: WireType)? {
        if isAtEnd { return nil }
        let key = try varint()
        guard let wireType = WireType(rawValue: UInt8(key & 7)), key >> 3 != 0 else { throw ProtoError() }
        return (key >> 3, wireType)
    }

    mutating func varint() throws(ProtoError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count, shift < 64 {
            let b = bytes[index]
            index += 1
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
        throw ProtoError()
    }

    mutating func fixed32() throws(ProtoError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw ProtoError() }
        defer { index += 4 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self))
    }

    mutating func fixed64() throws(ProtoError) -> UInt64 {
        guard index + 8 <= bytes.count else { throw ProtoError() }
        defer { index += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
    }

    mutating func float() throws(ProtoError) -> Float { Float(bitPattern: try fixed32()) }
    mutating func double() throws(ProtoError) -> Double { Double(bitPattern: try fixed64()) }

    /// A length-delimited field's bytes (a string, bytes, a sub-message or a packed array).
    mutating func lengthDelimited() throws(ProtoError) -> UnsafeRawBufferPointer {
        let length = try varint()
        guard length <= UInt64(bytes.count - index) else { throw ProtoError() }
        let start = index
        index += Int(length)
        return UnsafeRawBufferPointer(rebasing: bytes[start..<index])
    }

    /// Skips a field of `wireType` whose key was just read.
    mutating func skip(_ wireType: WireType) throws(ProtoError) {
        switch wireType {
        case .varint: _ = try varint()
        case .fixed64: _ = try fixed64()
        case .fixed32: _ = try fixed32()
        case .lengthDelimited: _ = try lengthDelimited()
        case .startGroup, .endGroup: throw ProtoError()
        }
    }
}
