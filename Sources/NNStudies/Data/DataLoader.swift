import NNEngine

/// Batches of a dataset, reshuffled each epoch by a seeded permutation, as PyTorch's `DataLoader`.
///
/// Epoch `e`'s order depends on `seed` and `e` only, so a run resumed at any epoch sees the
/// same batches as a run that never stopped.
public struct DataLoader: Sendable {
    /// One batch: inputs (batch, featureShape...) and class targets.
    public struct Batch {
        public var inputs: Tensor
        public var targets: IntTensor
        /// The examples' positions in the dataset.
        public var indices: [Int]
    }

    public let dataset: Dataset
    public let batchSize: Int
    public let shuffle: Bool
    public let seed: UInt64
    /// Drop a last batch smaller than `batchSize`.
    public let dropLast: Bool

    public init(_ dataset: Dataset, batchSize: Int, shuffle: Bool = true, seed: UInt64 = 0, dropLast: Bool = false) {
        precondition(batchSize > 0, "batch size must be positive")
        (self.dataset, self.batchSize, self.shuffle, self.seed, self.dropLast) = (dataset, batchSize, shuffle, seed, dropLast)
    }

    /// The number of batches per epoch.
    public var count: Int {
        dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize
    }

    /// The example order of epoch `epoch`.
    public func order(epoch: Int) -> [Int] {
        guard shuffle else { return Array(0..<dataset.count) }
        let generator = Generator(seed: seed &+ UInt64(epoch) &* 0x9E37_79B9_7F4A_7C15)
        return Tensor.randperm(dataset.count, generator: generator).toArray().map { Int($0) }
    }

    /// Batch number `index` of epoch `epoch`.
    public func batch(_ index: Int, epoch: Int) -> Batch {
        batch(index, order: order(epoch: epoch), epoch: epoch)
    }

    /// Batch number `index` of the example order `order` of epoch `epoch`: an augmented
    /// dataset's random transforms are drawn from the loader's seed, the epoch and the example.
    public func batch(_ index: Int, order: [Int], epoch: Int) -> Batch {
        let indices = Array(order[(index * batchSize)..<Swift.min((index + 1) * batchSize, order.count)])
        return Batch(inputs: Tensor(features(indices, epoch: epoch), shape: [indices.count] + dataset.featureShape),
                     targets: IntTensor(classes: indices.map { dataset.labels[$0] }), indices: indices)
    }

    /// The training features of the examples `indices` in epoch `epoch` (safe to compute on any thread).
    public func features(_ indices: [Int], epoch: Int) -> [Float] {
        dataset.trainingFeatures(indices, seed: seed &+ UInt64(epoch + 1) &* 0xA076_1D64_78BD_642F)
    }

    /// Every batch of epoch `epoch`.
    public func batches(epoch: Int) -> [Batch] {
        let order = order(epoch: epoch)
        return (0..<count).map { batch($0, order: order, epoch: epoch) }
    }
}
