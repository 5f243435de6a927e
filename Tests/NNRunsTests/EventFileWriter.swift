import Foundation

/// Writes TensorBoard event files for tests, independently of the reader: a bitwise CRC-32C
/// and a hand-rolled protobuf encoder following the field numbers of event.proto.
struct EventFileWriter {
    private(set) var bytes: [UInt8] = []

    static func crc32c(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in data {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }

    static func masked(_ data: [UInt8]) -> UInt32 {
        let c = crc32c(data)
        return ((c >> 15) | (c << 17)) &+ 0xA282_EAD8
    }

    static func varint(_ v: UInt64) -> [UInt8] {
        var v = v
        var out: [UInt8] = []
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
        return out
    }

    static func field(_ number: UInt64, bytes: [UInt8]) -> [UInt8] {
        varint(number << 3 | 2) + varint(UInt64(bytes.count)) + bytes
    }

    static func little<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
        withUnsafeBytes(of: v.littleEndian) { Array($0) }
    }

    /// An event: wall time, step, and either a file version, a session log status or a summary
    /// of simple values, histograms and `values` (encoded `Summary.Value`s).
    static func event(
        step: Int64, wallTime: Double = 1.0e9, fileVersion: String? = nil, sessionStatus: UInt64? = nil,
        scalars: [(String, Float)] = [], histograms: [(String, Double, Double, Double)] = [], values: [[UInt8]] = []
    ) -> [UInt8] {
        var e = varint(1 << 3 | 1) + little(wallTime.bitPattern) + varint(2 << 3) + varint(UInt64(bitPattern: step))
        if let fileVersion { e += field(3, bytes: Array(fileVersion.utf8)) }
        if let sessionStatus { e += field(7, bytes: varint(1 << 3) + varint(sessionStatus)) }
        if !scalars.isEmpty || !histograms.isEmpty || !values.isEmpty {
            var summary: [UInt8] = values.flatMap { field(1, bytes: $0) }
            for (tag, v) in scalars {
                summary += field(1, bytes: field(1, bytes: Array(tag.utf8)) + varint(2 << 3 | 5) + little(v.bitPattern))
            }
            for (tag, lo, hi, n) in histograms {
                let histo = varint(1 << 3 | 1) + little(lo.bitPattern) + varint(2 << 3 | 1) + little(hi.bitPattern)
                    + varint(3 << 3 | 1) + little(n.bitPattern)
                summary += field(1, bytes: field(1, bytes: Array(tag.utf8)) + field(5, bytes: histo))
            }
            e += field(5, bytes: summary)
        }
        return e
    }

    /// A `Summary.Value` of `tag` whose metadata names `plugin`, holding a tensor of `dtype`
    /// with no elements (how text, PR curves and hparams records look to a scalar reader).
    static func pluginValue(_ tag: String, plugin: String, dtype: UInt64 = 7, content: [UInt8] = []) -> [UInt8] {
        let pluginData = field(1, bytes: Array(plugin.utf8)) + (content.isEmpty ? [] : field(2, bytes: content))
        return field(1, bytes: Array(tag.utf8)) + field(9, bytes: field(1, bytes: pluginData))
            + field(8, bytes: varint(1 << 3) + varint(dtype))
    }

    /// The content of an hparams plugin record starting a session with `hparams` (numbers,
    /// strings and booleans as `google.protobuf.Value`s), as `add_hparams` writes it.
    static func sessionStartInfo(_ hparams: [(String, Any)]) -> [UInt8] {
        var start: [UInt8] = []
        for (key, value) in hparams {
            var encoded: [UInt8]
            switch value {
            case let d as Double: encoded = varint(2 << 3 | 1) + little(d.bitPattern)
            case let b as Bool: encoded = varint(4 << 3) + varint(b ? 1 : 0)
            default: encoded = field(3, bytes: Array("\(value)".utf8))
            }
            start += field(1, bytes: field(1, bytes: Array(key.utf8)) + field(2, bytes: encoded))
        }
        return varint(1 << 3) + varint(0) + field(3, bytes: start)
    }

    /// A `Summary.Value` of `tag` holding an encoded image.
    static func imageValue(_ tag: String) -> [UInt8] {
        field(1, bytes: Array(tag.utf8)) + field(4, bytes: varint(1 << 3) + varint(2) + varint(2 << 3) + varint(2))
    }

    /// Frames `data` as one TFRecord.
    static func record(_ data: [UInt8]) -> [UInt8] {
        let length = little(UInt64(data.count))
        return length + little(masked(length)) + data + little(masked(data))
    }

    mutating func append(_ event: [UInt8]) { bytes += Self.record(event) }
}
