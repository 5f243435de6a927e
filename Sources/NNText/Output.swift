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
        bytes.withUnsafeBytes { raw in
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
}

/// Why `Output` could not write a file: the path and the system's reason.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let code: Int32

    public var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
}
