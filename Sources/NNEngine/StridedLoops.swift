/// Visits every element of a strided view in row-major order.
///
/// Calls `body(i, o)` with the row-major index `i` and the storage offset `o` (relative to
/// the view's first element). The innermost dimension runs as a tight loop.
@inline(__always)
func forEachOffset(shape: [Int], strides: [Int], _ body: (Int, Int) -> Void) {
    let rank = shape.count
    let total = shape.reduce(1, *)
    if total == 0 { return }
    if rank == 0 { body(0, 0); return }
    let inner = shape[rank - 1], innerStride = strides[rank - 1]
    var index = [Int](repeating: 0, count: rank)
    var offset = 0
    var i = 0
    while i < total {
        for j in 0..<inner { body(i + j, offset + j * innerStride) }
        i += inner
        var d = rank - 2
        while d >= 0 {
            index[d] += 1
            offset += strides[d]
            if index[d] < shape[d] { break }
            offset -= strides[d] * shape[d]
            index[d] = 0
            d -= 1
        }
    }
}

/// Visits every element of `shape` with the offsets of two strided operands.
///
/// Calls `body(i, a, b)` with the row-major index `i` and the offsets in each operand; a
/// stride of 0 broadcasts an operand along that dimension.
@inline(__always)
func forEachOffset(shape: [Int], strides a: [Int], _ b: [Int], _ body: (Int, Int, Int) -> Void) {
    let rank = shape.count
    let total = shape.reduce(1, *)
    if total == 0 { return }
    if rank == 0 { body(0, 0, 0); return }
    let inner = shape[rank - 1], innerA = a[rank - 1], innerB = b[rank - 1]
    var index = [Int](repeating: 0, count: rank)
    var offsetA = 0, offsetB = 0
    var i = 0
    while i < total {
        for j in 0..<inner { body(i + j, offsetA + j * innerA, offsetB + j * innerB) }
        i += inner
        var d = rank - 2
        while d >= 0 {
            index[d] += 1
            offsetA += a[d]
            offsetB += b[d]
            if index[d] < shape[d] { break }
            offsetA -= a[d] * shape[d]
            offsetB -= b[d] * shape[d]
            index[d] = 0
            d -= 1
        }
    }
}

/// The shape two shapes broadcast to under PyTorch's rules, or nil when they do not.
public func broadcastShapes(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = max(a.count, b.count)
    var out = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
        let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else { return nil }
    }
    return out
}

extension Tensor {
    /// This view's strides aligned to `target` (a shape it broadcasts to): 0 where it repeats.
    func broadcastStrides(to target: [Int]) -> [Int] {
        let lead = target.count - rank
        var out = [Int](repeating: 0, count: target.count)
        for d in 0..<rank where shape[d] != 1 || target[d + lead] == 1 {
            out[d + lead] = shape[d] == 1 ? 0 : strides[d]
        }
        return out
    }
}
