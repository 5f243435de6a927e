import Foundation

/// Binary cross entropy `-w (t log x + (1 - t) log(1 - x))` of probabilities `x`, logs clamped at -100.
/// - Parameters:
///   - weight: rescales each element; broadcast to the input's shape.
/// - Throws: `LossError` when shapes differ or an input lies outside [0, 1].
public func binaryCrossEntropy(
    _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: Reduction = .mean
) throws -> Tensor {
    try LossCheck.sameShape(input.shape, target.shape, "binary_cross_entropy")
    guard input.toArray().allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
        throw LossError.invalidValue("all elements of input should be between 0 and 1")
    }
    let w = try weight.map { try LossCheck.broadcast($0.toArray(), $0.shape, to: input.shape, "weight") }
    return try LossTerms.pointwise(input, target, weight: w) { x, t in
        let l = -(t * max(log(x), -100) + (1 - t) * max(log(1 - x), -100))
        let gx = (x - t) / max((1 - x) * x, 1e-12)
        let gt = max(log(1 - x), -100) - max(log(x), -100)
        return (l, gx, gt)
    }.reduced(reduction, parents: [input, target])
}
