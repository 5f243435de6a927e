import Dispatch
import Foundation
import NNEngine

/// Prepares the features of the next batches on a background queue while the current batch
/// trains, so that decoding-free but costly work (an augmented dataset's random transforms)
/// does not hold up the training queue. Batches are a pure function of the loader, the epoch and
/// the batch number, so a prefetched batch is exactly the one the training would have made.
final class BatchPrefetcher: @unchecked Sendable {
    private struct Key: Hashable {
        var epoch: Int
        var index: Int
    }

    let loader: DataLoader
    /// How many batches are prepared ahead.
    let depth: Int
    private let condition = NSCondition()
    private var ready: [Key: [Float]] = [:]
    private var pending: Set<Key> = []
    private var orders: [Int: [Int]] = [:]
    private let queue = DispatchQueue(label: "nndash.batch-prefetch", qos: .utility)

    init(_ loader: DataLoader, depth: Int = 3) {
        (self.loader, self.depth) = (loader, depth)
    }

    /// Batch `index` of epoch `epoch`, whose example order is `order`; starts preparing the
    /// batches after it.
    func batch(_ index: Int, epoch: Int, order: [Int]) -> DataLoader.Batch {
        let key = Key(epoch: epoch, index: index)
        condition.lock()
        orders[epoch] = order
        var next = key
        for _ in 0...depth {
            if !pending.contains(next) && ready[next] == nil { schedule(next) }
            next = next.index + 1 < loader.count ? Key(epoch: epoch, index: next.index + 1) : Key(epoch: next.epoch + 1, index: 0)
        }
        while ready[key] == nil { condition.wait() }
        let features = ready.removeValue(forKey: key)!
        // Batches of earlier positions (after a restart or a resume elsewhere) are dropped.
        ready = ready.filter { $0.key.epoch > epoch || ($0.key.epoch == epoch && $0.key.index > index) }
        orders = orders.filter { $0.key >= epoch }
        condition.unlock()
        let indices = Array(order[(index * loader.batchSize)..<Swift.min((index + 1) * loader.batchSize, order.count)])
        return DataLoader.Batch(inputs: Tensor(features, shape: [indices.count] + loader.dataset.featureShape),
                                targets: IntTensor(classes: indices.map { loader.dataset.labels[$0] }), indices: indices)
    }

    /// Queues the preparation of `key`'s features; called holding the lock.
    private func schedule(_ key: Key) {
        let order = orders[key.epoch] ?? loader.order(epoch: key.epoch)
        orders[key.epoch] = order
        pending.insert(key)
        let loader = loader
        queue.async { [self] in
            let indices = Array(order[(key.index * loader.batchSize)..<Swift.min((key.index + 1) * loader.batchSize, order.count)])
            let features = loader.features(indices, epoch: key.epoch)
            condition.lock()
            pending.remove(key)
            ready[key] = features
            condition.broadcast()
            condition.unlock()
        }
    }
}
