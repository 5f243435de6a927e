/// The float32 buffer behind one or more tensors (views share it).
///
/// One allocation holds the header (the element count) and the elements.
final class TensorStorage: ManagedBuffer<Int, Float> {
    /// A storage of `count` uninitialized floats.
    static func make(count: Int) -> TensorStorage {
        let buffer = TensorStorage.create(minimumCapacity: Swift.max(count, 1)) { _ in count }
        return unsafeDowncast(buffer, to: TensorStorage.self)
    }

    /// The first element; valid while the storage is alive.
    @inline(__always)
    var pointer: UnsafeMutablePointer<Float> { withUnsafeMutablePointerToElements { $0 } }
}
