/// Where a training run's examples come from: a built-in generator, IDX files or an image folder.
public enum DataSource: Hashable, Sendable, CustomStringConvertible {
    case spiral, moons, blobs, shapes
    /// MNIST-style IDX files of images (N, H, W) and labels (N).
    case idx(images: String, labels: String)
    /// An image folder as torchvision's `ImageFolder` reads it (`ImageFolder`).
    case folder(String)

    /// Parses `spiral`, `moons`, `blobs`, `shapes`, `idx:IMAGES,LABELS` or `folder:PATH`; nil for anything else.
    public init?(argument: String) {
        switch argument {
        case "spiral": self = .spiral
        case "moons": self = .moons
        case "blobs": self = .blobs
        case "shapes": self = .shapes
        default:
            if argument.hasPrefix("folder:") {
                guard argument.count > "folder:".count else { return nil }
                self = .folder(String(argument.dropFirst("folder:".count)))
                return
            }
            guard argument.hasPrefix("idx:") else { return nil }
            let paths = argument.dropFirst(4).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard paths.count == 2, paths.allSatisfy({ !$0.isEmpty }) else { return nil }
            self = .idx(images: paths[0], labels: paths[1])
        }
    }

    public var description: String {
        switch self {
        case .spiral: "spiral"
        case .moons: "moons"
        case .blobs: "blobs"
        case .shapes: "shapes"
        case .idx(let images, let labels): "idx:\(images),\(labels)"
        case .folder(let path): "folder:\(path)"
        }
    }

    /// True for the sources of image files, which take transforms.
    public var takesTransforms: Bool {
        switch self {
        case .folder: true
        default: false
        }
    }

    /// Why a source cannot be loaded as asked.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The dataset, generated from `seed` or read from the files, with the default transforms.
    public func load(seed: UInt64) throws -> Dataset {
        try load(seed: seed, transform: nil, validTransform: nil).dataset
    }

    /// The dataset, generated from `seed` or read from the files, and lines about what was left
    /// out (undecodable files).
    ///
    /// - Parameters:
    ///   - transform: the training pipeline of image files; nil for the source's default.
    ///   - validTransform: the validation pipeline; nil for `transform` without its random steps.
    public func load(seed: UInt64, transform: ImagePipeline?, validTransform: ImagePipeline?) throws -> (dataset: Dataset, notes: [String]) {
        if !takesTransforms, transform != nil || validTransform != nil {
            throw LoadError(description: "transforms apply to image files (folder:PATH); \(self) is not one")
        }
        switch self {
        case .spiral: return (Dataset.spiral(seed: seed), [])
        case .moons: return (Dataset.moons(seed: seed), [])
        case .blobs: return (Dataset.blobs(seed: seed), [])
        case .shapes: return (Dataset.shapes(seed: seed), [])
        case .idx(let images, let labels): return (try Dataset.idx(images: images, labels: labels), [])
        case .folder(let path):
            let (dataset, report) = try ImageFolder.dataset(path: path, training: transform, validation: validTransform)
            return (dataset, report.lines())
        }
    }
}
