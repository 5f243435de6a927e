import Foundation

/// Where the class dimension lies in a classification input: `(C)`, `(N, C)` or `(N, C, d1, ...)`.
struct ClassLayout {
    /// N (1 for an unbatched `(C)` input).
    let batch: Int
    /// C.
    let classes: Int
    /// d1 * d2 * ... (1 without extra dimensions).
    let inner: Int
    /// The shape of a class-index target and of the unreduced loss.
    let targetShape: [Int]

    init(_ shape: [Int], _ what: String) throws {
        switch shape.count {
        case 0: throw LossError.shapeMismatch("\(what): input must have a class dimension, got shape []")
        case 1:
            (batch, classes, inner, targetShape) = (1, shape[0], 1, [])
        default:
            (batch, classes) = (shape[0], shape[1])
            inner = shape.dropFirst(2).reduce(1, *)
            targetShape = [shape[0]] + shape.dropFirst(2)
        }
    }

    /// The number of samples (positions that get one loss each).
    var samples: Int { batch * inner }

    /// The flat index of class `c` of sample `k` (`k = n * inner + s`).
    @inline(__always)
    func index(_ k: Int, _ c: Int) -> Int { ((k / inner) * classes + c) * inner + k % inner }

    /// The class weights, checked to hold one per class (all ones when nil).
    func weights(_ weight: Tensor?, _ what: String) throws -> [Float] {
        guard let weight else { return [Float](repeating: 1, count: classes) }
        guard weight.count == classes else {
            throw LossError.shapeMismatch(
                "\(what): weight tensor should be defined either for all \(classes) classes or no classes "
                    + "but got weight tensor of shape: \(weight.shape)")
        }
        return weight.toArray()
    }

    /// Throws unless `target` has the target shape and every value is a class or `ignoreIndex`.
    func check(_ target: IntTensor, ignoreIndex: Int?, _ what: String) throws {
        guard target.shape == targetShape else {
            throw LossError.shapeMismatch(
                "\(what): expected target of shape \(targetShape) for input classes \(classes), got \(target.shape)")
        }
        for t in target.data where t != ignoreIndex && !(0..<classes).contains(t) {
            throw LossError.invalidValue("\(what): Target \(t) is out of bounds (\(classes) classes)")
        }
    }

    /// Log-softmax over the class dimension of `x`.
    func logSoftmax(_ x: [Float]) -> [Float] {
        var out = x
        for k in 0..<samples {
            var m = -Float.infinity
            for c in 0..<classes { m = max(m, x[index(k, c)]) }
            var s: Float = 0
            for c in 0..<classes { s += exp(x[index(k, c)] - m) }
            let logSum = m + log(s)
            for c in 0..<classes { out[index(k, c)] = x[index(k, c)] - logSum }
        }
        return out
    }
}
