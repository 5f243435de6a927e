import Foundation
import NNEngine
import NNRuns

/// An image folder as torchvision's `ImageFolder` reads it: one subfolder per class, classes
/// sorted by name, every PNG and JPEG file below a class folder an example of that class. When
/// the folder holds `train/` and `valid/` (or `val/`), those are the training and validation
/// sets (with the classes of `train/`).
///
/// Images are decoded by libpng and libjpeg-turbo; a file that does not decode is skipped and
/// reported. When every image is grey the examples have one channel, otherwise three (grey
/// images repeated, as Pillow's `convert("RGB")`).
public enum ImageFolder {
    /// The file name endings read as images (case-insensitive); other files are counted as ignored.
    public static let extensions: Set<String> = ["png", "jpg", "jpeg"]
    /// The most image files a folder may hold, and the largest file read.
    public static let maximumFiles = 2_000_000, maximumFileSize = 64 << 20

    /// What loading left out.
    public struct Report: Sendable, Equatable {
        /// Files with an image name that did not decode: path relative to the folder, and why.
        public var undecodable: [(path: String, reason: String)] = []
        /// Files without a PNG or JPEG name.
        public var ignored = 0

        public static func == (a: Report, b: Report) -> Bool {
            a.ignored == b.ignored && a.undecodable.map(\.path) == b.undecodable.map(\.path)
        }

        /// One line per skipped file (the first `limit`), and a count of the rest.
        public func lines(limit: Int = 5) -> [String] {
            var lines = undecodable.prefix(limit).map { "skipped \($0.path.displaySafe): \($0.reason.displaySafe)" }
            if undecodable.count > limit { lines.append("skipped \(counted(undecodable.count - limit, "more file that is not a decodable image", "more files that are not decodable images"))") }
            if ignored > 0 { lines.append("ignored \(counted(ignored, "file that is", "files that are")) not PNG or JPEG") }
            return lines
        }
    }

    /// Why a folder cannot be used.
    public struct Error: Swift.Error, CustomStringConvertible, Equatable {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// The decoded images of the folder at `path`, grouped as training and (when the folder has
    /// one) validation images, with the class names.
    public static func read(path: String) throws(Error) -> (train: [(PixelImage, Int)], valid: [(PixelImage, Int)]?, classes: [String], report: Report) {
        var report = Report()
        guard isFolder(path) else { throw Error("\(path.displaySafe) is not a folder") }
        let trainFolder = isFolder(path + "/train") ? path + "/train" : path
        let validFolder = trainFolder == path ? nil : ["valid", "val"].map { path + "/" + $0 }.first(where: isFolder)
        let classes = subfolders(trainFolder)
        guard !classes.isEmpty else {
            throw Error("\(trainFolder.displaySafe) has no class folders: put each class's images in a folder named after it")
        }
        let train = try images(in: trainFolder, classes: classes, root: path, report: &report)
        var valid: [(PixelImage, Int)]?
        if let validFolder {
            if let unknown = subfolders(validFolder).first(where: { !classes.contains($0) }) {
                throw Error("\(validFolder.displaySafe) has a class \(unknown.displaySafe) that \(trainFolder.displaySafe) does not have")
            }
            valid = try images(in: validFolder, classes: classes, root: path, report: &report)
        }
        guard !train.isEmpty else { throw Error("\(trainFolder.displaySafe) holds no decodable PNG or JPEG images") }
        return (train, valid?.isEmpty == true ? nil : valid, classes, report)
    }

    /// The folder as a dataset: each image through `validation` for the features (the examples as
    /// validated and shown), and through `training` each epoch when that one is random.
    ///
    /// - Parameters:
    ///   - training: the training pipeline; nil for the default, `Resize((32,32)),ToTensor()` when
    ///     the images differ in size and `ToTensor()` when they do not.
    ///   - validation: the validation pipeline; nil for the training one without its random transforms.
    public static func dataset(path: String, training: ImagePipeline?, validation: ImagePipeline?) throws -> (Dataset, Report) {
        let (train, valid, classes, report) = try read(path: path)
        let all = train + (valid ?? [])
        let channels = all.contains { $0.0.channels == 3 } ? 3 : 1
        let images = all.map { $0.0.converted(toChannels: channels) }
        let sameSize = Set(images.map { [$0.width, $0.height] }).count == 1
        let trainPipeline = training ?? ImagePipeline(sameSize ? [] : [.resize(height: 32, width: 32)])
        let name = (path as NSString).lastPathComponent
        let dataset = try Dataset.images(name: name, images: images, labels: all.map(\.1), classNames: classes,
                                         training: trainPipeline, validation: validation ?? trainPipeline.deterministic,
                                         validationStart: valid == nil ? nil : train.count)
        return (dataset, report)
    }

    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names of the folders in `path`, sorted by code point as Python's `sorted`.
    private static func subfolders(_ path: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") && isFolder(path + "/" + $0) }
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    private static func images(in folder: String, classes: [String], root: String, report: inout Report) throws(Error) -> [(PixelImage, Int)] {
        var found: [(PixelImage, Int)] = []
        var seen = 0
        for (label, name) in classes.enumerated() where isFolder(folder + "/" + name) {
            let classFolder = folder + "/" + name
            for file in FolderWalker.files(under: classFolder) {
                let relative = String((classFolder + "/" + file).dropFirst(root.count + 1))
                guard extensions.contains((file as NSString).pathExtension.lowercased()) else {
                    report.ignored += 1
                    continue
                }
                seen += 1
                guard seen <= maximumFiles else { throw Error("\(root.displaySafe) holds more than \(maximumFiles) images") }
                do {
                    let bytes = try RegularFile.read(classFolder + "/" + file, maximumSize: maximumFileSize)
                    found.append((try PixelImage(decoding: bytes), label))
                } catch let error as PixelImage.DecodingError {
                    report.undecodable.append((relative, error.description))
                } catch {
                    report.undecodable.append((relative, "\(error)"))
                }
            }
        }
        return found
    }
}

extension Dataset {
    /// A dataset of decoded images: features through `validation`; when `training` differs, the
    /// images are kept for it (`augmentation`).
    ///
    /// - Throws: `PipelineError` when a pipeline cannot take an image, or the two pipelines or the
    ///   images give tensors of different shapes.
    public static func images(name: String, images: [PixelImage], labels: [Int], classNames: [String],
                              training: ImagePipeline, validation: ImagePipeline, validationStart: Int? = nil) throws(PipelineError) -> Dataset {
        var shape: [Int]?
        for image in images {
            for pipeline in training.isRandom ? [validation, training] : [validation] {
                let out = try pipeline.outputShape(channels: image.channels, height: image.height, width: image.width)
                if let shape, shape != out {
                    throw PipelineError(
                        "the images give tensors of shapes \(shape) and \(out): add a Resize((H,W)) to the transforms, or make both pipelines end at one size")
                }
                shape = out
            }
        }
        guard let shape else { throw PipelineError("\(name) holds no images") }
        let generator = Generator(seed: 0)
        var features: [Float] = []
        features.reserveCapacity(images.count * shape.reduce(1, *))
        for image in images { features += validation.apply(image, generator: generator) }
        return Dataset(name: name, features: features, featureShape: shape, labels: labels, classNames: classNames,
                       augmentation: training != validation ? Augmentation(images: images, pipeline: training) : nil,
                       validationStart: validationStart)
    }
}
