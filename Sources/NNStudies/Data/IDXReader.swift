import Foundation
import NNRuns

/// Reads the IDX format of the MNIST files (LeCun et al., "The MNIST database of handwritten
/// digits"): two zero bytes, a type byte, the number of dimensions, each dimension as a
/// big-endian 32-bit integer, then the values in row-major order (big-endian).
public enum IDXReader {
    /// An array read from an IDX file.
    public struct Array: Sendable, Equatable {
        public var shape: [Int]
        public var values: [Float]
    }

    /// Errors of a damaged or unexpected file.
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case unreadable(String)
        case wrongMagic(String, [UInt8])
        case unsupportedType(String, UInt8)
        case truncated(String, expected: Int, actual: Int)
        case mismatch(String)

        public var description: String {
            switch self {
            case .unreadable(let problem): return "cannot read IDX file \(problem)"
            case .wrongMagic(let path, let bytes):
                return "\(path) is not an IDX file: magic bytes \(bytes.map { String($0) }.joined(separator: " ")), expected 0 0 type dims"
            case .unsupportedType(let path, let type): return "\(path) has unknown IDX value type 0x\(String(type, radix: 16))"
            case .truncated(let path, let expected, let actual):
                return "\(path) is truncated: \(counted(actual, "byte")), expected \(expected)"
            case .mismatch(let message): return message
            }
        }
    }

    /// The largest IDX file `read(path:)` accepts (MNIST's training images take 47 MB).
    public static let maximumFileSize = 1 << 30

    /// Reads the file at `path`: a regular file of at most `maximumFileSize` bytes (a FIFO or a
    /// device is refused, never read).
    public static func read(path: String) throws(Error) -> Array {
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.read(path, maximumSize: maximumFileSize)
        } catch {
            throw .unreadable(error.description)
        }
        return try parse(bytes, name: path)
    }

    /// Parses the bytes of an IDX file; `name` labels errors.
    public static func parse(_ bytes: [UInt8], name: String) throws(Error) -> Array {
        guard bytes.count >= 4 else { throw .truncated(name, expected: 4, actual: bytes.count) }
        guard bytes[0] == 0, bytes[1] == 0, bytes[3] > 0 else { throw .wrongMagic(name, Swift.Array(bytes[0..<4])) }
        let width: Int
        switch bytes[2] {
        case 0x08, 0x09: width = 1
        case 0x0B: width = 2
        case 0x0C, 0x0D: width = 4
        case 0x0E: width = 8
        default: throw .unsupportedType(name, bytes[2])
        }
        let rank = Int(bytes[3])
        let header = 4 + 4 * rank
        guard bytes.count >= header else { throw .truncated(name, expected: header, actual: bytes.count) }
        let shape = (0..<rank).map { Int(bigEndian(bytes, 4 + 4 * $0, 4)) }
        let (count, overflow) = shape.reduce((1, false)) { acc, d in
            let (p, o) = acc.0.multipliedReportingOverflow(by: d)
            return (p, acc.1 || o)
        }
        let (payload, tooLarge) = count.multipliedReportingOverflow(by: width)
        guard !overflow, !tooLarge, payload <= Int.max - header else {
            throw .mismatch("\(name) declares impossible dimensions \(shape)")
        }
        guard bytes.count >= header + payload else { throw .truncated(name, expected: header + payload, actual: bytes.count) }
        guard bytes.count == header + payload else {
            throw .mismatch("\(name) has \(counted(bytes.count - header - payload, "byte")) after the \(shape) values")
        }
        var values = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let raw = bigEndian(bytes, header + i * width, width)
            switch bytes[2] {
            case 0x08: values[i] = Float(raw)
            case 0x09: values[i] = Float(Int8(truncatingIfNeeded: raw))
            case 0x0B: values[i] = Float(Int16(truncatingIfNeeded: raw))
            case 0x0C: values[i] = Float(Int32(truncatingIfNeeded: raw))
            case 0x0D: values[i] = Float(bitPattern: UInt32(raw))
            default: values[i] = Float(Double(bitPattern: raw))
            }
        }
        return Array(shape: shape, values: values)
    }

    private static func bigEndian(_ bytes: [UInt8], _ start: Int, _ width: Int) -> UInt64 {
        (start..<(start + width)).reduce(0) { $0 << 8 | UInt64(bytes[$1]) }
    }
}

extension Dataset {
    /// The most classes a labels file may name.
    public static let maximumClasses = 1000

    /// Class numbers from label values, checked before any is converted: each must be a whole
    /// number in `0..<maximumClasses` (a NaN, an infinity or a fraction names the file and the value).
    static func classLabels(_ values: [Float], path: String) throws(IDXReader.Error) -> [Int] {
        guard !values.isEmpty else { throw .mismatch("\(path) holds no labels") }
        if let (i, bad) = values.enumerated().first(where: { !($0.1 >= 0 && $0.1 < Float(maximumClasses) && $0.1.rounded() == $0.1) }) {
            throw .mismatch("\(path) holds label \(bad) at index \(i); labels are whole numbers in 0..<\(maximumClasses)")
        }
        return values.map { Int($0) }
    }

    /// 8-bit images (N, H, W) and their labels (N) from IDX arrays, checked: the shapes fit each
    /// other, every pixel is a whole number in 0...255 and every label a class below `classes`.
    public static func idxImages(_ images: IDXReader.Array, _ labels: IDXReader.Array, imagesName: String, labelsName: String,
                          classes: Int) throws(IDXReader.Error) -> (images: [PixelImage], labels: [Int]) {
        guard images.shape.count == 3, images.shape[0] > 0, images.shape[1] > 0, images.shape[2] > 0 else {
            throw .mismatch("\(imagesName) holds shape \(images.shape), expected (images, height, width)")
        }
        guard labels.shape.count == 1, labels.shape[0] == images.shape[0] else {
            throw .mismatch("\(labelsName) holds \(labels.shape) labels for \(images.shape[0]) images")
        }
        let classNumbers = try classLabels(labels.values, path: labelsName)
        if let bad = classNumbers.firstIndex(where: { $0 >= classes }) {
            throw .mismatch("\(labelsName) holds label \(classNumbers[bad]) at index \(bad); the dataset has \(classes) classes")
        }
        guard images.values.allSatisfy({ $0 >= 0 && $0 <= 255 && $0.rounded() == $0 }) else {
            throw .mismatch("\(imagesName) holds values outside the bytes 0...255")
        }
        let (height, width) = (images.shape[1], images.shape[2]), size = images.shape[1] * images.shape[2]
        let pictures = (0..<images.shape[0]).map { n in
            PixelImage(width: width, height: height, channels: 1,
                       pixels: images.values[(n * size)..<((n + 1) * size)].map { UInt8($0) })
        }
        return (pictures, classNumbers)
    }

    /// A dataset of IDX images (N, H, W), scaled from 0...255 to 0...1, and IDX labels (N).
    public static func idx(images imagesPath: String, labels labelsPath: String) throws(IDXReader.Error) -> Dataset {
        let images = try IDXReader.read(path: imagesPath), labels = try IDXReader.read(path: labelsPath)
        guard images.shape.count == 3 else {
            throw .mismatch("\(imagesPath) holds shape \(images.shape), expected (images, height, width)")
        }
        guard labels.shape.count == 1, labels.shape[0] == images.shape[0] else {
            throw .mismatch("\(labelsPath) holds \(labels.shape) labels for \(images.shape[0]) images")
        }
        let classes = try classLabels(labels.values, path: labelsPath)
        return Dataset(name: (imagesPath as NSString).lastPathComponent, features: images.values.map { $0 / 255 },
                       featureShape: [1, images.shape[1], images.shape[2]], labels: classes,
                       classNames: (0...(classes.max() ?? 0)).map(String.init))
    }
}
