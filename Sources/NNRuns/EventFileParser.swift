/// Reads TFRecord-framed TensorBoard event files incrementally: each record is a little-endian
/// u64 length, the masked CRC-32C of the length, the data, and the masked CRC-32C of the data.
///
/// A record still being written waits for its rest. A record whose data CRC fails is skipped
/// (its length was verified, so the next record starts right after it). When a length's own
/// CRC fails, the length cannot be trusted: the parser resynchronizes by scanning forward for
/// the next 12 bytes that form a valid length and length CRC. A length over
/// `maximumRecordLength`, and at the end of a file read once a record longer than what is
/// left, cannot be verified either (a 32-bit CRC of a forged or damaged length can match):
/// those are resynchronized the same way, so that no length read from the file decides how
/// many bytes are passed over unseen.
struct EventFileParser {
    /// Records longer than this (graphs, embedded images) are not held in memory: the parser
    /// scans past them for the next record, as past damage.
    static let maximumRecordLength = 64 << 20

    private var event = TensorBoardEvent()
    /// Whether the bytes before the current position were damaged (one warning per stretch).
    private var resynchronizing = false

    /// Reads the complete records at the start of `bytes` (which start at `offset` in `file`)
    /// into `run`; returns how many bytes were used. Unused bytes must be offered again.
    /// - Parameter atEnd: `bytes` end the file, which is not followed: a record longer than
    ///   what is left is cut off or damaged, and the rest is scanned for records.
    mutating func consume(
        _ bytes: UnsafeRawBufferPointer, offset: Int64, file: String, into run: inout LogRun, atEnd: Bool = false
    ) -> Int {
        var i = 0
        let n = bytes.count
        while i < n {
            guard n - i >= 12 else { break }
            let header = UnsafeRawBufferPointer(rebasing: bytes[i..<i + 8])
            let length = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let lengthCRC = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt32.self))
            guard CRC32C.masked(header) == lengthCRC else {
                skipDamaged("damaged stretches skipped (a record length failed its CRC)", &i, offset, file, &run)
                continue
            }
            guard length <= UInt64(Self.maximumRecordLength) else {
                skipDamaged("records longer than 64 MiB skipped", &i, offset, file, &run)
                continue
            }
            // Both at most 64 MiB + 16: no overflow.
            let total = 12 + Int(length) + 4
            guard n - i >= total else {
                guard atEnd else { break }
                skipDamaged("records cut off at the end of the file", &i, offset, file, &run)
                continue
            }
            resynchronizing = false
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

    /// Reports a stretch that holds no verifiable record (once per stretch) and moves one byte on.
    private mutating func skipDamaged(
        _ kind: String, _ i: inout Int, _ offset: Int64, _ file: String, _ run: inout LogRun
    ) {
        if !resynchronizing {
            run.problems.add(kind, at: "\(file):\(offset + Int64(i))")
            resynchronizing = true
        }
        i += 1
    }

    /// Reads `rest`, the bytes left at the end of a file that is read once and not followed:
    /// the records in it after a cut-off or damaged one are kept, and the bytes too few to
    /// form a record reported as cut off (unless they belong to a damaged stretch, already
    /// reported).
    mutating func finish(_ rest: UnsafeRawBufferPointer, offset: Int64, file: String, into run: inout LogRun) {
        let used = consume(rest, offset: offset, file: file, into: &run, atEnd: true)
        if !resynchronizing, used < rest.count {
            run.problems.add("records cut off at the end of the file", at: "\(file):\(offset + Int64(used))")
        }
    }
}
