/// The float32 buffer behind one or more tensors (views share it).
///
/// One allocation holds the header (the capacity in floats) and the elements. Small buffers
/// all have `StoragePool.capacity` floats and are reused through the pool.
final class TensorStorage: ManagedBuffer<Int, Float> {
    /// A storage of at least `count` uninitialized floats.
    @inline(__always)
    static func make(count: Int) -> TensorStorage {
        if count <= StoragePool.capacity {
            if let pooled = StoragePool.take() { return pooled }
            return allocate(capacity: StoragePool.capacity)
        }
        return allocate(capacity: count)
    }

    private static func allocate(capacity: Int) -> TensorStorage {
        let buffer = TensorStorage.create(minimumCapacity: capacity) { _ in capacity }
        return unsafeDowncast(buffer, to: TensorStorage.self)
    }

    /// The first element; valid while the storage is alive.
    @inline(__always)
    var pointer: UnsafeMutablePointer<Float> { withUnsafeMutablePointerToElements { $0 } }

    /// True for a small storage, of the pool's capacity.
    @inline(__always)
    var isSmall: Bool { withUnsafeMutablePointerToHeader { $0.pointee } == StoragePool.capacity }
}
