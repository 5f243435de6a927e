import NNText
/// An n-dimensional float32 tensor with PyTorch's semantics and reverse-mode autograd.
///
/// A tensor is a view (shape, strides, offset) of a shared storage. Operations on tensors that
/// require grad record a backward closure while grad mode is on (see `noGrad`); `backward()`
/// then accumulates gradients into the `grad` of every leaf that requires grad.
public final class Tensor {
    /// The elements' buffer, shared by views. Optional only so that the deinit can move it
    /// into the storage pool (no retain there and no release here); set from init to deinit.
    /// A `var` so that autograd and the pool can ask whether it is uniquely referenced.
    /// (Spelled `Optional<…>`, not `…?`, which would first set it to nil in every init and then
    /// release that nil when the init sets it.)
    @exclusivity(unchecked) var storageSlot: Optional<TensorStorage>
    /// The elements' buffer, shared by views.
    @inline(__always)
    var storage: TensorStorage { storageSlot.unsafelyUnwrapped }
    /// The size of every dimension.
    public let shape: [Int]
    /// The strides when they are not those of a contiguous scalar or vector (`[]`, `[1]`), which
    /// most small tensors have: they then keep no array, retained when made and released when freed.
    private let storedStrides: [Int]?
    /// The step in storage elements between neighbours along each dimension.
    public var strides: [Int] {
        if let storedStrides { return storedStrides }
        return shape.isEmpty ? [] : Tensor.unitStrides
    }
    /// The position of the first element in the storage.
    let offset: Int
    /// The number of elements.
    public let count: Int
    /// True when the elements lie in row-major order without gaps.
    public let isContiguous: Bool

    /// Whether gradients flow to this tensor. Settable on leaves only.
    public var requiresGrad: Bool {
        get { tracksGrad }
        set {
            precondition(isLeaf || newValue, "requiresGrad can only be changed on a leaf tensor")
            tracksGrad = newValue
        }
    }
    var tracksGrad: Bool
    /// The accumulated gradient (for leaves and tensors that called `retainGrad()`). Read and
    /// set on every step by autograd and the optimizers, without run-time exclusivity checks.
    @exclusivity(unchecked) public var grad: Tensor?

    var retainsGrad = false
    /// The inputs and backward of the op that made this tensor (nil for leaves).
    var gradFn: GradFunction?
    /// True once an op recorded `gradFn` (a stored flag: reading the optional enum copies it).
    var isRecorded = false
    /// The inputs of a one- or two-input op, which `gradFn` owns, for the graph walk of
    /// `backward` (it reads them without reference counting).
    var input0: Unmanaged<Tensor>?
    var input1: Unmanaged<Tensor>?
    /// The gradient summed so far during one backward pass.
    var pendingGrad: Tensor?
    /// Marks of the topological sort of one backward pass. The links do not own their nodes:
    /// the graph keeps every node alive while the pass runs.
    var visited = false
    var dfsNext = 0
    var dfsChild: Unmanaged<Tensor>?
    var orderNext: Unmanaged<Tensor>?

    init(storage: TensorStorage, shape: [Int], strides: [Int], offset: Int, requiresGrad: Bool = false) {
        self.storageSlot = storage
        self.shape = shape
        self.storedStrides = Tensor.hasVectorStrides(shape: shape, strides: strides) ? nil : strides
        self.offset = offset
        self.count = shape.reduce(1, *)
        self.isContiguous = Tensor.isRowMajor(shape: shape, strides: strides)
        self.tracksGrad = requiresGrad
    }

    deinit {
        if storage.isSmall && isKnownUniquelyReferenced(&storageSlot) {
            // Moved into the pool: its reference becomes the pool's.
            StoragePool.recycle(storageSlot.take().unsafelyUnwrapped)
        }
        guard isRecorded, let function = gradFn.take() else { return }
        GraphRelease.release(consume function)
    }

    /// A contiguous tensor of `count` elements over `storage` from its start.
    @inline(__always)
    init(storage: consuming TensorStorage, shape: consuming [Int], count: Int) {
        self.storedStrides = shape.count <= 1 ? nil : Tensor.contiguousStrides(shape)
        self.count = count
        self.offset = 0
        self.isContiguous = true
        self.tracksGrad = false
        self.storageSlot = storage
        self.shape = shape
    }

    /// A contiguous tensor of `shape` with uninitialized elements.
    static func uninitialized(_ shape: [Int]) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor(storage: .make(count: count), shape: shape, count: count)
    }

    /// Makes a tensor from row-major `values`.
    ///
    /// - Parameters:
    ///   - values: the elements in row-major order; their count must equal the product of `shape`.
    ///   - shape: the size of every dimension (`[]` for a scalar).
    ///   - requiresGrad: whether gradients flow to this tensor.
    public convenience init(_ values: [Float], shape: [Int], requiresGrad: Bool = false) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        precondition(values.count == shape.reduce(1, *),
                     "\(values.count) values do not fill shape \(shape)")
        let storage = TensorStorage.make(count: values.count)
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { storage.pointer.update(from: base, count: values.count) }
        }
        self.init(storage: storage, shape: shape, count: values.count)
        tracksGrad = requiresGrad
    }

    /// Makes a tensor from row-major `values`, throwing when they do not fill `shape`.
    public convenience init(validating values: [Float], shape: [Int], requiresGrad: Bool = false) throws(TensorError) {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw .invalidShape(shape) }
        guard values.count == shape.reduce(1, *) else {
            throw .countMismatch(count: values.count, shape: shape)
        }
        self.init(values, shape: shape, requiresGrad: requiresGrad)
    }

    /// Makes a 1-D tensor of `values`.
    public convenience init(_ values: [Float], requiresGrad: Bool = false) {
        self.init(values, shape: [values.count], requiresGrad: requiresGrad)
    }

    /// Makes a 0-dimensional (scalar) tensor.
    public convenience init(_ scalar: Float, requiresGrad: Bool = false) {
        let storage = TensorStorage.make(count: 1)
        storage.pointer.pointee = scalar
        self.init(storage: storage, shape: [], count: 1)
        tracksGrad = requiresGrad
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The size of dimension `dim` (negative counts from the end).
    public func size(_ dim: Int) -> Int { shape[normalizedDim(dim)] }

    /// True when this tensor was not made by a recorded op.
    public var isLeaf: Bool { !isRecorded }

    /// The first element of this view.
    @inline(__always)
    var base: UnsafeMutablePointer<Float> { storage.pointer + offset }

    /// The only element of a one-element tensor.
    public func item() -> Float {
        precondition(count == 1, "item() needs a tensor with one element, not shape \(shape)")
        return withExtendedLifetime(storage) { base.pointee }
    }

    /// The elements in logical row-major order.
    public func toArray() -> [Float] {
        let source = contiguousValues()
        return withExtendedLifetime(source.storage) {
            Array(UnsafeBufferPointer(start: source.base, count: count))
        }
    }

    /// Row-major strides of a contiguous tensor of `shape`.
    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        // Scalars and vectors, the most frequent small tensors, share their strides' storage.
        switch shape.count {
        case 0: return []
        case 1: return unitStrides
        default: break
        }
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[d] = step
            step *= shape[d]
        }
        return strides
    }

    /// The strides of every contiguous 1-D tensor.
    private static let unitStrides = [1]

    /// True for the strides a contiguous scalar or vector has (`[]`, `[1]`), which `strides`
    /// gives without storing them.
    @inline(__always)
    static func hasVectorStrides(shape: [Int], strides: [Int]) -> Bool {
        switch shape.count {
        case 0: true
        case 1: strides.count == 1 && strides[0] == 1
        default: false
        }
    }

    static func isRowMajor(shape: [Int], strides: [Int]) -> Bool {
        var step = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) where shape[d] != 1 {
            if strides[d] != step { return false }
            step *= shape[d]
        }
        return true
    }

    /// `dim` in `0..<rank`, counting negative values from the end (traps when out of range).
    func normalizedDim(_ dim: Int, rank: Int? = nil) -> Int {
        let n = rank ?? self.rank
        let bound = Swift.max(n, 1)
        precondition(dim >= -bound && dim < bound,
                     "dimension \(dim) out of range for a tensor of \(n) dimensions")
        return dim < 0 ? dim + bound : dim
    }

    /// This tensor's elements as a contiguous tensor, copying only when needed (no graph).
    func contiguousValues() -> Tensor {
        if isContiguous { return self }
        let out = Tensor.uninitialized(shape)
        let dst = out.base
        withExtendedLifetime(storage) {
            let src = base
            forEachOffset(shape: shape, strides: strides) { i, o in dst[i] = src[o] }
        }
        return out
    }
}

/// Errors for user-supplied data that does not fit a tensor operation.
public enum TensorError: Error, Equatable, CustomStringConvertible, Sendable {
    case invalidShape([Int])
    case countMismatch(count: Int, shape: [Int])
    /// Arguments that do not fit the op, with a message naming them.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .invalidShape(let shape): return "invalid shape \(shape)"
        case .countMismatch(let count, let shape): return "\(counted(count, "value does", "values do")) not fill shape \(shape)"
        case .invalidArgument(let message): return message
        }
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let values = count <= 20 ? "\(toArray())" : "[\(count) values]"
        return "Tensor(shape: \(shape), \(values)\(requiresGrad ? ", requiresGrad" : ""))"
    }
}
