import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file named on the command line or found in a folder could not be read: one line that
/// names the path and what is wrong with it ("is a directory", "is a FIFO (named pipe)", "is
/// 3 GiB, more than the 1 GiB allowed").
public struct FileReadError: Error, Equatable, CustomStringConvertible, Sendable {
    public let path: String
    public let problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }

    /// Whether nothing is at the path.
    public var isMissing: Bool { problem == RegularFile.reason(ENOENT) }
}

/// Reads files from outside as hostile input: only regular files are read (a directory, FIFO,
/// device or socket is refused with a clear reason, and never opened for a blocking read), and
/// never more than a size bound, checked before anything is allocated.
public enum RegularFile {
    /// What is at `path`, as a reason it cannot be read as a file: nil for a regular file.
    public static func problem(at path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return reason(errno) }
        return problem(mode: info.st_mode)
    }

    /// Why an object of `mode` (from `stat`) is not a regular file; nil when it is one.
    static func problem(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a directory, not a file"
        case S_IFIFO: return "is a FIFO (named pipe), not a file"
        case S_IFCHR: return "is a character device, not a file"
        case S_IFBLK: return "is a block device, not a file"
        case S_IFSOCK: return "is a socket, not a file"
        default: return "is not a regular file"
        }
    }

    /// A failed system call's `errno` as a reason.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES, EPERM: return "permission denied"
        case ENOTDIR: return "a part of the path is not a folder"
        case ELOOP: return "too many symbolic links"
        case ENAMETOOLONG: return "the name is too long"
        case EISDIR: return "is a directory, not a file"
        case ENXIO: return "is a socket or device without a reader, not a file"
        default: return String(cString: strerror(code))
        }
    }

    /// A size in bytes for a person: `512 bytes`, `64 MiB`, `1.5 GiB`.
    static func describe(size: Int64) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        guard size >= 1024 else { return counted(size, "byte") }
        var value = Double(size)
        var unit = -1
        while value >= 1024, unit + 1 < units.count {
            value /= 1024
            unit += 1
        }
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return "\(text) \(units[unit])"
    }

    /// Opens `path` for reading without ever blocking (a FIFO with no writer would block
    /// `open` itself) and checks that it is a regular file; returns the descriptor and size.
    /// - Throws: `FileReadError` for anything but a regular file that can be opened.
    public static func openForReading(_ path: String) throws(FileReadError) -> (descriptor: Int32, size: Int64) {
        var fd: Int32
        repeat {
            fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        } while fd < 0 && errno == EINTR
        guard fd >= 0 else {
            let code = errno
            throw FileReadError(path: path, problem: problem(at: path) ?? reason(code))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw FileReadError(path: path, problem: reason(code))
        }
        if let problem = problem(mode: info.st_mode) {
            close(fd)
            throw FileReadError(path: path, problem: problem)
        }
        return (fd, Int64(info.st_size))
    }

    /// The bytes of the regular file at `path`, at most `maximumSize` of them.
    /// - Throws: `FileReadError` when `path` is not a regular file, cannot be read, or is
    ///   larger than `maximumSize` (checked before reading).
    public static func read(_ path: String, maximumSize: Int) throws(FileReadError) -> [UInt8] {
        let (fd, size) = try openForReading(path)
        defer { close(fd) }
        guard size <= Int64(maximumSize) else {
            throw FileReadError(path: path, problem:
                "is \(describe(size: size)), more than the \(describe(size: Int64(maximumSize))) allowed")
        }
        // One byte more than the size, to notice a file that grew while it was read.
        let capacity = Int(size) + 1
        var bytes = [UInt8](repeating: 0, count: capacity)
        var count = 0
        while count < capacity {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress! + count, capacity - count, off_t(count))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, problem: reason(errno))
            }
            if got == 0 { break }
            count += got
        }
        guard count <= maximumSize else {
            throw FileReadError(path: path, problem:
                "grew past the \(describe(size: Int64(maximumSize))) allowed while it was read")
        }
        bytes.removeLast(capacity - count)
        return bytes
    }

    /// The bytes of the regular file at `url`, as `read(_:maximumSize:)` reads them.
    public static func read(_ url: URL, maximumSize: Int) throws(FileReadError) -> Data {
        Data(try read(url.path, maximumSize: maximumSize))
    }
}
