import CKernels

/// The buffers of freed small tensors, kept per thread for the next ones.
///
/// Most tensors of the studies hold a few numbers and live for one step. Every small storage
/// has the same capacity, so a freed one serves any later small tensor: reusing it saves an
/// allocation and a deallocation, a large part of a small op's cost.
enum StoragePool {
    /// The capacity in floats of every small storage, the only ones pooled.
    static let capacity = 16
    /// How many storages one thread keeps at most.
    static let limit = 64

    /// One thread's storages, each holding one reference (the first `count` items are
    /// initialized). Reached through a pointer, not a class, so that its accesses need no
    /// run-time exclusivity checks.
    private struct Shelf {
        var items = UnsafeMutablePointer<TensorStorage>.allocate(capacity: StoragePool.limit)
        var count = 0
    }

    /// The key whose destructor empties and frees a thread's shelf when the thread exits.
    private static let key = PerThreadBuffer.key { pointer in
        guard let shelf = pointer?.assumingMemoryBound(to: Shelf.self) else { return }
        nnk_thread().pointee.storageShelf = nil
        shelf.pointee.items.deinitialize(count: shelf.pointee.count)
        shelf.pointee.items.deallocate()
        shelf.deinitialize(count: 1)
        shelf.deallocate()
    }

    /// This thread's shelf, made on first use (see `PerThreadBuffer` for when it is freed).
    @inline(__always)
    private static var current: UnsafeMutablePointer<Shelf> {
        if let pointer = nnk_thread().pointee.storageShelf { return pointer.assumingMemoryBound(to: Shelf.self) }
        let shelf = PerThreadBuffer.make(Shelf(), destructor: key)
        nnk_thread().pointee.storageShelf = UnsafeMutableRawPointer(shelf)
        return shelf
    }

    /// A pooled storage of `capacity` floats, or nil when this thread has none.
    @inline(__always)
    static func take() -> TensorStorage? {
        let shelf = current
        guard shelf.pointee.count > 0 else { return nil }
        shelf.pointee.count -= 1
        return (shelf.pointee.items + shelf.pointee.count).move()
    }

    /// Keeps `storage`, of `capacity` floats and referenced by nothing else, for reuse: the
    /// caller's reference becomes the shelf's (moved in, not retained).
    @inline(__always)
    static func recycle(_ storage: consuming TensorStorage) {
        let shelf = current
        guard shelf.pointee.count < limit else { return }
        (shelf.pointee.items + shelf.pointee.count).initialize(to: storage)
        shelf.pointee.count += 1
    }
}
