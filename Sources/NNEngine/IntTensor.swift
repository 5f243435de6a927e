import NNText
/// An integer tensor: class indices, target sequences and lengths (PyTorch's `LongTensor`).
///
/// Losses take class-index targets as an `IntTensor` whose shape is the input's without the class
/// dimension (`(N)` for `(N, C)` inputs, `(N, d1, ...)` for `(N, C, d1, ...)`, `[]` for `(C)`).
public struct IntTensor: Sendable, Equatable, ExpressibleByArrayLiteral {
    /// The size of every dimension.
    public let shape: [Int]
    /// The values in row-major order.
    public let data: [Int]

    /// A tensor of `shape` (1-D of `data.count` when nil).
    /// - Throws: `LossError.shapeMismatch` when the count does not fill the shape.
    public init(_ data: [Int], shape: [Int]? = nil) throws {
        let shape = shape ?? [data.count]
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == data.count else {
            throw LossError.shapeMismatch("\(counted(data.count, "value does", "values do")) not fill shape \(shape)")
        }
        self.shape = shape
        self.data = data
    }

    /// A 1-D tensor of class indices.
    public init(classes: [Int]) {
        shape = [classes.count]
        data = classes
    }

    /// A 1-D tensor of `elements`.
    public init(arrayLiteral elements: Int...) {
        shape = [elements.count]
        data = elements
    }

    /// The number of elements.
    public var count: Int { data.count }
}
