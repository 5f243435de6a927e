// Gathering and joining: indexSelect, gather, scatterAdd, cat, stack.

extension Tensor {
    /// The entries `index` along `dim`, copied (PyTorch's `index_select`).
    public func indexSelect(dim: Int, index: [Int]) -> Tensor {
        let d = normalizedDim(dim)
        let size = rank == 0 ? 1 : shape[d]
        let rows = index.map { i -> Int in
            let j = i < 0 ? i + size : i
            precondition(j >= 0 && j < size, "index \(i) out of range for dimension \(d) of size \(size)")
            return j
        }
        let x = self
        let pieces = rows.map { detach().narrow(d, start: $0, length: 1) }
        let out = Tensor.cat(pieces.isEmpty ? [detach().narrow(d, start: 0, length: 0)] : pieces, dim: d)
        guard Tensor.recording(x) else { return out }
        return out.recordOp(x) { g in
            let grad = Tensor.zeros(x.shape)
            for (k, row) in rows.enumerated() {
                grad.narrow(d, start: row, length: 1).addInPlace(g.narrow(d, start: k, length: 1))
            }
            return grad
        }
    }

    /// Values picked along `dim` by `index` (integral values), as `torch.gather`.
    ///
    /// `out[i][j][k] = self[i][index[i][j][k]][k]` for `dim == 1`; `index` has this tensor's rank
    /// and no dimension larger than this tensor's (except along `dim`).
    public func gather(dim: Int, index: Tensor) -> Tensor {
        let d = normalizedDim(dim)
        let x = self
        let offsets = gatherOffsets(d, index)
        let out = Tensor.uninitialized(index.shape)
        withExtendedLifetime(x) {
            let src = x.base, dst = out.base
            for (i, o) in offsets.enumerated() { dst[i] = src[o] }
        }
        guard Tensor.recording(x) else { return out }
        return out.recordOp(x) { g in
            let grad = Tensor.zeros(x.shape)
            let gv = g.contiguousValues()
            let dst = grad.base, src = gv.base
            withExtendedLifetime(gv) {
                for (i, o) in offsets.enumerated() { dst[o] += src[i] }
            }
            return grad
        }
    }

    /// The storage offsets (relative to `base`, in a contiguous tensor of this shape when `contiguous`)
    /// that `gather(dim:index:)` reads.
    private func gatherOffsets(_ d: Int, _ index: Tensor, contiguous: Bool = false) -> [Int] {
        precondition(index.rank == rank, "gather: index of rank \(index.rank) for a tensor of rank \(rank)")
        for k in 0..<rank where k != d {
            precondition(index.shape[k] <= shape[k],
                         "gather: index shape \(index.shape) exceeds \(shape) in dimension \(k)")
        }
        let xStrides = contiguous ? Tensor.contiguousStrides(shape) : strides
        var outer = xStrides
        if rank > 0 { outer[d] = 0 }
        let step = rank > 0 ? xStrides[d] : 0, size = rank > 0 ? shape[d] : 1
        var offsets = [Int](repeating: 0, count: index.count)
        withExtendedLifetime(index) {
            let idx = index.base
            forEachOffset(shape: index.shape, strides: outer, index.strides) { i, o, io in
                let raw = Int(idx[io])
                let j = raw < 0 ? raw + size : raw
                precondition(j >= 0 && j < size, "gather: index \(raw) out of range for size \(size)")
                offsets[i] = o + j * step
            }
        }
        return offsets
    }

    /// A copy with `source` added at the positions `index` picks along `dim` (PyTorch's `scatter_add`).
    public func scatterAdd(dim: Int, index: Tensor, source: Tensor) -> Tensor {
        let d = normalizedDim(dim)
        precondition(source.shape == index.shape, "scatterAdd: source shape \(source.shape) != index shape \(index.shape)")
        let x = self
        let offsets = gatherOffsets(d, index, contiguous: true)
        let out = x.clone()
        let src = source.contiguousValues()
        withExtendedLifetime(src) {
            let dst = out.base, values = src.base
            for (i, o) in offsets.enumerated() { dst[o] += values[i] }
        }
        guard Tensor.recording(x, source) else { return out }
        return out.recordOp(x, source) { g in
            (x.requiresGrad ? g : nil, source.requiresGrad ? g.gather(dim: d, index: index) : nil)
        }
    }

    /// The tensors joined along `dim`; all other dimensions must agree.
    public static func cat(_ tensors: [Tensor], dim: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "cat needs at least one tensor")
        let first = tensors[0]
        let d = first.normalizedDim(dim)
        var shape = first.shape
        shape[d] = 0
        for t in tensors {
            precondition(t.rank == first.rank && (0..<t.rank).allSatisfy { $0 == d || t.shape[$0] == first.shape[$0] },
                         "cat: shape \(t.shape) does not match \(first.shape) outside dimension \(d)")
            shape[d] += t.shape[d]
        }
        let out = Tensor.uninitialized(shape)
        var start = 0
        var starts: [Int] = []
        for t in tensors {
            starts.append(start)
            out.narrow(d, start: start, length: t.shape[d]).copy(from: t)
            start += t.shape[d]
        }
        guard GradMode.isEnabled, tensors.contains(where: { $0.requiresGrad }) else { return out }
        return out.recordOp(tensors) { g in
            zip(tensors, starts).map { t, s in t.requiresGrad ? g.narrow(d, start: s, length: t.shape[d]) : nil }
        }
    }

    /// The tensors (of one shape) stacked along a new dimension `dim`.
    public static func stack(_ tensors: [Tensor], dim: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "stack needs at least one tensor")
        let d = tensors[0].normalizedDim(dim, rank: tensors[0].rank + 1)
        for t in tensors { precondition(t.shape == tensors[0].shape, "stack: shapes \(t.shape) and \(tensors[0].shape) differ") }
        return cat(tensors.map { $0.unsqueeze(d) }, dim: d)
    }
}
