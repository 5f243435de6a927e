import Foundation

/// Why a file could not be written: its path (made display-safe) and the system's reason.
public struct FileWriteError: Error, CustomStringConvertible, Sendable, Equatable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path.displaySafe): \(reason.displaySafe)" }
}

/// Replaces a file so that readers see the old contents or the new, never a part of them.
///
/// The bytes go to an unnamed file in the destination's folder (`O_TMPFILE`), which gets a
/// name only once complete and synced, and is then renamed over the destination: a process
/// killed while writing leaves nothing behind. Where the file system has no unnamed files, a
/// `.NAME.partial` file is written instead; its name never looks like the finished file, and the
/// next write to the same destination replaces it.
///
/// Only a regular file is ever replaced: a destination that is a directory, FIFO, device or
/// socket (a checkpoint path of `/dev/null`, say) is refused and left as it was, since the rename
/// would otherwise put a file in its place.
public enum AtomicFile {
    /// The name of the temporary file for `url`: hidden, beside it, and never mistaken for it.
    public static func partialURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".partial")
    }

    /// Writes `text` as UTF-8 to `url`, replacing what was there.
    public static func write(_ text: String, to url: URL) throws(FileWriteError) {
        try write(Data(text.utf8), to: url)
    }

    /// Writes `data` to `url`, replacing what was there.
    public static func write(_ data: Data, to url: URL) throws(FileWriteError) {
        try write(data, to: url, writer: { Foundation.write($0, $1, $2) })
    }

    /// `write(_:to:)` with the system call that writes bytes given (tests make it fail or stop).
    static func write(_ data: Data, to url: URL, writer: (Int32, UnsafeRawPointer, Int) -> Int) throws(FileWriteError) {
        let partial = partialURL(for: url)
        let folder = url.deletingLastPathComponent().path
        func failure(_ code: Int32 = errno) -> FileWriteError {
            FileWriteError(path: url.path, reason: String(cString: strerror(code)))
        }
        var existing = stat()
        if stat(url.path, &existing) == 0, let problem = RegularFile.problem(mode: existing.st_mode) {
            throw FileWriteError(path: url.path, reason: problem)
        }
        var fd = open(folder, oTmpFile | O_WRONLY | O_CLOEXEC, 0o644)
        let unnamed = fd >= 0
        if !unnamed {
            guard errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL else { throw failure() }
            fd = open(partial.path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else { throw failure() }
        }
        var closed = false
        defer { if !closed { close(fd) } }
        do throws(FileWriteError) {
            try writeAll(data, to: fd, writer: writer, failure: failure)
            guard fsync(fd) == 0 else { throw failure() }
            if unnamed {
                // Gives the finished file a name: the hidden partial name, then the real one.
                unlink(partial.path)
                guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, partial.path, AT_SYMLINK_FOLLOW) == 0 else {
                    throw failure()
                }
            }
            closed = true
            guard close(fd) == 0 else { throw failure() }
            guard rename(partial.path, url.path) == 0 else { throw failure() }
        } catch {
            unlink(partial.path)
            throw error
        }
    }

    /// Linux's `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`), a macro Swift does not import.
    private static let oTmpFile = Int32(0o20_000_000) | O_DIRECTORY

    /// Writes every byte of `data` to `fd`, retrying short writes and interruptions.
    static func writeAll(_ data: Data, to fd: Int32, writer: (Int32, UnsafeRawPointer, Int) -> Int,
                         failure: (Int32) -> FileWriteError) throws(FileWriteError) {
        var code: Int32 = 0
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var done = 0
            while done < bytes.count {
                let n = writer(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    code = errno
                    return
                }
                if n == 0 {
                    code = ENOSPC
                    return
                }
                done += n
            }
        }
        if code != 0 { throw failure(code) }
    }
}
