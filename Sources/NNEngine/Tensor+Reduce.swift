import CKernels

// Reductions over dimensions: sum, mean, amax, amin, var, std, argmax.

extension Tensor {
    /// The dimensions a reduction covers: `dims` normalized, or every dimension when empty.
    func reductionMask(_ dims: [Int]) -> [Bool] {
        var mask = [Bool](repeating: dims.isEmpty, count: rank)
        for d in dims where rank > 0 {
            let n = normalizedDim(d)
            precondition(!mask[n] || dims.isEmpty, "dimension \(d) repeated in \(dims)")
            mask[n] = true
        }
        return mask
    }

    /// The shape with every reduced dimension set to 1.
    func keptShape(_ mask: [Bool]) -> [Int] {
        zip(shape, mask).map { $1 ? 1 : $0 }
    }

    /// The result shape of a reduction.
    func reducedShape(_ mask: [Bool], keepdim: Bool) -> [Int] {
        keepdim ? keptShape(mask) : zip(shape, mask).filter { !$1 }.map(\.0)
    }

    /// Folds the elements of every reduced group with `combine`, in row-major order.
    @inline(__always)
    func fold<T>(_ mask: [Bool], initial: T, _ combine: (T, Float) -> T) -> [T] {
        let kept = keptShape(mask)
        var outStrides = Tensor.contiguousStrides(kept)
        for d in 0..<rank where mask[d] { outStrides[d] = 0 }
        var acc = [T](repeating: initial, count: kept.reduce(1, *))
        withExtendedLifetime(self) {
            let src = base
            acc.withUnsafeMutableBufferPointer { acc in
                let dst = acc.baseAddress!
                forEachOffset(shape: shape, strides: strides, outStrides) { _, x, o in
                    dst[o] = combine(dst[o], src[x])
                }
            }
        }
        return acc
    }

    /// The number of elements in each reduced group.
    func groupSize(_ mask: [Bool]) -> Int {
        zip(shape, mask).reduce(1) { $0 * ($1.1 ? $1.0 : 1) }
    }

    /// The gradient of a reduction output, reshaped and broadcast back to this tensor's shape.
    func expandReduced(_ g: Tensor, _ mask: [Bool]) -> Tensor {
        g.reshape(keptShape(mask)).expand(shape)
    }

    /// Sums `self` down to `target`, a shape it was broadcast from (a broadcast op's backward).
    public func sum(to target: [Int]) -> Tensor {
        if shape == target { return self }
        if target.allSatisfy({ $0 == 1 }) && !Tensor.recording(self) {
            let out = Tensor.uninitialized(target)
            out.base.pointee = Float(total())
            return out
        }
        let lead = rank - target.count
        precondition(lead >= 0, "cannot sum shape \(shape) down to \(target)")
        var dims: [Int] = Array(0..<lead)
        for d in 0..<target.count where target[d] == 1 && shape[d + lead] != 1 { dims.append(d + lead) }
        if dims.isEmpty { return reshape(target) }
        return sum(dim: dims, keepdim: true).reshape(target)
    }

    /// The sum of all elements (a scalar).
    public func sum() -> Tensor {
        let x = self
        let out = Tensor(Float(total()))
        guard Tensor.recording(x) else { return out }
        return out.recordOp(x) { g in g.expand(x.shape) }
    }

    /// The sum of all elements in row-major order, accumulated in double precision as `fold` does.
    func total() -> Double {
        var sum = 0.0
        withExtendedLifetime(self) {
            let src = base
            if isContiguous {
                for i in 0..<count { sum += Double(src[i]) }
            } else {
                forEachOffset(shape: shape, strides: strides) { _, o in sum += Double(src[o]) }
            }
        }
        return sum
    }

    /// The sum over `dim` (PyTorch's `sum(dim, keepdim)`).
    public func sum(dim: Int, keepdim: Bool = false) -> Tensor { sum(dim: [dim], keepdim: keepdim) }

    /// The sum over the dimensions `dim` (all when empty).
    public func sum(dim: [Int], keepdim: Bool = false) -> Tensor {
        let x = self
        let mask = reductionMask(dim)
        let sums = isContiguous && Self.isLeading(mask) ? leadingSums(mask) : fold(mask, initial: 0.0) { $0 + Double($1) }
        let out = Tensor(sums.map { Float($0) }, shape: reducedShape(mask, keepdim: keepdim))
        guard Tensor.recording(x) else { return out }
        return out.recordOp(x) { g in x.expandReduced(g, mask) }
    }

    /// True when `mask` reduces leading dimensions only (true, ..., true, false, ...).
    private static func isLeading(_ mask: [Bool]) -> Bool {
        let kept = mask.firstIndex(of: false) ?? mask.count
        return !mask[kept...].contains(true)
    }

    /// The sums of this contiguous tensor over its leading dimensions that `fold` would give
    /// (each in double precision, in row-major order), row by row: a bias's gradient over a batch.
    private func leadingSums(_ mask: [Bool]) -> [Double] {
        let reduced = mask.firstIndex(of: false) ?? mask.count
        let n = shape[reduced...].reduce(1, *)
        var sums = [Double](repeating: 0, count: n)
        guard n > 0 else { return sums }
        let rows = count / n
        withExtendedLifetime(self) {
            let src = base
            sums.withUnsafeMutableBufferPointer { sums in
                guard let acc = sums.baseAddress else { return }
                for r in 0..<rows {
                    let row = src + r * n
                    for j in 0..<n { acc[j] += Double(row[j]) }
                }
            }
        }
        return sums
    }

    /// The mean of all elements (a scalar).
    public func mean() -> Tensor {
        let x = self
        let n = Double(count)
        let out = Tensor(Float(total() / n))
        guard Tensor.recording(x) else { return out }
        let scale = Float(1 / n)
        // A contiguous gradient rather than an expanded view: the input's own backward then
        // takes its same-shape path instead of broadcasting (the values are the same).
        return out.recordOp(x, scalar: scale) { g, x, scale in Tensor.full(x.shape, g.item() * scale) }
    }

    /// The mean over `dim`.
    public func mean(dim: Int, keepdim: Bool = false) -> Tensor { mean(dim: [dim], keepdim: keepdim) }

    /// The mean over the dimensions `dim` (all when empty).
    public func mean(dim: [Int], keepdim: Bool = false) -> Tensor {
        let x = self
        let mask = reductionMask(dim)
        let n = Double(groupSize(mask))
        let sums = fold(mask, initial: 0.0) { $0 + Double($1) }
        let out = Tensor(sums.map { Float($0 / n) }, shape: reducedShape(mask, keepdim: keepdim))
        guard Tensor.recording(x) else { return out }
        let scale = Float(1 / n)
        return out.recordOp(x) { g in x.expandReduced(g.map { $0 * scale }, mask) }
    }

    /// The largest element (a scalar).
    public func amax() -> Tensor { amax(dim: [Int]()) }

    /// The largest element over `dim`; the gradient is split evenly among ties, as in PyTorch.
    public func amax(dim: Int, keepdim: Bool = false) -> Tensor { amax(dim: [dim], keepdim: keepdim) }

    /// The largest element over the dimensions `dim` (all when empty).
    public func amax(dim: [Int], keepdim: Bool = false) -> Tensor {
        extreme(dim, keepdim: keepdim) { $1 > $0 || $1.isNaN ? $1 : $0 }
    }

    /// The smallest element (a scalar).
    public func amin() -> Tensor { amin(dim: [Int]()) }

    /// The smallest element over `dim`; the gradient is split evenly among ties.
    public func amin(dim: Int, keepdim: Bool = false) -> Tensor { amin(dim: [dim], keepdim: keepdim) }

    /// The smallest element over the dimensions `dim` (all when empty).
    public func amin(dim: [Int], keepdim: Bool = false) -> Tensor {
        extreme(dim, keepdim: keepdim) { $1 < $0 || $1.isNaN ? $1 : $0 }
    }

    private func extreme(_ dim: [Int], keepdim: Bool, _ pick: (Float, Float) -> Float) -> Tensor {
        let x = self
        let mask = reductionMask(dim)
        precondition(groupSize(mask) > 0, "amax/amin over an empty dimension")
        let picked = fold(mask, initial: Float?.none) { acc, v in acc.map { pick($0, v) } ?? v }
        let out = Tensor(picked.map { $0 ?? .nan }, shape: reducedShape(mask, keepdim: keepdim))
        guard Tensor.recording(x) else { return out }
        return out.recordOp(x) { [unowned out] g in
            let hit = x.zipMap(x.expandReduced(out, mask)) { $0 == $1 ? 1 : 0 }
            let ties = hit.sum(dim: dim, keepdim: true)
            return hit.zipMap(x.expandReduced(g, mask), x.expandReduced(ties, mask)) { $0 * $1 / $2 }
        }
    }

    /// The variance over `dim` with Bessel's `correction` (PyTorch's `var(dim, correction, keepdim)`).
    ///
    /// - Parameters:
    ///   - dim: the dimensions to reduce (all when empty).
    ///   - correction: subtracted from the group size in the divisor (1: unbiased, 0: biased).
    ///   - keepdim: whether reduced dimensions stay with size 1.
    public func variance(dim: [Int] = [], correction: Double = 1, keepdim: Bool = false) -> Tensor {
        let (values, _) = moments(dim, correction: correction, keepdim: keepdim, root: false)
        return values
    }

    /// The variance over `dim`, unbiased (divisor N - 1) or biased (divisor N).
    public func variance(dim: Int, unbiased: Bool = true, keepdim: Bool = false) -> Tensor {
        variance(dim: [dim], correction: unbiased ? 1 : 0, keepdim: keepdim)
    }

    /// The standard deviation over `dim` with Bessel's `correction`.
    public func std(dim: [Int] = [], correction: Double = 1, keepdim: Bool = false) -> Tensor {
        moments(dim, correction: correction, keepdim: keepdim, root: true).0
    }

    /// The standard deviation over `dim`, unbiased (divisor N - 1) or biased (divisor N).
    public func std(dim: Int, unbiased: Bool = true, keepdim: Bool = false) -> Tensor {
        std(dim: [dim], correction: unbiased ? 1 : 0, keepdim: keepdim)
    }

    /// Variance (or its root) and the group means, as PyTorch's CPU kernels compute them.
    ///
    /// A reduction to one value takes the mean of the float32 values in float32 (`nnk_cascade_sum`,
    /// which can overflow to inf or NaN as PyTorch's does), then sums the squared deviations from
    /// it in double precision; a reduction to several values uses double-precision means. The
    /// gradient follows PyTorch's formula and its rounding order:
    /// `(2 / (N - correction)) * g' * (x - mean)`, with `g' = g / (2 * std)` for the root.
    private func moments(_ dim: [Int], correction: Double, keepdim: Bool, root: Bool) -> (Tensor, Tensor) {
        let x = self
        let mask = reductionMask(dim)
        let n = Double(groupSize(mask))
        let means: [Double]
        if keptShape(mask).reduce(1, *) == 1 {
            let values = contiguousValues()
            let sum = withExtendedLifetime(values) { nnk_cascade_sum(values.base, values.count) }
            means = [Double(sum / Float(n))]
        } else {
            means = fold(mask, initial: 0.0) { $0 + Double($1) }.map { $0 / n }
        }
        let meanTensor = Tensor(means.map { Float($0) }, shape: keptShape(mask))
        // Second pass: squared deviations from the means, in double precision.
        let kept = keptShape(mask)
        var outStrides = Tensor.contiguousStrides(kept)
        for d in 0..<rank where mask[d] { outStrides[d] = 0 }
        var squares = [Double](repeating: 0, count: means.count)
        withExtendedLifetime(x) {
            let src = x.base
            squares.withUnsafeMutableBufferPointer { acc in
                means.withUnsafeBufferPointer { m in
                    forEachOffset(shape: shape, strides: strides, outStrides) { _, xo, o in
                        let d = Double(src[xo]) - m[o]
                        acc[o] += d * d
                    }
                }
            }
        }
        let divisor = Swift.max(0, n - correction)
        let values = squares.map { root ? ($0 / divisor).squareRoot() : $0 / divisor }
        let out = Tensor(values.map { Float($0) }, shape: reducedShape(mask, keepdim: keepdim))
        guard Tensor.recording(x) else { return (out, meanTensor) }
        let dof = n - correction
        let twoOverDof = Float(2 / dof)
        out.recordOp(x) { [unowned out] g in
            let centered = x.zipMap(x.expandReduced(meanTensor, mask)) { $0 - $1 }
            var gx = x.expandReduced(g, mask)
            if root {
                // d std = d var / (2 std), and nothing where std is 0.
                gx = gx.zipMap(x.expandReduced(out, mask)) { g, s in s == 0 ? 0 : g / (s * 2) }
            }
            if dof <= 0 {
                // 2 / 0: infinite, and NaN where x equals its mean.
                return gx.zipMap(centered) { g, c in g * (c == 0 ? .nan : .infinity) }
            }
            return gx.zipMap(centered) { g, c in (twoOverDof * g) * c }
        }
        return (out, meanTensor)
    }

    /// The row-major index of the largest element (first on ties), as a scalar.
    public func argmax() -> Tensor { reshape([-1]).argmax(dim: 0) }

    /// The index of the largest element along `dim` (first on ties), as float values.
    public func argmax(dim: Int, keepdim: Bool = false) -> Tensor {
        argExtreme(dim: dim, keepdim: keepdim) { $0 > $1 || ($0.isNaN && !$1.isNaN) }
    }

    /// The index of the smallest element along `dim` (first on ties), as float values.
    public func argmin(dim: Int, keepdim: Bool = false) -> Tensor {
        argExtreme(dim: dim, keepdim: keepdim) { $0 < $1 || ($0.isNaN && !$1.isNaN) }
    }

    private func argExtreme(dim: Int, keepdim: Bool, _ better: (Float, Float) -> Bool) -> Tensor {
        let d = normalizedDim(dim)
        let moved = rank == 0 ? reshape([1]) : movedToEnd(d).contiguousValues()
        let length = moved.shape.last!
        precondition(length > 0, "argmax/argmin over an empty dimension")
        let groups = moved.count / length
        var result = [Float](repeating: 0, count: groups)
        withExtendedLifetime(moved) {
            let p = moved.base
            for gi in 0..<groups {
                var best = 0
                for j in 1..<length where better(p[gi * length + j], p[gi * length + best]) { best = j }
                result[gi] = Float(best)
            }
        }
        let mask = (0..<rank).map { $0 == d }
        return Tensor(result, shape: rank == 0 ? [] : reducedShape(mask, keepdim: keepdim))
    }

    /// A view with dimension `d` moved last (no graph).
    func movedToEnd(_ d: Int) -> Tensor {
        var order = Array(0..<rank)
        order.remove(at: d)
        order.append(d)
        return detach().permute(order)
    }
}
