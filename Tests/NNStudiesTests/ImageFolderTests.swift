import Foundation
import NNEngine
import NNTestSupport
import Testing
@testable import NNStudies

/// PNG and JPEG through libpng and libjpeg-turbo, and image folders as torchvision reads them.
@Suite("Image files and folders")
struct ImageFolderTests {
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "nndash-images-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func randomImage(width: Int, height: Int, channels: Int, random: inout SeededRandom) -> PixelImage {
        PixelImage(width: width, height: height, channels: channels,
                   pixels: (0..<(width * height * channels)).map { _ in UInt8.random(in: 0...255, using: &random) })
    }

    @Test func pngRoundTripsExactly() throws {
        var random = SeededRandom("png round trip", seed: 11)
        for (w, h, c) in [(1, 1, 1), (7, 3, 3), (33, 20, 1), (64, 48, 3)] {
            let image = Self.randomImage(width: w, height: h, channels: c, random: &random)
            #expect(try PixelImage(decoding: image.pngData()) == image)
        }
    }

    @Test func jpegKeepsTheLayoutAndTheColours() throws {
        // A smooth picture survives JPEG at quality 95 within a few levels per pixel.
        let (w, h) = (40, 24)
        let pixels = (0..<(w * h * 3)).map { i in UInt8((i / 3 % w) * 5 + (i % 3) * 20) }
        let image = PixelImage(width: w, height: h, channels: 3, pixels: pixels)
        let decoded = try PixelImage(decoding: image.jpegData(quality: 95))
        #expect(decoded.width == w && decoded.height == h && decoded.channels == 3)
        let worst = zip(decoded.pixels, image.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(worst <= 12)
        let grey = image.converted(toChannels: 1)
        #expect(try PixelImage(decoding: grey.jpegData()).channels == 1)
    }

    @Test(arguments: [
        [UInt8](), [0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], Array("GIF89a".utf8),
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0xAB, count: 64),
    ])
    func brokenFilesAreErrorsNotCrashes(_ bytes: [UInt8]) {
        #expect(throws: PixelImage.DecodingError.self) { try PixelImage(decoding: bytes) }
    }

    @Test func truncatedAndFlippedFilesAreErrorsNotCrashes() throws {
        var random = SeededRandom("damaged images", seed: 12)
        let image = Self.randomImage(width: 20, height: 10, channels: 3, random: &random)
        for file in [image.pngData(), image.jpegData()] {
            for cut in stride(from: 0, to: file.count, by: max(1, file.count / 40)) {
                _ = try? PixelImage(decoding: Array(file[..<cut]))
            }
            for _ in 0..<50 {
                var damaged = file
                damaged[Int.random(in: 0..<damaged.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
                if let decoded = try? PixelImage(decoding: damaged) {
                    #expect(decoded.pixels.count == decoded.width * decoded.height * decoded.channels)
                }
            }
        }
    }

    @Test func aHugeDeclaredSizeIsRefusedBeforeDecoding() throws {
        // A PNG header declaring 60000x60000 pixels (more than maximumPixels), with a valid CRC.
        var header: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        let chunk: [UInt8] = Array("IHDR".utf8) + [0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60, 8, 2, 0, 0, 0]
        header += chunk
        let crc = crc32(chunk)
        header += [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
        #expect(throws: PixelImage.DecodingError.self) { try PixelImage(decoding: header) }
    }

    private func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    @Test func aFolderIsReadAsTorchvisionsImageFolder() throws {
        var random = SeededRandom("image folder", seed: 13)
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Classes sorted by name; valid/ is the validation split; a corrupt file and a text file are skipped.
        for (split, counts) in [("train", [3, 2]), ("valid", [1, 1])] {
            for (k, name) in ["zebra", "Apple"].enumerated() {
                let folder = "\(root)/\(split)/\(name)"
                try FileManager.default.createDirectory(atPath: folder + "/nested", withIntermediateDirectories: true)
                for i in 0..<counts[k] {
                    let image = Self.randomImage(width: 8 + i, height: 6, channels: i % 2 == 0 ? 1 : 3, random: &random)
                    let data = i % 2 == 0 ? image.pngData() : image.jpegData()
                    try Data(data).write(to: URL(fileURLWithPath: "\(folder)/\(i == 2 ? "nested/" : "")\(i).\(i % 2 == 0 ? "png" : "JPG")"))
                }
            }
        }
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: "\(root)/train/zebra/broken.png"))
        try Data("notes".utf8).write(to: URL(fileURLWithPath: "\(root)/train/zebra/readme.txt"))
        let (dataset, report) = try ImageFolder.dataset(path: root, training: nil, validation: nil)
        #expect(dataset.classNames == ["Apple", "zebra"])
        #expect(dataset.count == 7 && dataset.validationStart == 5)
        #expect(dataset.labels == [0, 0, 1, 1, 1, 0, 1])
        // Mixed sizes get the default Resize((32,32)); a colour image makes every example RGB.
        #expect(dataset.featureShape == [3, 32, 32])
        #expect(report.undecodable.map(\.path) == ["train/zebra/broken.png"] && report.ignored == 1)
        let (train, validation) = dataset.split(validationFraction: 0.5, seed: 0)
        #expect(train.count == 5 && validation.count == 2)
    }

    @Test func foldersThatCannotBeUsedAreClearErrors() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: ImageFolder.Error.self) { try ImageFolder.read(path: root + "/missing") }
        #expect(throws: ImageFolder.Error.self) { try ImageFolder.read(path: root) }
        try FileManager.default.createDirectory(atPath: root + "/a", withIntermediateDirectories: true)
        try Data([0xFF, 0xD8, 0]).write(to: URL(fileURLWithPath: root + "/a/x.jpg"))
        #expect(throws: ImageFolder.Error.self) { try ImageFolder.read(path: root) }
    }

    @Test func augmentedBatchesAreSeededPerEpochAndExample() throws {
        var random = SeededRandom("augmented batches", seed: 14)
        let images = (0..<6).map { _ in Self.randomImage(width: 12, height: 12, channels: 3, random: &random) }
        let training = try ImagePipeline(parsing: "RandomCrop(12,padding=2),RandomHorizontalFlip(),ToTensor()")
        let dataset = try Dataset.images(name: "t", images: images, labels: [0, 1, 0, 1, 0, 1], classNames: ["a", "b"],
                                         training: training, validation: training.deterministic)
        let loader = DataLoader(dataset, batchSize: 4, seed: 3)
        // The same batch twice is the same; another epoch draws other crops.
        #expect(loader.batch(0, epoch: 1).inputs.toArray() == loader.batch(0, epoch: 1).inputs.toArray())
        #expect(loader.features([0, 1, 2], epoch: 1) != loader.features([0, 1, 2], epoch: 2))
        // The prefetcher hands out exactly the loader's batches, in any order asked.
        let prefetcher = BatchPrefetcher(loader)
        for (epoch, index) in [(0, 0), (0, 1), (1, 0), (1, 1), (3, 1)] {
            let order = loader.order(epoch: epoch)
            #expect(prefetcher.batch(index, epoch: epoch, order: order).inputs.toArray()
                == loader.batch(index, order: order, epoch: epoch).inputs.toArray())
        }
    }
}

/// The generated digits look like their digits: each image's ink, compared with the ten glyphs
/// drawn plainly, is closest to its own.
@Suite struct DigitTests {
    @Test func generatedDigitsAreTheirGlyphs() throws {
        let (images, labels) = Dataset.digitImages(imagesPerClass: 3, seed: 4)
        #expect(labels == (0..<30).map { $0 / 3 })
        for image in images {
            #expect(image.width == 28 && image.height == 28 && image.channels == 1)
            let ink = image.pixels.filter { $0 > 128 }.count
            // Strokes, not blobs: between 5% and 60% of the field is ink.
            #expect(ink > 784 / 20 && ink < 784 * 60 / 100, "\(ink) pixels of ink")
        }
        // Digits of one class differ (random size, slant, stroke and place).
        #expect(images[0] != images[1])
        // 1 has less ink than 8 on average.
        func ink(_ k: Int) -> Int { (0..<3).map { images[3 * k + $0].pixels.filter { $0 > 128 }.count }.reduce(0, +) }
        #expect(ink(1) < ink(8))
    }

    @Test func theDefaultRunIsLeNetOnDigits() {
        let c = TrainingConfiguration()
        #expect(c.model == .lenet && c.data == .digits && c.learningRate == 0.01 && c.batchSize == 64 && c.epochs == 5)
        #expect(TrainingConfiguration.defaultModel(for: .spiral) == .mlp && TrainingConfiguration.defaultModel(for: .digits) == .lenet)
        let lesson = TrainingConfiguration.Recipe.lesson001.configuration
        #expect(lesson.batchSize == 16 && lesson.learningRate == 0.0125 && lesson.stepSize == 10 && lesson.epochs == 10)
        #expect(lesson.transform == .lesson001)
    }
}
