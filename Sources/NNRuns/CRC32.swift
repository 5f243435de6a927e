/// CRC-32 (IEEE 802.3, zlib's `crc32`), the checksum that frames W&B's `.wandb` records.
enum CRC32 {
    /// The 256-entry table for the reflected polynomial 0xEDB88320.
    static let table: [UInt32] = (0..<256).map { i in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        return c
    }

    /// The CRC-32 of `prefix` followed by `bytes` (W&B checksums a record's type byte and data).
    static func checksum(prefix: UInt8, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            crc = (crc >> 8) ^ t[Int((crc ^ UInt32(prefix)) & 0xFF)]
            for b in bytes { crc = (crc >> 8) ^ t[Int((crc ^ UInt32(b)) & 0xFF)] }
        }
        return ~crc
    }
}
