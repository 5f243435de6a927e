import Foundation

/// Why a file could not be read: its path (made display-safe) and what is wrong with it.
public struct FileReadError: Error, CustomStringConvertible, Sendable, Equatable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot read \(path.displaySafe): \(reason.displaySafe)" }
}

/// Reads whole files that must be regular files of a bounded size.
///
/// The file is opened without blocking and checked with `fstat` before a byte is read, so a
/// directory, a FIFO, a socket or a device (`/dev/zero`, `/dev/null`) is refused with what it
/// is, never read forever or mistaken for an empty file.
public enum RegularFile {
    /// The contents of the regular file at `url`.
    /// - Throws: `FileReadError` naming the path and why: missing, not a regular file (and what
    ///   it is), larger than `maximumSize` bytes, or the system's error.
    public static func read(_ url: URL, maximumSize: Int) throws(FileReadError) -> Data {
        let path = url.path
        func failure(_ reason: String) -> FileReadError { FileReadError(path: path, reason: reason) }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(String(cString: strerror(errno))) }
        if let kind = kindName(info.st_mode) { throw failure("it is \(kind), not a regular file") }
        guard info.st_size <= maximumSize else {
            throw failure("it holds \(info.st_size) bytes, more than the \(maximumSize) allowed")
        }
        var data = Data(count: Int(info.st_size))
        var done = 0, code: Int32 = 0
        data.withUnsafeMutableBytes { (bytes: UnsafeMutableRawBufferPointer) in
            while done < bytes.count {
                let n = Foundation.read(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    code = errno
                    return
                }
                if n == 0 { return }
                done += n
            }
        }
        if code != 0 { throw failure(String(cString: strerror(code))) }
        // A file that shrank while being read keeps what was there.
        data.count = done
        return data
    }

    /// What a file of mode `mode` is when it is not a regular file ("a directory", "a FIFO", ...).
    static func kindName(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        default: "not a regular file"
        }
    }
}
