/// Smooth L1: `0.5 d^2 / beta` where `|d| < beta`, else `|d| - 0.5 beta` (`d = input - target`; beta 0 is L1).
///
/// Girshick, "Fast R-CNN" (ICCV 2015).
/// - Throws: `LossError` when the shapes differ or `beta` is negative.
public func smoothL1Loss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean, beta: Float = 1) throws
    -> Tensor
{
    try LossCheck.sameShape(input.shape, target.shape, "smooth_l1_loss")
    guard beta >= 0 else {
        throw LossError.invalidValue("smooth_l1_loss does not support negative values for beta, got \(beta)")
    }
    return try LossTerms.ofDifference(input, target) { d in
        if abs(d) < beta { return (0.5 * d * d / beta, d / beta) }
        return (abs(d) - 0.5 * beta, d > 0 ? 1 : d < 0 ? -1 : 0)
    }.reduced(reduction, parents: [input, target])
}

/// PyTorch's `nn.SmoothL1Loss`: holds the reduction and beta, applies `smoothL1Loss`.
public struct SmoothL1Loss: Sendable {
    public var reduction: Reduction
    public var beta: Float

    public init(reduction: Reduction = .mean, beta: Float = 1) {
        self.reduction = reduction
        self.beta = beta
    }

    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try smoothL1Loss(input, target, reduction: reduction, beta: beta)
    }
}
