/// Huber loss: `0.5 d^2` where `|d| < delta`, else `delta (|d| - 0.5 delta)` (`d = input - target`).
///
/// Huber, "Robust Estimation of a Location Parameter" (Ann. Math. Statist. 1964).
/// - Throws: `LossError` when the shapes differ or `delta` is not positive.
public func huberLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean, delta: Float = 1) throws
    -> Tensor
{
    try LossCheck.sameShape(input.shape, target.shape, "huber_loss")
    guard delta > 0 else {
        throw LossError.invalidValue("huber_loss does not support non-positive values for delta, got \(delta)")
    }
    return try LossTerms.ofDifference(input, target) { d in
        let l = abs(d) < delta ? 0.5 * d * d : delta * (abs(d) - 0.5 * delta)
        let g = d < -delta ? -delta : d > delta ? delta : d
        return (l, g)
    }.reduced(reduction, parents: [input, target])
}

/// PyTorch's `nn.HuberLoss`: holds the reduction and delta, applies `huberLoss`.
public struct HuberLoss: Sendable {
    public var reduction: Reduction
    public var delta: Float

    public init(reduction: Reduction = .mean, delta: Float = 1) {
        self.reduction = reduction
        self.delta = delta
    }

    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try huberLoss(input, target, reduction: reduction, delta: delta)
    }
}
