import Foundation

/// Real-format dataset files made by the tests: gzip (stored deflate blocks), tar (ustar), IDX
/// and CIFAR-10's binary records.
enum DatasetFiles {
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) } }

    /// `bytes` as a gzip file whose deflate stream is stored blocks (RFC 1951 §3.2.4).
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255]
        var start = 0
        repeat {
            let count = min(65_535, bytes.count - start)
            let last: UInt8 = start + count == bytes.count ? 1 : 0
            out += [last, UInt8(count & 255), UInt8(count >> 8), UInt8(~count & 255), UInt8((~count >> 8) & 255)]
            out += bytes[start..<(start + count)]
            start += count
        } while start < bytes.count
        return out + littleEndian(crc32(bytes)) + littleEndian(UInt32(truncatingIfNeeded: bytes.count))
    }

    /// A ustar archive of `files` (path, contents).
    static func tar(_ files: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        for (path, contents) in files {
            var header = [UInt8](repeating: 0, count: 512)
            func put(_ text: String, _ at: Int) { for (i, b) in text.utf8.enumerated() { header[at + i] = b } }
            put(path, 0)
            put("0000644\0", 100)
            put("0000000\0", 108)
            put("0000000\0", 116)
            put(String(format: "%011o\0", contents.count), 124)
            put("00000000000\0", 136)
            put("        ", 148)
            header[156] = UInt8(ascii: "0")
            put("ustar\0", 257)
            put("00", 263)
            let sum = header.reduce(0) { $0 + Int($1) }
            put(String(format: "%06o\0 ", sum), 148)
            out += header + contents + [UInt8](repeating: 0, count: (512 - contents.count % 512) % 512)
        }
        return out + [UInt8](repeating: 0, count: 1024)
    }

    /// An IDX file of unsigned bytes.
    static func idx(_ shape: [Int], _ payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 8, UInt8(shape.count)]
        for d in shape { bytes += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)] }
        return bytes + payload
    }

    /// 28x28 images whose label is the row of a bright bar, as MNIST's four gzip'd IDX files.
    static func mnist(train: Int, test: Int) -> [String: [UInt8]] {
        func images(_ count: Int, offset: Int) -> ([UInt8], [UInt8]) {
            var pixels: [UInt8] = [], labels: [UInt8] = []
            for n in 0..<count {
                let label = (n + offset) % 10
                for y in 0..<28 { for x in 0..<28 { pixels.append(y / 3 == label ? 200 : UInt8((x * 7 + y * 3 + n) % 40)) } }
                labels.append(UInt8(label))
            }
            return (pixels, labels)
        }
        let (trainImages, trainLabels) = images(train, offset: 0), (testImages, testLabels) = images(test, offset: 3)
        return [
            "train-images-idx3-ubyte.gz": gzip(idx([train, 28, 28], trainImages)),
            "train-labels-idx1-ubyte.gz": gzip(idx([train], trainLabels)),
            "t10k-images-idx3-ubyte.gz": gzip(idx([test, 28, 28], testImages)),
            "t10k-labels-idx1-ubyte.gz": gzip(idx([test], testLabels)),
        ]
    }

    /// CIFAR-10's binary tarball with `perBatch` records in each of the five training batches and
    /// the test batch: record i has label i % 10 and red value 10·label.
    static func cifar(perBatch: Int) -> [UInt8] {
        func batch(_ offset: Int) -> [UInt8] {
            var out: [UInt8] = []
            for i in 0..<perBatch {
                let label = (offset + i) % 10
                out.append(UInt8(label))
                out += [UInt8](repeating: UInt8(10 * label), count: 1024)
                out += (0..<1024).map { UInt8($0 % 256) }
                out += [UInt8](repeating: 7, count: 1024)
            }
            return out
        }
        let files = (1...5).map { ("cifar-10-batches-bin/data_batch_\($0).bin", batch($0 * perBatch)) }
            + [("cifar-10-batches-bin/test_batch.bin", batch(0)), ("cifar-10-batches-bin/batches.meta.txt", Array("airplane\n".utf8))]
        return gzip(tar(files))
    }
}
