// In-place updates for optimizers and initializers. They never record the graph: use them on
// parameters between steps (PyTorch's `with torch.no_grad(): p -= lr * p.grad`), not on tensors
// a pending backward still needs.

extension Tensor {
    /// A new contiguous tensor with a copy of this one's values (no graph).
    public func clone() -> Tensor {
        let out = Tensor.uninitialized(shape)
        withExtendedLifetime(self) {
            let dst = out.base, src = base
            if isContiguous {
                dst.update(from: src, count: count)
            } else {
                forEachOffset(shape: shape, strides: strides) { i, o in dst[i] = src[o] }
            }
        }
        return out
    }

    /// Overwrites this tensor's values with `source`'s (broadcast to this shape).
    public func copy(from source: Tensor) {
        updateInPlace(with: source) { _, s in s }
    }

    /// Overwrites this tensor's values with row-major `values`.
    public func copy(from values: [Float]) {
        precondition(values.count == count, "\(values.count) values for a tensor of \(count) elements")
        copy(from: Tensor(values, shape: shape))
    }

    /// Sets every element to `value`.
    public func fill(_ value: Float) { updateInPlace { _ in value } }

    /// Sets every element to zero.
    public func zero() { fill(0) }

    /// Adds `alpha * other` (broadcast) in place, as PyTorch's `add_(other, alpha=)`.
    public func addInPlace(_ other: Tensor, alpha: Float = 1) {
        if alpha == 1 {
            updateInPlace(with: other) { $0 + $1 }
        } else {
            updateInPlace(with: other) { $0 + alpha * $1 }
        }
    }

    /// Runs `body` over the values of this contiguous tensor, for reading.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        let source = contiguousValues()
        return try withExtendedLifetime(source) {
            try body(UnsafeBufferPointer(start: source.base, count: count))
        }
    }

    /// Runs `body` over the values of this tensor, which must be contiguous, for updating in place.
    public func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        precondition(isContiguous, "in-place access needs a contiguous tensor")
        return try withExtendedLifetime(self) {
            try body(UnsafeMutableBufferPointer(start: base, count: count))
        }
    }

    /// Adds `rhs` to `lhs`'s values in place (no graph).
    public static func += (lhs: Tensor, rhs: Tensor) { lhs.updateInPlace(with: rhs) { $0 + $1 } }
    /// Subtracts `rhs` from `lhs`'s values in place (no graph).
    public static func -= (lhs: Tensor, rhs: Tensor) { lhs.updateInPlace(with: rhs) { $0 - $1 } }
    /// Multiplies `lhs`'s values by `rhs` in place (no graph).
    public static func *= (lhs: Tensor, rhs: Tensor) { lhs.updateInPlace(with: rhs) { $0 * $1 } }
    /// Divides `lhs`'s values by `rhs` in place (no graph).
    public static func /= (lhs: Tensor, rhs: Tensor) { lhs.updateInPlace(with: rhs) { $0 / $1 } }
    /// Adds `rhs` to every value of `lhs` in place (no graph).
    public static func += (lhs: Tensor, rhs: Float) { lhs.updateInPlace { $0 + rhs } }
    /// Subtracts `rhs` from every value of `lhs` in place (no graph).
    public static func -= (lhs: Tensor, rhs: Float) { lhs.updateInPlace { $0 - rhs } }
    /// Multiplies every value of `lhs` by `rhs` in place (no graph).
    public static func *= (lhs: Tensor, rhs: Float) { lhs.updateInPlace { $0 * rhs } }
    /// Divides every value of `lhs` by `rhs` in place (no graph).
    public static func /= (lhs: Tensor, rhs: Float) { lhs.updateInPlace { $0 / rhs } }
}
