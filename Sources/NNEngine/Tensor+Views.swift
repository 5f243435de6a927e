// Views: tensors sharing storage with their base (reshape, permute, expand, slicing).

extension Tensor {
    /// A view of `shape` and `strides` over this tensor's storage, recorded as `backward`.
    private func view(shape: [Int], strides: [Int], offset: Int,
                      _ backward: @escaping (Tensor) -> Tensor) -> Tensor {
        let out = Tensor(storage: storage, shape: shape, strides: strides, offset: offset)
        guard Tensor.recording(self) else { return out }
        return out.recordOp(self) { g in backward(g) }
    }

    /// This contiguous tensor's values seen in `shape` (same count), without graph.
    func viewing(_ shape: [Int]) -> Tensor {
        precondition(isContiguous && shape.reduce(1, *) == count, "viewing \(self.shape) as \(shape)")
        if shape == self.shape { return self }
        return Tensor(storage: storage, shape: shape, strides: Tensor.contiguousStrides(shape), offset: offset)
    }

    /// A contiguous tensor with this one's values: itself when already contiguous.
    public func contiguous() -> Tensor {
        if isContiguous { return self }
        let out = contiguousValues()
        guard Tensor.recording(self) else { return out }
        return out.recordOp(self) { g in g }
    }

    /// `shape` with one `-1` inferred from this tensor's element count.
    func resolvedShape(_ shape: [Int]) -> [Int] {
        guard let hole = shape.firstIndex(of: -1) else {
            precondition(shape.reduce(1, *) == count && shape.allSatisfy { $0 >= 0 },
                         "shape \(shape) is invalid for input of size \(count)")
            return shape
        }
        let known = shape.enumerated().reduce(1) { $0 * ($1.offset == hole ? 1 : $1.element) }
        precondition(shape.filter({ $0 == -1 }).count == 1 && known > 0 && count % known == 0,
                     "shape \(shape) is invalid for input of size \(count)")
        var resolved = shape
        resolved[hole] = count / known
        return resolved
    }

    /// The same values in `shape` (one dimension may be -1); a view when contiguous.
    public func reshape(_ shape: [Int]) -> Tensor {
        let target = resolvedShape(shape)
        if target == self.shape { return self }
        let source = contiguous()
        let inputShape = self.shape
        return source.view(shape: target, strides: Tensor.contiguousStrides(target), offset: source.offset) {
            $0.reshape(inputShape)
        }
    }

    /// Flattens dimensions `startDim...endDim` into one.
    public func flatten(startDim: Int = 0, endDim: Int = -1) -> Tensor {
        if rank == 0 { return reshape([1]) }
        let s = normalizedDim(startDim), e = normalizedDim(endDim)
        precondition(s <= e, "flatten: startDim \(startDim) after endDim \(endDim)")
        let merged = shape[s...e].reduce(1, *)
        return reshape(Array(shape[..<s]) + [merged] + Array(shape[(e + 1)...]))
    }

    /// The dimensions reordered: dimension `i` of the result is `dims[i]` of this tensor.
    public func permute(_ dims: [Int]) -> Tensor {
        precondition(dims.count == rank, "permute needs \(rank) dimensions, got \(dims)")
        let order = dims.map { normalizedDim($0) }
        precondition(Set(order).count == rank, "permute: repeated dimension in \(dims)")
        var inverse = [Int](repeating: 0, count: rank)
        for (i, d) in order.enumerated() { inverse[d] = i }
        return view(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: offset) {
            $0.permute(inverse)
        }
    }

    /// Dimensions `dim0` and `dim1` swapped.
    public func transpose(_ dim0: Int, _ dim1: Int) -> Tensor {
        if rank < 2 && dim0 == dim1 { return self }
        var order = Array(0..<rank)
        order.swapAt(normalizedDim(dim0), normalizedDim(dim1))
        return permute(order)
    }

    /// The transpose of a tensor of at most 2 dimensions (PyTorch's `t()`).
    public var t: Tensor {
        precondition(rank <= 2, "t() expects a tensor of at most 2 dimensions, got \(rank)")
        return rank < 2 ? self : transpose(0, 1)
    }

    /// Every dimension of size 1 removed.
    public func squeeze() -> Tensor {
        let keep = (0..<rank).filter { shape[$0] != 1 }
        return squeezed(keep)
    }

    /// Dimension `dim` removed when its size is 1 (otherwise this tensor unchanged).
    public func squeeze(_ dim: Int) -> Tensor {
        if rank == 0 { return self }
        let d = normalizedDim(dim)
        guard shape[d] == 1 else { return self }
        return squeezed((0..<rank).filter { $0 != d })
    }

    private func squeezed(_ keep: [Int]) -> Tensor {
        if keep.count == rank { return self }
        let inputShape = shape
        return view(shape: keep.map { shape[$0] }, strides: keep.map { strides[$0] }, offset: offset) {
            $0.reshape(inputShape)
        }
    }

    /// A dimension of size 1 inserted at `dim` (negative counts from the end of the result).
    public func unsqueeze(_ dim: Int) -> Tensor {
        let d = normalizedDim(dim, rank: rank + 1)
        var newShape = shape, newStrides = strides
        newShape.insert(1, at: d)
        newStrides.insert(d < rank ? strides[d] * shape[d] : 1, at: d)
        let inputShape = shape
        return view(shape: newShape, strides: newStrides, offset: offset) { $0.reshape(inputShape) }
    }

    /// A view repeating dimensions of size 1 to `shape` (-1 keeps a size), as PyTorch's `expand`.
    public func expand(_ shape: [Int]) -> Tensor {
        precondition(shape.count >= rank, "expand: shape \(shape) has fewer dimensions than \(self.shape)")
        let lead = shape.count - rank
        var target = shape
        for d in 0..<rank where shape[d + lead] == -1 { target[d + lead] = self.shape[d] }
        if target == self.shape { return self }
        for d in 0..<rank {
            precondition(self.shape[d] == 1 || self.shape[d] == target[d + lead],
                         "expand: size \(self.shape[d]) of dimension \(d) cannot become \(target[d + lead])")
        }
        let inputShape = self.shape
        return view(shape: target, strides: broadcastStrides(to: target), offset: offset) { $0.sum(to: inputShape) }
    }

    /// This tensor broadcast to `other`'s shape.
    public func expand(as other: Tensor) -> Tensor { expand(other.shape) }

    /// Elements `start..<start+length` of dimension `dim` (a negative start counts from the end), a view.
    public func narrow(_ dim: Int, start: Int, length: Int) -> Tensor {
        let size = shape[normalizedDim(dim)]
        let first = start < 0 ? start + size : start
        precondition(first >= 0 && length >= 0 && first + length <= size,
                     "narrow: \(start)..<\(start + length) out of range for size \(size)")
        return slice(dim, start: first, end: first + length)
    }

    /// Elements `start..<end` by `step` of dimension `dim` (negatives count from the end), a view.
    public func slice(_ dim: Int, start: Int = 0, end: Int? = nil, step: Int = 1) -> Tensor {
        let d = normalizedDim(dim)
        precondition(step > 0, "slice step must be positive")
        let size = shape[d]
        func clampIndex(_ i: Int) -> Int { Swift.min(Swift.max(i < 0 ? i + size : i, 0), size) }
        let lo = clampIndex(start), hi = Swift.max(clampIndex(end ?? size), lo)
        var newShape = shape, newStrides = strides
        newShape[d] = (hi - lo + step - 1) / step
        newStrides[d] = strides[d] * step
        let input = self
        return view(shape: newShape, strides: newStrides, offset: offset + lo * strides[d]) { g in
            let grad = Tensor.zeros(input.shape)
            grad.detach().slice(d, start: lo, end: hi, step: step).copy(from: g)
            return grad
        }
    }

    /// The sub-tensor at `index` of dimension `dim`, which is removed (a view).
    public func select(_ dim: Int, _ index: Int) -> Tensor {
        let d = normalizedDim(dim)
        let i = index < 0 ? index + shape[d] : index
        precondition(i >= 0 && i < shape[d], "index \(index) out of range for dimension \(d) of size \(shape[d])")
        return slice(d, start: i, end: i + 1).squeeze(d)
    }

    /// The sub-tensor at `index` of the first dimension.
    public subscript(index: Int) -> Tensor { select(0, index) }
}
