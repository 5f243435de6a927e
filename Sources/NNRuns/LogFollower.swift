import Foundation

/// Follows one log file as it grows: reads the bytes appended since the last poll, hands the
/// complete records to its format's parser, and keeps the incomplete tail for the next poll.
///
/// A file that shrinks, is replaced (new inode) or whose first bytes change (Lightning rewrites
/// `metrics.csv` whole when a column appears) is reported as rewritten: its run starts over.
struct LogFollower {
    enum Change { case none, grew, rewritten }

    /// Bytes read per system call.
    static let chunkSize = 1 << 20
    /// How many leading bytes are kept to notice a rewritten file.
    static let prefixLength = 4096

    let path: String
    let format: LogFormat
    /// The series an MLflow metric file holds (empty for other formats).
    let tag: String
    private let fileName: String
    private var parser: any LogParser
    /// File offset up to which bytes were read (parsed or pending).
    private var readOffset: Int64 = 0
    private var pending: [UInt8] = []
    private var prefix: [UInt8] = []
    private var inode: UInt64?
    private var modified = timespec()
    /// Why the file could not be read at the last poll (reported once, until it changes).
    private var problem: String?

    /// Bytes held between polls: the incomplete tail and the prefix kept.
    var heldBytes: Int { pending.capacity + prefix.capacity }

    init(path: String, format: LogFormat, tag: String = "") {
        self.path = path
        self.format = format
        self.tag = tag
        self.fileName = (path as NSString).lastPathComponent
        self.parser = logParser(format, tag: tag)
    }

    /// Forgets what was read: the next poll reads the file from the start.
    mutating func restart() {
        self = LogFollower(path: path, format: format, tag: tag)
    }

    /// Reads what was appended since the last poll into `run`: `.grew` when complete records
    /// were read, `.none` when nothing or only part of a record arrived.
    ///
    /// The file is opened without blocking and read only while it is a regular file: one
    /// replaced by a FIFO, a device or a folder is reported and passed over, and the other
    /// files and runs keep being read.
    mutating func poll(into run: inout LogRun) -> Change {
        let fd: Int32
        do {
            fd = try RegularFile.openForReading(path).descriptor
        } catch {
            if problem != error.problem {
                problem = error.problem
                run.problems.add(.init("poll skipped: a file could not be read", "polls skipped: a file could not be read"), at: "\(fileName): \(error.problem)")
            }
            return .none
        }
        problem = nil
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .none }
        let size = Int64(info.st_size)
        let node = UInt64(info.st_ino)
        let time = info.st_mtim
        if let inode, inode != node || size < readOffset { return .rewritten }
        if size == readOffset, time.tv_sec == modified.tv_sec, time.tv_nsec == modified.tv_nsec { return .none }
        if !prefix.isEmpty, Self.read(fd, at: 0, count: prefix.count) != prefix { return .rewritten }
        inode = node
        modified = time
        var used = 0
        while readOffset < size {
            let chunk = Self.read(fd, at: readOffset, count: Int(min(Int64(Self.chunkSize), size - readOffset)))
            if chunk.isEmpty { break }
            if prefix.count < Self.prefixLength {
                prefix += chunk.prefix(Self.prefixLength - prefix.count)
            }
            readOffset += Int64(chunk.count)
            if pending.isEmpty { pending = chunk } else { pending += chunk }
            let pendingOffset = readOffset - Int64(pending.count)
            let consumed = pending.withUnsafeBytes { parser.consume($0, offset: pendingOffset, file: fileName, into: &run) }
            pending.removeFirst(consumed)
            used += consumed
        }
        // Keep only the incomplete tail's bytes, not the capacity of the chunks read (a run
        // followed holds them until its next poll): `Array(pending)` would share the buffer.
        if pending.capacity > 2 * pending.count + 64 { pending = pending.withUnsafeBufferPointer { [UInt8]($0) } }
        // Once at least half of what was read so far came in this poll (a file read whole, or
        // grown to twice its size), the curves give back the room their doubling left: each
        // point's bytes are copied a bounded number of times over the file's life.
        if used > 0, 2 * Int64(used) >= readOffset { run.shrinkScalars() }
        return used > 0 ? .grew : .none
    }

    /// Reports the incomplete tail as cut off: for a file read once, not followed.
    mutating func finish(into run: inout LogRun) {
        let offset = readOffset - Int64(pending.count)
        pending.withUnsafeBytes { parser.finish($0, offset: offset, file: fileName, into: &run) }
        pending = []
    }

    private static func read(_ fd: Int32, at offset: Int64, count: Int) -> [UInt8] {
        // Not filled with zeros first: only the bytes read are kept.
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = max(0, pread(fd, buffer.baseAddress, count, off_t(offset)))
        }
    }
}
