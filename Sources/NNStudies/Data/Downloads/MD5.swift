import Foundation

/// MD5 (RFC 1321), for checking downloaded files against the checksums their publishers give.
/// (Integrity against damage, not security: the published sums are MD5.)
public struct MD5 {
    private var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476)
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    private static let shifts: [UInt32] = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                           5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
                                           4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                           6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21]
    /// floor(2^32 · |sin(i + 1)|).
    private static let constants: [UInt32] = (0..<64).map { UInt32(truncatingIfNeeded: Int64((abs(sin(Double($0 + 1))) * 4_294_967_296).rounded(.down))) }

    public init() {}

    /// Adds `bytes` to the digest.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        length &+= UInt64(bytes.count)
        pending.append(contentsOf: bytes)
        let whole = pending.count / 64 * 64
        guard whole > 0 else { return }
        pending.withUnsafeBufferPointer { buffer in
            for start in stride(from: 0, to: whole, by: 64) { block(buffer, start) }
        }
        pending.removeFirst(whole)
    }

    /// The digest as 32 lower-case hexadecimal digits.
    public mutating func hexDigest() -> String {
        let bits = length &* 8
        var tail: [UInt8] = [0x80] + [UInt8](repeating: 0, count: (55 - Int(length % 64) + 64) % 64)
        for i in 0..<8 { tail.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i)))) }
        let saved = length
        update(tail)
        length = saved
        return [state.0, state.1, state.2, state.3].map { word in
            (0..<4).map { i in
                let byte = UInt8(truncatingIfNeeded: word >> (8 * UInt32(i)))
                return String(byte >> 4, radix: 16) + String(byte & 15, radix: 16)
            }.joined()
        }.joined()
    }

    /// The digest of `bytes`.
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        var md5 = MD5()
        md5.update(bytes)
        return md5.hexDigest()
    }

    private mutating func block(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int) {
        var words = [UInt32](repeating: 0, count: 16)
        for i in 0..<16 {
            let j = start + 4 * i
            words[i] = UInt32(buffer[j]) | UInt32(buffer[j + 1]) << 8 | UInt32(buffer[j + 2]) << 16 | UInt32(buffer[j + 3]) << 24
        }
        var (a, b, c, d) = state
        for i in 0..<64 {
            var f: UInt32, g: Int
            switch i {
            case 0..<16: (f, g) = ((b & c) | (~b & d), i)
            case 16..<32: (f, g) = ((d & b) | (~d & c), (5 * i + 1) % 16)
            case 32..<48: (f, g) = (b ^ c ^ d, (3 * i + 5) % 16)
            default: (f, g) = (c ^ (b | ~d), (7 * i) % 16)
            }
            f = f &+ a &+ Self.constants[i] &+ words[g]
            a = d
            d = c
            c = b
            b = b &+ (f << Self.shifts[i] | f >> (32 - Self.shifts[i]))
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
    }
}
