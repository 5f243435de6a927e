import Foundation
import NNEngine
import Testing
@testable import NNStudies

@Suite("Datasets, DataLoader, IDX")
struct DataTests {
    @Test func syntheticDataIsSeededAndShaped() {
        #expect(Dataset.spiral(seed: 3) == Dataset.spiral(seed: 3))
        #expect(Dataset.spiral(seed: 3) != Dataset.spiral(seed: 4))
        #expect(Dataset.moons(seed: 1) == Dataset.moons(seed: 1))
        #expect(Dataset.shapes(imagesPerClass: 5, seed: 2) == Dataset.shapes(imagesPerClass: 5, seed: 2))
        let spiral = Dataset.spiral(pointsPerClass: 50, classes: 4)
        #expect(spiral.count == 200 && spiral.featureShape == [2] && spiral.classCount == 4)
        #expect(spiral.labels.filter { $0 == 3 }.count == 50)
        let blobs = Dataset.blobs(pointsPerClass: 10, classes: 5)
        #expect(blobs.count == 50 && Set(blobs.labels) == Set(0..<5))
        let shapes = Dataset.shapes(imagesPerClass: 4, classes: 2, size: 12)
        #expect(shapes.featureShape == [1, 12, 12] && shapes.count == 8 && shapes.classNames == ["circle", "square"])
        #expect(shapes.features.allSatisfy { (0...1).contains($0) })
    }

    @Test func shapesDiffer() {
        // A disc of radius r covers πr², a square of side 1.7r covers 2.89r², a triangle 0.85r²:
        // on average the ink of the three classes is ordered circle > square > triangle.
        let data = Dataset.shapes(imagesPerClass: 50, size: 16, seed: 5)
        func ink(_ k: Int) -> Float {
            let images = data.labels.indices.filter { data.labels[$0] == k }
            return images.map { data.example($0).filter { $0 >= 0.8 }.count }.reduce(0, +).float / Float(images.count)
        }
        #expect(ink(0) > ink(1) && ink(1) > ink(2))
    }

    @Test func moonsLieOnTheirHalfCircles() {
        let moons = Dataset.moons(pointsPerClass: 20, noise: 0)
        for i in 0..<moons.count {
            let p = moons.example(i).map(Double.init)
            let (cx, cy) = moons.labels[i] == 0 ? (0.0, 0.0) : (1.0, 0.5)
            #expect(abs(((p[0] - cx) * (p[0] - cx) + (p[1] - cy) * (p[1] - cy)).squareRoot() - 1) < 1e-5)
        }
    }

    @Test func splitPartitionsTheExamples() {
        let data = Dataset.blobs(pointsPerClass: 20, classes: 2)
        let (train, validation) = data.split(validationFraction: 0.25, seed: 7)
        #expect(train.count == 30 && validation.count == 10)
        var all = train.features + validation.features
        var original = data.features
        all.sort()
        original.sort()
        #expect(all == original)
    }

    @Test func dataLoaderCoversEveryExampleOncePerEpoch() {
        let data = Dataset.spiral(pointsPerClass: 10, classes: 3)
        let loader = DataLoader(data, batchSize: 7, seed: 1)
        #expect(loader.count == 5)
        let batches = loader.batches(epoch: 0)
        #expect(batches.map(\.indices.count) == [7, 7, 7, 7, 2])
        #expect(batches.flatMap(\.indices).sorted() == Array(0..<30))
        #expect(loader.order(epoch: 0) == DataLoader(data, batchSize: 7, seed: 1).order(epoch: 0))
        #expect(loader.order(epoch: 0) != loader.order(epoch: 1))
        let first = batches[0]
        #expect(first.inputs.shape == [7, 2])
        #expect(first.inputs.toArray() == first.indices.flatMap { Array(data.example($0)) })
        #expect(first.targets.data == first.indices.map { data.labels[$0] })
        #expect(DataLoader(data, batchSize: 7, shuffle: false).order(epoch: 3) == Array(0..<30))
        #expect(DataLoader(data, batchSize: 7, dropLast: true).count == 4)
    }

    /// An IDX file: magic 0 0 type rank, big-endian dimensions, then the bytes.
    static func idx(type: UInt8 = 0x08, _ shape: [Int], _ payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, type, UInt8(shape.count)]
        for d in shape { bytes += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)] }
        return bytes + payload
    }

    /// A new empty folder under the temporary directory; the test removes it when it ends.
    static func temporaryFolder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nndash-idx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Writes `bytes` to the file `name` in `folder` and returns its path.
    static func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func idxImagesAndLabelsRead() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let images = try Self.write(Self.idx([2, 2, 3], [0, 255, 51, 0, 0, 0, 1, 2, 3, 4, 5, 6]), "images.idx3-ubyte", in: folder)
        let labels = try Self.write(Self.idx([2], [7, 2]), "labels.idx1-ubyte", in: folder)
        let data = try Dataset.idx(images: images, labels: labels)
        #expect(data.featureShape == [1, 2, 3])
        #expect(data.labels == [7, 2])
        #expect(data.classCount == 8)
        #expect(Array(data.example(0)) == [0, 1, 0.2, 0, 0, 0])
        // Big-endian 16-bit and float values.
        let shorts = try IDXReader.parse(Self.idx(type: 0x0B, [2], [0x01, 0x02, 0xFF, 0xFE]), name: "s")
        #expect(shorts.values == [258, -2])
        let floats = try IDXReader.parse(Self.idx(type: 0x0D, [1], [0x3F, 0xC0, 0, 0]), name: "f")
        #expect(floats.values == [1.5])
    }

    @Test func damagedIDXFilesThrowClearErrors() throws {
        #expect(throws: IDXReader.Error.wrongMagic("x", [8, 3, 0, 0])) { try IDXReader.parse([8, 3, 0, 0, 1], name: "x") }
        #expect(throws: IDXReader.Error.unsupportedType("x", 0x07)) { try IDXReader.parse(Self.idx(type: 0x07, [1], [1]), name: "x") }
        #expect(throws: IDXReader.Error.truncated("x", expected: 4 + 8 + 6, actual: 4 + 8 + 5)) {
            try IDXReader.parse(Self.idx([2, 3], [1, 2, 3, 4, 5]), name: "x")
        }
        #expect(throws: IDXReader.Error.truncated("x", expected: 8, actual: 6)) { try IDXReader.parse([0, 0, 8, 1, 0, 0], name: "x") }
        #expect(throws: IDXReader.Error.mismatch("x has 1 byte after the [2] values")) {
            try IDXReader.parse(Self.idx([2], [1, 2, 3]), name: "x")
        }
        // 255^4 · 255^4 values: more than memory, and no crash.
        #expect(throws: IDXReader.Error.self) {
            try IDXReader.parse([0, 0, 0x0E, 2, 255, 255, 255, 255, 255, 255, 255, 255], name: "x")
        }
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let images = try Self.write(Self.idx([2, 1, 1], [1, 2]), "i", in: folder)
        let labels = try Self.write(Self.idx([3], [0, 1, 2]), "l", in: folder)
        #expect(throws: IDXReader.Error.self) { try Dataset.idx(images: images, labels: labels) }
        do {
            _ = try Dataset.idx(images: images, labels: labels)
        } catch {
            #expect(error.description.contains("3] labels for 2 images"))
        }
        #expect(throws: IDXReader.Error.unreadable("/nonexistent/file: no such file")) {
            try IDXReader.read(path: "/nonexistent/file")
        }
        // A device is refused, not read (a read of /dev/zero would never end).
        #expect(throws: IDXReader.Error.self) { try IDXReader.read(path: "/dev/zero") }
    }

    /// Float and double label files holding NaN, infinities, fractions or huge values: a clear
    /// error naming the value, never a trap converting it to a class number.
    @Test(arguments: [Float.nan, .infinity, -.infinity, 1.5, -1, 1e30, Float(Dataset.maximumClasses)])
    func labelsThatAreNotClassNumbersAreRefused(_ label: Float) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let images = try Self.write(Self.idx([2, 1, 1], [1, 2]), "i", in: folder)
        let bits = label.bitPattern
        let single = [UInt8(bits >> 24), UInt8(bits >> 16 & 255), UInt8(bits >> 8 & 255), UInt8(bits & 255)]
        let wide = Double(label).bitPattern
        let double = (0..<8).map { UInt8(wide >> (56 - 8 * UInt64($0)) & 255) }
        for file in [Self.idx(type: 0x0D, [2], [0x3F, 0x80, 0, 0] + single), Self.idx(type: 0x0E, [2], [0x3F, 0xF0, 0, 0, 0, 0, 0, 0] + double)] {
            let labels = try Self.write(file, "l", in: folder)
            #expect {
                try Dataset.idx(images: images, labels: labels)
            } throws: { error in
                "\(error)".contains("label \(label) at index 1")
            }
        }
    }
}

private extension Int {
    var float: Float { Float(self) }
}
