/// Reads TFRecord-framed TensorBoard event files incrementally: each record is a little-endian
/// u64 length, the masked CRC-32C of the length, the data, and the masked CRC-32C of the data.
///
/// A record still being written waits for its rest. A record whose data CRC fails is skipped
/// (its length was verified, so the next record starts right after it). When a length's own
/// CRC fails, the length cannot be trusted: the parser resynchronizes by scanning forward for
/// the next 12 bytes that form a valid length and length CRC.
struct EventFileParser {
    /// Larger records (graphs, embedded images) are skipped without being held in memory.
    static let maximumRecordLength = 64 << 20

    private var event = TensorBoardEvent()
    /// Bytes left to skip of an oversized record.
    private var skipRemaining: UInt64 = 0
    /// Whether the bytes before the current position were damaged (one warning per stretch).
    private var resynchronizing = false

    /// Reads the complete records at the start of `bytes` (which start at `offset` in `file`)
    /// into `run`; returns how many bytes were used. Unused bytes must be offered again.
    mutating func consume(_ bytes: UnsafeRawBufferPointer, offset: Int64, file: String, into run: inout LogRun) -> Int {
        var i = 0
        let n = bytes.count
        while i < n {
            if skipRemaining > 0 {
                let step = Int(min(skipRemaining, UInt64(n - i)))
                skipRemaining -= UInt64(step)
                i += step
                continue
            }
            guard n - i >= 12 else { break }
            let header = UnsafeRawBufferPointer(rebasing: bytes[i..<i + 8])
            let length = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let lengthCRC = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt32.self))
            guard CRC32C.masked(header) == lengthCRC else {
                if !resynchronizing {
                    run.problems.add("damaged stretches skipped (a record length failed its CRC)",
                        at: "\(file):\(offset + Int64(i))")
                    resynchronizing = true
                }
                i += 1
                continue
            }
            resynchronizing = false
            if length > UInt64(Self.maximumRecordLength) {
                run.problems.add("records larger than 64 MiB skipped", at: "\(file):\(offset + Int64(i))")
                skipRemaining = length + 4
                i += 12
                continue
            }
            let total = 12 + Int(length) + 4
            guard n - i >= total else { break }
            let data = UnsafeRawBufferPointer(rebasing: bytes[i + 12..<i + 12 + Int(length)])
            let dataCRC = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 12 + Int(length), as: UInt32.self))
            if CRC32C.masked(data) != dataCRC {
                run.problems.add("records with a bad data CRC skipped", at: "\(file):\(offset + Int64(i))")
            } else {
                do {
                    try event.decode(data)
                    run.apply(event, place: "\(file):\(offset + Int64(i))")
                } catch {
                    run.problems.add("records that are not Event protobufs skipped", at: "\(file):\(offset + Int64(i))")
                }
            }
            i += total
        }
        return i
    }

    /// Reports the bytes left over at the end of a file that is read once and not followed
    /// (unless they belong to a damaged stretch, already reported).
    func finish(remaining: Int, offset: Int64, file: String, into run: inout LogRun) {
        if !resynchronizing, remaining > 0 || skipRemaining > 0 {
            run.problems.add("records cut off at the end of the file", at: "\(file):\(offset)")
        }
    }
}
