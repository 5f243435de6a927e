import Foundation
import CImageCodecs

/// gzip files through zlib.
public enum Gzip {
    /// Why a gzip file could not be inflated.
    public struct Error: Swift.Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// The inflated contents of `bytes` (one or more gzip members), at most `maximumSize` bytes.
    public static func decompress(_ bytes: [UInt8], maximumSize: Int) throws(Error) -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        var size = 0
        var message = [CChar](repeating: 0, count: Int(NN_MESSAGE_SIZE))
        let status = bytes.withUnsafeBufferPointer { nn_gunzip($0.baseAddress, $0.count, maximumSize, &out, &size, &message) }
        defer { nn_image_free(out) }
        guard status == 0, let out else {
            throw Error(description: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).displaySafe)
        }
        return Array(UnsafeBufferPointer(start: out, count: size))
    }

    /// True when `bytes` start with gzip's magic number.
    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x1F, 0x8B]) }
}

/// The regular files of a tar archive (POSIX ustar and GNU), by name, read without extracting
/// anything to disk.
public enum TarArchive {
    /// The regular files in `bytes`, path to contents.
    public static func files(_ bytes: [UInt8]) throws(Gzip.Error) -> [String: ArraySlice<UInt8>] {
        var files: [String: ArraySlice<UInt8>] = [:]
        var offset = 0
        var longName: String?
        while offset + 512 <= bytes.count {
            let header = bytes[offset..<(offset + 512)]
            if header.allSatisfy({ $0 == 0 }) { break }
            let name = text(header, 0, 100), prefix = text(header, 345, 155)
            guard let size = octal(header, 124, 12) else { throw Gzip.Error(description: "a damaged tar header at byte \(offset)") }
            let start = offset + 512
            guard size <= bytes.count - start else { throw Gzip.Error(description: "the tar archive ends inside \(name.displaySafe)") }
            let type = header[header.startIndex + 156]
            let path = longName ?? (prefix.isEmpty ? name : prefix + "/" + name)
            longName = nil
            switch type {
            case UInt8(ascii: "0"), 0: files[path] = bytes[start..<(start + size)]
            case UInt8(ascii: "L"): longName = String(decoding: bytes[start..<(start + size)].prefix { $0 != 0 }, as: UTF8.self)
            default: break
            }
            offset = start + (size + 511) / 512 * 512
        }
        return files
    }

    private static func text(_ header: ArraySlice<UInt8>, _ at: Int, _ length: Int) -> String {
        let start = header.startIndex + at
        return String(decoding: header[start..<(start + length)].prefix { $0 != 0 }, as: UTF8.self)
    }

    private static func octal(_ header: ArraySlice<UInt8>, _ at: Int, _ length: Int) -> Int? {
        let digits = text(header, at, length).trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.count <= 11 else { return digits.isEmpty ? 0 : nil }
        return Int(digits, radix: 8)
    }
}
