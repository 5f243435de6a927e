import Foundation
import NNRuns

/// The datasets torchvision downloads by name that nndash reads: the files, the mirrors
/// torchvision takes them from, and their published MD5 checksums.
public enum StandardDataset: String, CaseIterable, Sendable {
    case mnist
    case fashionMNIST = "fashion-mnist"
    case cifar10

    /// A file of the dataset as published.
    public struct RemoteFile: Sendable, Equatable {
        public var name: String
        public var md5: String
        /// The MD5 of the inflated file, when it is known: a copy placed by hand may be the
        /// uncompressed file (its name without `.gz`), as torchvision's raw folders hold it.
        public var rawMD5: String?

        /// The name of the uncompressed file.
        public var rawName: String { name.hasSuffix(".gz") ? String(name.dropLast(3)) : name }
    }

    /// Which of the published splits a run uses.
    public enum Split: String, Sendable, CaseIterable {
        /// Train on the training split, validate on the test split.
        case both
        case train
        case test
    }

    /// The base URLs the files are downloaded from, in the order tried (torchvision's mirrors).
    public var mirrors: [String] {
        switch self {
        case .mnist: ["https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/"]
        case .fashionMNIST: ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"]
        case .cifar10: ["https://www.cs.toronto.edu/~kriz/"]
        }
    }

    /// The files, with the checksums their publishers give.
    public var files: [RemoteFile] {
        switch self {
        case .mnist: [
            RemoteFile(name: "train-images-idx3-ubyte.gz", md5: "f68b3c2dcbeaaa9fbdd348bbdeb94873", rawMD5: "6bbc9ace898e44ae57da46a324031adb"),
            RemoteFile(name: "train-labels-idx1-ubyte.gz", md5: "d53e105ee54ea40749a09fcbcd1e9432", rawMD5: "a25bea736e30d166cdddb491f175f624"),
            RemoteFile(name: "t10k-images-idx3-ubyte.gz", md5: "9fb629c4189551a2d022fa330f9573f3", rawMD5: "2646ac647ad5339dbf082846283269ea"),
            RemoteFile(name: "t10k-labels-idx1-ubyte.gz", md5: "ec29112dd5afa0611ce80d1b7f02629c", rawMD5: "27ae3e4e09519cfbb04c329615203637"),
        ]
        case .fashionMNIST: [
            RemoteFile(name: "train-images-idx3-ubyte.gz", md5: "8d4fb7e6c68d591d4c3dfef9ec88bf0d", rawMD5: nil),
            RemoteFile(name: "train-labels-idx1-ubyte.gz", md5: "25c81989df183df01b3e8a0aad5dffbe", rawMD5: nil),
            RemoteFile(name: "t10k-images-idx3-ubyte.gz", md5: "bef4ecab320f06d8554ea6380940ec79", rawMD5: nil),
            RemoteFile(name: "t10k-labels-idx1-ubyte.gz", md5: "bb300cfdad3c16e7a12a480ee83cd310", rawMD5: nil),
        ]
        // The binary version beside the Python one torchvision reads: the same images, in fixed
        // records rather than pickles.
        case .cifar10: [RemoteFile(name: "cifar-10-binary.tar.gz", md5: "c32a1d4ab5d03f1284b67883e8d87530", rawMD5: nil)]
        }
    }

    /// The class names, in label order.
    public var classNames: [String] {
        switch self {
        case .mnist: (0...9).map(String.init)
        case .fashionMNIST: ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        case .cifar10: ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
        }
    }

    /// The largest file inflated from a download (CIFAR-10's tar is 185 MB).
    static let maximumInflatedSize = 512 << 20

    /// The images and labels of `split` read from the verified files in `folder`: the training
    /// images first, then (for `.both`) the test images, and where the test images begin.
    func read(folder: String, split: Split) throws -> (images: [PixelImage], labels: [Int], testStart: Int?) {
        func load(_ name: String) throws -> [UInt8] {
            let raw = folder + "/" + String(name.dropLast(3))
            if !FileManager.default.fileExists(atPath: folder + "/" + name), FileManager.default.fileExists(atPath: raw) {
                return try RegularFile.read(raw, maximumSize: Self.maximumInflatedSize)
            }
            let bytes = try RegularFile.read(folder + "/" + name, maximumSize: Self.maximumInflatedSize)
            return try Gzip.decompress(bytes, maximumSize: Self.maximumInflatedSize)
        }
        var parts: [(images: [PixelImage], labels: [Int])] = []
        switch self {
        case .mnist, .fashionMNIST:
            for prefix in split == .both ? ["train", "t10k"] : [split == .train ? "train" : "t10k"] {
                let images = try IDXReader.parse(try load("\(prefix)-images-idx3-ubyte.gz"), name: "\(prefix)-images-idx3-ubyte.gz")
                let labels = try IDXReader.parse(try load("\(prefix)-labels-idx1-ubyte.gz"), name: "\(prefix)-labels-idx1-ubyte.gz")
                parts.append(try Dataset.idxImages(images, labels, imagesName: "\(prefix)-images-idx3-ubyte.gz",
                                                   labelsName: "\(prefix)-labels-idx1-ubyte.gz", classes: classNames.count))
            }
        case .cifar10:
            let files = try TarArchive.files(try load("cifar-10-binary.tar.gz"))
            let batches = (split == .test ? [] : (1...5).map { "data_batch_\($0).bin" }) + (split == .train ? [] : ["test_batch.bin"])
            var train: (images: [PixelImage], labels: [Int]) = ([], []), test: (images: [PixelImage], labels: [Int]) = ([], [])
            for name in batches {
                guard let bytes = files["cifar-10-batches-bin/" + name] else {
                    throw Gzip.Error(description: "cifar-10-binary.tar.gz has no cifar-10-batches-bin/\(name)")
                }
                let records = try Self.cifarRecords(bytes, name: name)
                if name == "test_batch.bin" { test = records } else { train.images += records.images; train.labels += records.labels }
            }
            if split != .test { parts.append(train) }
            if split != .train { parts.append(test) }
        }
        let testStart = parts.count == 2 ? parts[0].images.count : nil
        return (parts.flatMap(\.images), parts.flatMap(\.labels), testStart)
    }

    /// CIFAR-10's binary records: a label byte, then 1024 red, 1024 green and 1024 blue bytes of
    /// a 32x32 image, row by row.
    static func cifarRecords(_ bytes: ArraySlice<UInt8>, name: String) throws(Gzip.Error) -> (images: [PixelImage], labels: [Int]) {
        let record = 1 + 3 * 1024
        guard !bytes.isEmpty, bytes.count % record == 0 else {
            throw Gzip.Error(description: "\(name) holds \(counted(bytes.count, "byte")), not whole records of \(record)")
        }
        var images: [PixelImage] = [], labels: [Int] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let label = Int(bytes[start])
            guard label < 10 else { throw Gzip.Error(description: "\(name) holds label \(label) at record \(labels.count); CIFAR-10 has 10 classes") }
            var pixels = [UInt8](repeating: 0, count: 3 * 1024)
            for i in 0..<1024 {
                for c in 0..<3 { pixels[3 * i + c] = bytes[start + 1 + c * 1024 + i] }
            }
            images.append(PixelImage(width: 32, height: 32, channels: 3, pixels: pixels))
            labels.append(label)
            start += record
        }
        return (images, labels)
    }
}

extension StandardDataset.Split {
    /// The suffix of `--data NAME:SPLIT` ("" for both).
    var suffix: String { self == .both ? "" : ":" + rawValue }
}
