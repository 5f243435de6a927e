/// Reads a W&B run file (`run-<id>.wandb`, written by `wandb` in offline mode and beside every
/// online run) incrementally. The file is LevelDB's log format with W&B's header and checksum:
/// a 7-byte header (`:W&B`, magic 0xBEE1, version 0), then 32 KiB blocks of records, each a
/// little-endian u32 CRC-32 (zlib's, of the type byte and the data), a u16 length and a type
/// byte (1 full, 2 first, 3 middle, 4 last piece of a protobuf `Record`); a block's last 6
/// bytes or fewer are zero padding.
///
/// Format: W&B's `sdk/internal/datastore.py`; LevelDB's `doc/log_format.md`.
struct WandbLogParser: LogParser {
    static let blockLength: Int64 = 32768
    static let headerLength = 7
    /// Records reassembled from pieces larger than this are skipped (W&B's are far smaller).
    static let maximumRecordLength = 64 << 20

    private var headerChecked = false
    private var isWandbFile = true
    private var pieces: [UInt8]?
    private var skippingRecord = false
    private var record = WandbRecord()
    /// Whether the bytes before the current position were damaged (one warning per stretch).
    private var resynchronizing = false

    mutating func consume(_ bytes: UnsafeRawBufferPointer, offset: Int64, file: String, into run: inout LogRun) -> Int {
        var i = 0
        let n = bytes.count
        if !headerChecked {
            guard n >= Self.headerLength else { return 0 }
            headerChecked = true
            isWandbFile = offset == 0 && bytes.starts(with: Array(":W&B".utf8)) && bytes[4] == 0xE1 && bytes[5] == 0xBE
                && bytes[6] == 0
            if !isWandbFile {
                run.problems.add(.init("file without W&B's header (`:W&B`, version 0) ignored", "files without W&B's header (`:W&B`, version 0) ignored"), at: "\(file):\(offset)")
            }
            i = Self.headerLength
        }
        guard isWandbFile else { return n }
        while i < n {
            let position = offset + Int64(i)
            let spaceLeft = Int(Self.blockLength - position % Self.blockLength)
            if spaceLeft < Self.headerLength {
                guard n - i >= spaceLeft else { break }
                i += spaceLeft
                continue
            }
            guard n - i >= Self.headerLength else { break }
            let checksum = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self))
            let length = Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 4, as: UInt16.self)))
            let type = bytes[i + 6]
            if checksum == 0, length == 0, type == 0 {
                // Zeros to the end of the block: padding (or space not yet written).
                guard n - i >= spaceLeft else { break }
                i += spaceLeft
                continue
            }
            guard (1...4).contains(type), length <= spaceLeft - Self.headerLength else {
                damaged(at: "\(file):\(position)", into: &run)
                // The next block starts a fresh record header.
                guard n - i >= spaceLeft else { break }
                i += spaceLeft
                continue
            }
            guard n - i >= Self.headerLength + length else { break }
            let data = UnsafeRawBufferPointer(rebasing: bytes[(i + Self.headerLength)..<(i + Self.headerLength + length)])
            i += Self.headerLength + length
            guard CRC32.checksum(prefix: type, data) == checksum else {
                damaged(at: "\(file):\(position)", into: &run)
                pieces = nil
                continue
            }
            resynchronizing = false
            switch type {
            case 1:
                if pieces != nil { damaged(at: "\(file):\(position)", into: &run) }
                pieces = nil
                decode(data, place: "\(file):\(position)", into: &run)
            case 2:
                if pieces != nil { damaged(at: "\(file):\(position)", into: &run) }
                pieces = Array(data)
            default:
                guard var gathered = pieces else {
                    damaged(at: "\(file):\(position)", into: &run)
                    continue
                }
                pieces = nil
                guard gathered.count + data.count <= Self.maximumRecordLength else {
                    run.problems.add(.init("W&B record larger than 64 MiB skipped", "W&B records larger than 64 MiB skipped"), at: "\(file):\(position)")
                    continue
                }
                gathered += data
                if type == 3 {
                    pieces = gathered
                } else {
                    gathered.withUnsafeBytes { decode($0, place: "\(file):\(position)", into: &run) }
                }
            }
        }
        return i
    }

    /// Reports a record left incomplete at the end of a file that is read once and not followed.
    func finish(remaining: Int, offset: Int64, file: String, into run: inout LogRun) {
        guard isWandbFile, !resynchronizing else { return }
        if pieces != nil || remaining >= Self.headerLength {
            run.problems.add(.init("W&B record cut off at the end of the file", "W&B records cut off at the end of the file"), at: "\(file):\(offset)")
        }
    }

    private mutating func damaged(at place: @autoclosure () -> String, into run: inout LogRun) {
        if !resynchronizing {
            run.problems.add(.init("damaged stretch of W&B records skipped (bad checksum or framing)", "damaged stretches of W&B records skipped (bad checksum or framing)"), at: place())
            resynchronizing = true
        }
    }

    private mutating func decode(_ data: UnsafeRawBufferPointer, place: @autoclosure () -> String, into run: inout LogRun) {
        do {
            try record.decode(data, into: &run, place: place())
        } catch {
            run.problems.add(.init("W&B record that is not a Record protobuf skipped", "W&B records that are not Record protobufs skipped"), at: place())
        }
    }
}

extension WandbLogParser {
    func finish(_ rest: UnsafeRawBufferPointer, offset: Int64, file: String, into run: inout LogRun) {
        finish(remaining: rest.count, offset: offset, file: file, into: &run)
    }
}
