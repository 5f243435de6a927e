import Foundation

/// Negative log likelihood of a Poisson-distributed target.
///
/// `exp(x) - t x` when `logInput`, else `x - t log(x + eps)`; `full` adds Stirling's approximation
/// `t log t - t + 0.5 log(2 pi t)` where `t > 1`.
/// - Throws: `LossError.shapeMismatch` when the shapes differ.
public func poissonNLLLoss(
    _ input: Tensor, _ target: Tensor, logInput: Bool = true, full: Bool = false, eps: Float = 1e-8,
    reduction: Reduction = .mean
) throws -> Tensor {
    try LossCheck.sameShape(input.shape, target.shape, "poisson_nll_loss")
    return try LossTerms.pointwise(input, target) { x, t in
        var l: Float, gx: Float, gt: Float
        if logInput {
            l = exp(x) - t * x
            gx = exp(x) - t
            gt = -x
        } else {
            l = x - t * log(x + eps)
            gx = 1 - t / (x + eps)
            gt = -log(x + eps)
        }
        if full && t > 1 {
            l += t * log(t) - t + 0.5 * log(2 * Float.pi * t)
            gt += log(t) + 0.5 / t
        }
        return (l, gx, gt)
    }.reduced(reduction, parents: [input, target])
}

/// PyTorch's `nn.PoissonNLLLoss`: holds log_input, full, eps and reduction.
public struct PoissonNLLLoss: Sendable {
    public var logInput: Bool
    public var full: Bool
    public var eps: Float
    public var reduction: Reduction

    public init(logInput: Bool = true, full: Bool = false, eps: Float = 1e-8, reduction: Reduction = .mean) {
        self.logInput = logInput
        self.full = full
        self.eps = eps
        self.reduction = reduction
    }

    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try poissonNLLLoss(input, target, logInput: logInput, full: full, eps: eps, reduction: reduction)
    }
}
