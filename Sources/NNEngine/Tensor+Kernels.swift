// Elementwise kernels without autograd: the building blocks of the ops.

extension Tensor {
    /// A new contiguous tensor of `f` applied to every element.
    @inline(__always)
    func map(_ f: (Float) -> Float) -> Tensor {
        let out = Tensor.uninitialized(shape)
        let n = count, dst = out.base
        if isContiguous {
            // Read in place: no reference to self taken and given back as `contiguousValues()` does.
            withExtendedLifetime(self) {
                let src = base
                for i in 0..<n { dst[i] = f(src[i]) }
            }
            return out
        }
        let source = contiguousValues()
        withExtendedLifetime(source) {
            let src = source.base
            for i in 0..<n { dst[i] = f(src[i]) }
        }
        return out
    }

    /// A new contiguous tensor of `f` applied to the broadcast elements of `self` and `other`.
    @inline(__always)
    func zipMap(_ other: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
        let a = self, b = other
        // Each kept alive on its own: a tuple of the two would take a reference to each.
        defer {
            withExtendedLifetime(a) {}
            withExtendedLifetime(b) {}
        }
        if a.shape == b.shape && a.isContiguous && b.isContiguous {
            let out = Tensor.uninitialized(a.shape)
            let pa = a.base, pb = b.base, dst = out.base
            for i in 0..<a.count { dst[i] = f(pa[i], pb[i]) }
            return out
        }
        if b.count == 1 && a.isContiguous && a.rank >= b.rank {
            let out = Tensor.uninitialized(a.shape)
            let pa = a.base, s = b.base.pointee, dst = out.base
            for i in 0..<a.count { dst[i] = f(pa[i], s) }
            return out
        }
        if a.count == 1 && b.isContiguous && b.rank >= a.rank {
            let out = Tensor.uninitialized(b.shape)
            let s = a.base.pointee, pb = b.base, dst = out.base
            for i in 0..<b.count { dst[i] = f(s, pb[i]) }
            return out
        }
        if a.isContiguous && b.isContiguous && b.count > 0 && Tensor.repeats(b.shape, along: a.shape) {
            // `b` repeats along a's leading dimensions (a bias over a batch): row by row.
            let out = Tensor.uninitialized(a.shape)
            let n = b.count, rows = a.count / n
            let pa = a.base, pb = b.base, dst = out.base
            for r in 0..<rows {
                let row = r * n
                for j in 0..<n { dst[row + j] = f(pa[row + j], pb[j]) }
            }
            return out
        }
        guard let shape = broadcastShapes(a.shape, b.shape) else {
            preconditionFailure("shapes \(a.shape) and \(b.shape) cannot be broadcast together")
        }
        let out = Tensor.uninitialized(shape)
        let pa = a.base, pb = b.base, dst = out.base
        forEachOffset(shape: shape, strides: a.broadcastStrides(to: shape), b.broadcastStrides(to: shape)) {
            i, oa, ob in dst[i] = f(pa[oa], pb[ob])
        }
        return out
    }

    /// True when a tensor of shape `inner` broadcast to `outer` repeats along leading dimensions
    /// only: `inner` without its leading 1s is a suffix of `outer` and no longer than it.
    static func repeats(_ inner: [Int], along outer: [Int]) -> Bool {
        let trimmed = inner.drop { $0 == 1 }
        return trimmed.count <= outer.count && outer.suffix(trimmed.count).elementsEqual(trimmed)
            && inner.count <= outer.count
    }

    /// A new contiguous tensor of `f` over three broadcast operands.
    func zipMap(_ b: Tensor, _ c: Tensor, _ f: (Float, Float, Float) -> Float) -> Tensor {
        guard let ab = broadcastShapes(shape, b.shape), let shape = broadcastShapes(ab, c.shape) else {
            preconditionFailure("shapes \(self.shape), \(b.shape) and \(c.shape) cannot be broadcast together")
        }
        let x = expandedValues(shape), y = b.expandedValues(shape), z = c.expandedValues(shape)
        let out = Tensor.uninitialized(shape)
        withExtendedLifetime((x, y, z)) {
            let px = x.base, py = y.base, pz = z.base, dst = out.base
            for i in 0..<out.count { dst[i] = f(px[i], py[i], pz[i]) }
        }
        return out
    }

    /// This tensor's values broadcast to `shape`, contiguous (no graph).
    func expandedValues(_ shape: [Int]) -> Tensor {
        if self.shape == shape { return contiguousValues() }
        let view = Tensor(storage: storage, shape: shape, strides: broadcastStrides(to: shape), offset: offset)
        return view.contiguousValues()
    }

    /// Applies `f(element, other)` in place to every element of this view, `other` broadcast.
    @inline(__always)
    func updateInPlace(with other: Tensor, _ f: (Float, Float) -> Float) {
        precondition(other.shape == shape || broadcastShapes(shape, other.shape) == shape,
                     "cannot update a tensor of shape \(shape) with one of shape \(other.shape)")
        defer { withExtendedLifetime(other) {} }
        withExtendedLifetime(self) {
            let dst = base, src = other.base
            if isContiguous && other.isContiguous && other.shape == shape {
                for i in 0..<count { dst[i] = f(dst[i], src[i]) }
            } else {
                forEachOffset(shape: shape, strides: strides, other.broadcastStrides(to: shape)) {
                    _, o, s in dst[o] = f(dst[o], src[s])
                }
            }
        }
    }

    /// Applies `f` in place to every element of this view.
    @inline(__always)
    func updateInPlace(_ f: (Float) -> Float) {
        withExtendedLifetime(self) {
            let dst = base
            if isContiguous {
                for i in 0..<count { dst[i] = f(dst[i]) }
            } else {
                forEachOffset(shape: shape, strides: strides) { _, o in dst[o] = f(dst[o]) }
            }
        }
    }
}
