import NNEngine

/// A labelled classification dataset held in memory: features in row-major order, one class per example.
public struct Dataset: Sendable, Equatable {
    /// The dataset's name, e.g. `spiral` or an IDX file's name.
    public var name: String
    /// Every example's features, row-major, `count * featureShape.product` values.
    public var features: [Float]
    /// The shape of one example: `[2]` for points, `[1, H, W]` for images.
    public var featureShape: [Int]
    /// The class of every example, in `0..<classNames.count`.
    public var labels: [Int]
    /// The name of every class.
    public var classNames: [String]
    /// The decoded images behind `features` and the training pipeline that draws new random
    /// transforms of them each epoch; nil when `features` are the examples as trained on.
    public var augmentation: Augmentation?
    /// Where the source's own validation examples begin (an image folder's `valid/`, MNIST's
    /// test files); nil when `split` holds out a random share.
    public var validationStart: Int?

    /// Decoded images and the pipeline a training batch applies to them.
    public struct Augmentation: Sendable, Equatable {
        public var images: [PixelImage]
        public var pipeline: ImagePipeline

        public init(images: [PixelImage], pipeline: ImagePipeline) { (self.images, self.pipeline) = (images, pipeline) }
    }

    public init(name: String, features: [Float], featureShape: [Int], labels: [Int], classNames: [String],
                augmentation: Augmentation? = nil, validationStart: Int? = nil) {
        precondition(features.count == labels.count * featureShape.reduce(1, *), "features do not fit the labels")
        precondition(augmentation.map { $0.images.count == labels.count } ?? true, "images do not fit the labels")
        precondition(validationStart.map { (1..<labels.count).contains($0) } ?? true, "no examples on one side of the split")
        (self.name, self.features, self.featureShape, self.labels, self.classNames) = (name, features, featureShape, labels, classNames)
        (self.augmentation, self.validationStart) = (augmentation, validationStart)
    }

    /// The number of examples.
    public var count: Int { labels.count }
    /// The number of classes.
    public var classCount: Int { classNames.count }
    /// The number of values of one example.
    public var featureSize: Int { featureShape.reduce(1, *) }
    /// True for image data (C, H, W).
    public var isImage: Bool { featureShape.count == 3 }

    /// The features of example `i`.
    public func example(_ i: Int) -> ArraySlice<Float> {
        features[(i * featureSize)..<((i + 1) * featureSize)]
    }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> Dataset {
        var values: [Float] = []
        values.reserveCapacity(indices.count * featureSize)
        for i in indices { values += example(i) }
        return Dataset(name: name, features: values, featureShape: featureShape, labels: indices.map { labels[$0] },
                       classNames: classNames,
                       augmentation: augmentation.map { a in Augmentation(images: indices.map { a.images[$0] }, pipeline: a.pipeline) })
    }

    /// The source's own split when it has one (`validationStart`), else a seeded random split
    /// into training and validation sets.
    ///
    /// - Parameters:
    ///   - validationFraction: the share of examples held out, in (0, 1).
    ///   - seed: the seed of the permutation.
    public func split(validationFraction: Double, seed: UInt64) -> (train: Dataset, validation: Dataset) {
        if let validationStart {
            return (subset(Array(0..<validationStart)), subset(Array(validationStart..<count)))
        }
        let order = Tensor.randperm(count, generator: Generator(seed: seed)).toArray().map { Int($0) }
        let held = Swift.min(Swift.max(1, Int((Double(count) * validationFraction).rounded())), count - 1)
        return (subset(Array(order[held...])), subset(Array(order[..<held])))
    }

    /// The features of `indices` as a training batch sees them: through the augmentation's
    /// pipeline, each example's random draws seeded by `seed` and its index, or as they are.
    public func trainingFeatures(_ indices: [Int], seed: UInt64) -> [Float] {
        guard let augmentation else { return indices.flatMap { example($0) } }
        var values: [Float] = []
        values.reserveCapacity(indices.count * featureSize)
        for i in indices {
            var mix = SplitMix64(seed: seed ^ (UInt64(i) &* 0xD6E8_FEB8_6659_FD93))
            values += augmentation.pipeline.apply(augmentation.images[i], generator: Generator(seed: mix.next() >> 32))
        }
        return values
    }

    /// The features of `indices` as one tensor (batch, featureShape...).
    public func inputs(_ indices: [Int]) -> Tensor {
        var values: [Float] = []
        values.reserveCapacity(indices.count * featureSize)
        for i in indices { values += example(i) }
        return Tensor(values, shape: [indices.count] + featureShape)
    }
}
