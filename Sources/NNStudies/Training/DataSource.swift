/// Where a training run's examples come from: a built-in generator, IDX files, an image folder or
/// a downloaded standard dataset.
public enum DataSource: Hashable, Sendable, CustomStringConvertible {
    case spiral, moons, blobs, shapes
    /// Generated 28x28 digits drawn from a bitmap font (`Dataset.digitImages`).
    case digits
    /// MNIST-style IDX files of images (N, H, W) and labels (N).
    case idx(images: String, labels: String)
    /// An image folder as torchvision's `ImageFolder` reads it (`ImageFolder`).
    case folder(String)
    /// MNIST, Fashion-MNIST or CIFAR-10, downloaded and cached (`DatasetStore`).
    case standard(StandardDataset, StandardDataset.Split)

    /// Parses `spiral`, `moons`, `blobs`, `shapes`, `digits`, `idx:IMAGES,LABELS`, `folder:PATH`, or
    /// `mnist`, `fashion-mnist`, `cifar10` with an optional `:train` or `:test`; nil for anything else.
    public init?(argument: String) {
        let parts = argument.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if let dataset = StandardDataset(rawValue: parts[0]) {
            guard let split = parts.count == 1 ? .both : StandardDataset.Split(rawValue: parts[1]), split != .both || parts.count == 1 else {
                return nil
            }
            self = .standard(dataset, split)
            return
        }
        switch argument {
        case "spiral": self = .spiral
        case "moons": self = .moons
        case "blobs": self = .blobs
        case "shapes": self = .shapes
        case "digits": self = .digits
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
        case .digits: "digits"
        case .idx(let images, let labels): "idx:\(images),\(labels)"
        case .folder(let path): "folder:\(path)"
        case .standard(let dataset, let split): dataset.rawValue + split.suffix
        }
    }

    /// The number of generated images of each digit.
    public static let digitsPerClass = 1000

    /// True for image data, which LeNet takes and transforms apply to.
    public var isImage: Bool {
        switch self {
        case .spiral, .moons, .blobs: false
        default: true
        }
    }

    /// True for the sources of 8-bit images, which take transforms.
    public var takesTransforms: Bool {
        switch self {
        case .folder, .standard, .digits: true
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
    ///   - store: where downloaded datasets are cached.
    public func load(seed: UInt64, transform: ImagePipeline?, validTransform: ImagePipeline?,
                     store: DatasetStore = .standard()) throws -> (dataset: Dataset, notes: [String]) {
        if !takesTransforms, transform != nil || validTransform != nil {
            throw LoadError(description: "transforms apply to 8-bit images (digits, folder:PATH, mnist, fashion-mnist, cifar10); \(self) is not one")
        }
        switch self {
        case .spiral: return (Dataset.spiral(seed: seed), [])
        case .moons: return (Dataset.moons(seed: seed), [])
        case .blobs: return (Dataset.blobs(seed: seed), [])
        case .shapes: return (Dataset.shapes(seed: seed), [])
        case .digits:
            let (images, labels) = Dataset.digitImages(imagesPerClass: Self.digitsPerClass, seed: seed)
            let training = transform ?? ImagePipeline()
            return (try Dataset.images(name: "digits", images: images, labels: labels, classNames: (0...9).map(String.init),
                                       training: training, validation: validTransform ?? training.deterministic), [])
        case .idx(let images, let labels): return (try Dataset.idx(images: images, labels: labels), [])
        case .folder(let path):
            let (dataset, report) = try ImageFolder.dataset(path: path, training: transform, validation: validTransform)
            return (dataset, report.lines())
        case .standard(let dataset, let split):
            let folder = try store.prepare(dataset)
            let (images, labels, testStart) = try dataset.read(folder: folder, split: split)
            let training = transform ?? ImagePipeline()
            return (try Dataset.images(name: description, images: images, labels: labels, classNames: dataset.classNames,
                                       training: training, validation: validTransform ?? training.deterministic,
                                       validationStart: testStart), [])
        }
    }
}
