#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// The one writer of nndash's text: standard output, standard error and exported files.
///
/// Every string passes through `displaySafe(keepingLineBreaks:)` on its way out, so no output,
/// present or future (a report, a JSON document, a warning, an error message), can put a
/// control character or an escape sequence from a log, a file or an argument on the terminal.
/// JSON stays valid through it: the JSON writer escapes those characters as `\u` first.
/// (The terminal backend alone writes control sequences, to drive the screen.)
public struct Output: TextOutputStream {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Writes are gathered and sent in pieces of this size (and by `flush()`).
    static let bufferSize = 1 << 16

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Standard output, buffered: call `flush()` when done.
    public static var standardOutput: Output { Output(descriptor: STDOUT_FILENO) }

    /// Standard error, buffered: call `flush()` when done.
    public static var standardError: Output { Output(descriptor: STDERR_FILENO) }

    /// Adds `string`, made display-safe, to what is written.
    public mutating func write(_ string: String) {
        buffer += Self.safeBytes(string)
        if buffer.count >= Self.bufferSize { flush() }
    }

    /// Adds the UTF-8 `bytes`, made display-safe, to what is written: when they are all
    /// printable ASCII or line feeds (checked a byte at a time, without decoding) they are
    /// safe as they stand; anything else takes the way of `write(_:)`.
    public mutating func write(utf8 bytes: UnsafeRawBufferPointer) {
        write(utf8: bytes, isPlainText: Self.isPlainText(bytes))
    }

    /// `write(utf8:)` for bytes already checked by `isPlainText` (where they were made, on
    /// another thread, say), passing what it said; they are not looked at again.
    public mutating func write(utf8 bytes: UnsafeRawBufferPointer, isPlainText: Bool) {
        if isPlainText {
            if buffer.count + bytes.count < Self.bufferSize {
                buffer.append(contentsOf: bytes)
            } else {
                // A large piece goes out as it is, not copied into the buffer first.
                flush()
                Self.writeAll(bytes, to: descriptor)
            }
        } else {
            write(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Whether every byte is printable ASCII or a line feed.
    public static func isPlainText(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // Eight bytes at a time, by bit tricks that never miss a byte outside 0x20...0x7E (a
        // high bit; a byte equal to 0x7F; a byte below 0x20) but may flag a word falsely or
        // for a line feed: a flagged word is looked at byte by byte.
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= bytes.count {
            let w = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let del = w ^ (0x7F &* ones)
            let flags = (w & highs) | ((del &- ones) & ~del & highs) | ((w &- 0x20 &* ones) & ~w & highs)
            if flags != 0 {
                for k in i..<(i + 8) where !isPlain(bytes[k]) { return false }
            }
            i += 8
        }
        while i < bytes.count {
            if !isPlain(bytes[i]) { return false }
            i += 1
        }
        return true
    }

    private static func isPlain(_ b: UInt8) -> Bool { b &- 0x20 <= 0x5E || b == 0x0A }

    /// Sends what was written so far.
    public mutating func flush() {
        Self.writeAll(buffer, to: descriptor)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Prints `line` and a line feed on standard output at once.
    public static func print(_ line: String) {
        writeAll(safeBytes(line + "\n"), to: STDOUT_FILENO)
    }

    /// Prints `line` and a line feed on standard error at once: a warning or an error message.
    public static func printError(_ line: String) {
        writeAll(safeBytes(line + "\n"), to: STDERR_FILENO)
    }

    /// Shows `line` as the current state of a long task on standard error: on a terminal it
    /// replaces the previous state in place (a carriage return, the display-safe line, spaces to
    /// `width` columns); elsewhere nothing is written until `endProgress`.
    public static func progress(_ line: String, width: Int = 79) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        let safe = line.displaySafe
        let padding = String(repeating: " ", count: Swift.max(0, width - safe.count))
        writeAll([13] + Array((safe + padding).utf8), to: STDERR_FILENO)
    }

    /// Ends a task shown by `progress`: its final state on a line of its own.
    public static func endProgress(_ line: String, width: Int = 79) {
        if isatty(STDERR_FILENO) == 1 {
            progress(line, width: width)
            writeAll([10], to: STDERR_FILENO)
        } else {
            printError(line)
        }
    }

    /// Writes `text`, made display-safe, to a new file at `path` (an exported panel).
    /// - Throws: `OutputError` naming the path when the file cannot be created or written.
    public static func export(_ text: String, toFile path: String) throws(OutputError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw OutputError(path: path, code: errno) }
        defer { close(fd) }
        guard writeAll(safeBytes(text), to: fd) else { throw OutputError(path: path, code: errno) }
    }

    /// `string` as UTF-8 with every unsafe character made inert, line feeds kept.
    static func safeBytes(_ string: String) -> [UInt8] {
        Array(string.displaySafe(keepingLineBreaks: true).utf8)
    }

    /// Writes all of `bytes`, retrying short writes and interruptions; false on an error
    /// (a closed pipe, a full disk), when the rest is dropped.
    @discardableResult
    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { writeAll($0, to: fd) }
    }

    @discardableResult
    private static func writeAll(_ raw: UnsafeRawBufferPointer, to fd: Int32) -> Bool {
        var offset = 0
        while offset < raw.count {
            let n = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }
}

/// Why `Output` could not write a file: the path and the system's reason.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let code: Int32

    public var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
}
