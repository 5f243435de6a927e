/// Reads TFRecord-framed TensorBoard event files incrementally: each record is a little-endian
/// u64 length, the masked CRC-32C of the length, the data, and the masked CRC-32C of the data.
///
/// A length's CRC is no proof: anyone can compute it for a forged length. So no length read
/// from the file decides how many bytes are passed over unseen; only a record whose length and
/// data both pass their CRCs is read and stepped over. Everything else is a damaged stretch,
/// reported once, that the parser resynchronizes past by scanning forward one byte at a time
/// for the next record that checks:
/// - a length whose CRC fails;
/// - a length over `maximumRecordLength` (a record that big is not held in memory);
/// - a complete record whose data CRC fails (its length may be the damaged part);
/// - a record still incomplete when the bytes after its header already hold a complete record
///   that checks: writers append whole records, so a record cannot contain the next one, and a
///   followed file must not wait for data that will never come (TensorBoard's data server
///   waits for such a record forever, and gives up on a file at a bad length CRC);
/// - at the end of a file read once, a record longer than what is left.
///
/// Otherwise an incomplete record waits for its rest, as a file being written does.
struct EventFileParser: LogParser {
    /// Records longer than this (graphs, embedded images) are not held in memory: the parser
    /// scans past them for the next record, as past damage.
    static let maximumRecordLength = 64 << 20

    /// Bytes before a record's data (length and its CRC), and after it (the data CRC).
    private static let headerLength = 12, footerLength = 4

    private var event = TensorBoardEvent()
    /// Whether the bytes before the current position were damaged (one warning per stretch).
    private var resynchronizing = false
    /// For the incomplete record waiting at file offset `start`: the offset from which the
    /// bytes after its header have not yet been ruled out as the start of a complete record
    /// that checks (so each poll scans only what is new).
    private var waiting: (start: Int64, scannedTo: Int64)?

    /// Reads the complete records at the start of `bytes` (which start at `offset` in `file`)
    /// into `run`; returns how many bytes were used. Unused bytes must be offered again.
    /// - Parameter atEnd: `bytes` end the file, which is not followed: a record longer than
    ///   what is left is cut off or damaged, and the rest is scanned for records.
    mutating func consume(
        _ bytes: UnsafeRawBufferPointer, offset: Int64, file: String, into run: inout LogRun, atEnd: Bool
    ) -> Int {
        var i = 0
        let n = bytes.count
        while n - i >= Self.headerLength {
            // Inside a damaged stretch, a length over the maximum cannot start the next record:
            // passed over without its CRC (most bytes of a stretch, cheaply).
            if resynchronizing && Self.length(bytes, at: i) == nil {
                i += 1
                continue
            }
            guard Self.lengthChecks(bytes, at: i) else {
                skipDamaged(.init("damaged stretch skipped (a record length failed its CRC)", "damaged stretches skipped (a record length failed its CRC)"), &i, offset, file, &run)
                continue
            }
            guard let length = Self.length(bytes, at: i) else {
                skipDamaged(.init("record longer than 64 MiB skipped", "records longer than 64 MiB skipped"), &i, offset, file, &run)
                continue
            }
            let total = Self.headerLength + length + Self.footerLength
            guard n - i >= total else {
                if atEnd {
                    skipDamaged(Self.cutOff, &i, offset, file, &run)
                    continue
                }
                guard holdsCheckedRecord(bytes, after: i, offset: offset) else { break }
                skipDamaged(Self.badData, &i, offset, file, &run)
                continue
            }
            guard Self.dataChecks(bytes, at: i, length: length) else {
                skipDamaged(Self.badData, &i, offset, file, &run)
                continue
            }
            resynchronizing = false
            let data = UnsafeRawBufferPointer(rebasing: bytes[i + Self.headerLength..<i + Self.headerLength + length])
            if let scalar = TensorBoardEvent.plainScalar(data) {
                run.apply(scalar, place: "\(file):\(offset + Int64(i))")
                i += total
                continue
            }
            do {
                try event.decode(data)
                run.apply(event, place: "\(file):\(offset + Int64(i))")
            } catch {
                run.problems.add(.init("record that is not an Event protobuf skipped", "records that are not Event protobufs skipped"), at: "\(file):\(offset + Int64(i))")
            }
            i += total
        }
        return i
    }

    private static let badData = LogWarnings.Kind("record with a bad data CRC skipped", "records with a bad data CRC skipped")
    private static let cutOff = LogWarnings.Kind("record cut off at the end of the file", "records cut off at the end of the file")

    /// Whether the length at `i` (12 bytes must be there) passes its CRC.
    private static func lengthChecks(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Bool {
        let lengthCRC = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt32.self))
        return CRC32C.masked(UnsafeRawBufferPointer(rebasing: bytes[i..<i + 8])) == lengthCRC
    }

    /// The length at `i`, or nil when it is over `maximumRecordLength`.
    private static func length(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Int? {
        let length = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        return length <= UInt64(maximumRecordLength) ? Int(length) : nil
    }

    /// Whether the complete record at `i` with data of `length` bytes passes its data CRC.
    private static func dataChecks(_ bytes: UnsafeRawBufferPointer, at i: Int, length: Int) -> Bool {
        let start = i + headerLength
        let dataCRC = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: start + length, as: UInt32.self))
        return CRC32C.masked(UnsafeRawBufferPointer(rebasing: bytes[start..<start + length])) == dataCRC
    }

    /// Whether the bytes after the header of the incomplete record at `i` hold a complete record
    /// whose length and data pass their CRCs. Positions ruled out are remembered in `waiting`.
    private mutating func holdsCheckedRecord(_ bytes: UnsafeRawBufferPointer, after i: Int, offset: Int64) -> Bool {
        let start = offset + Int64(i)
        if waiting?.start != start { waiting = (start, start + Int64(Self.headerLength)) }
        let n = bytes.count
        var p = Int(waiting!.scannedTo - offset)
        // The first position that may yet start a record that checks, once more bytes come.
        var undecided: Int?
        while n - p >= Self.headerLength + Self.footerLength {
            defer { p += 1 }
            guard let length = Self.length(bytes, at: p), Self.lengthChecks(bytes, at: p) else { continue }
            guard n - p >= Self.headerLength + length + Self.footerLength else {
                undecided = undecided ?? p
                continue
            }
            if Self.dataChecks(bytes, at: p, length: length) {
                waiting = nil
                return true
            }
        }
        waiting!.scannedTo = offset + Int64(undecided ?? p)
        return false
    }

    /// Reports a stretch that holds no verifiable record (once per stretch) and moves one byte on.
    private mutating func skipDamaged(
        _ kind: LogWarnings.Kind, _ i: inout Int, _ offset: Int64, _ file: String, _ run: inout LogRun
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
            run.problems.add(Self.cutOff, at: "\(file):\(offset + Int64(used))")
        }
    }
}

extension EventFileParser {
    mutating func consume(_ bytes: UnsafeRawBufferPointer, offset: Int64, file: String, into run: inout LogRun) -> Int {
        consume(bytes, offset: offset, file: file, into: &run, atEnd: false)
    }
}
