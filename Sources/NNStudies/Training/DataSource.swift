/// Where a training run's examples come from: a built-in generator or IDX files.
public enum DataSource: Hashable, Sendable, CustomStringConvertible {
    case spiral, moons, blobs, shapes
    /// MNIST-style IDX files of images (N, H, W) and labels (N).
    case idx(images: String, labels: String)

    /// Parses `spiral`, `moons`, `blobs`, `shapes` or `idx:IMAGES,LABELS`; nil for anything else.
    public init?(argument: String) {
        switch argument {
        case "spiral": self = .spiral
        case "moons": self = .moons
        case "blobs": self = .blobs
        case "shapes": self = .shapes
        default:
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
        }
    }

    /// The dataset, generated from `seed` or read from the files.
    public func load(seed: UInt64) throws -> Dataset {
        switch self {
        case .spiral: Dataset.spiral(seed: seed)
        case .moons: Dataset.moons(seed: seed)
        case .blobs: Dataset.blobs(seed: seed)
        case .shapes: Dataset.shapes(seed: seed)
        case .idx(let images, let labels): try Dataset.idx(images: images, labels: labels)
        }
    }
}
