import Foundation

/// Kullback-Leibler divergence of `target` from the log-probabilities `input`: `t (log t - x)`.
///
/// With `logTarget` the target holds log-probabilities: `exp(t) (t - x)`. `.batchmean` divides the
/// sum by the batch size (the first dimension), the divergence's true mean.
/// - Throws: `LossError.shapeMismatch` when the shapes differ.
public func klDiv(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean, logTarget: Bool = false) throws
    -> Tensor
{
    try LossCheck.sameShape(input.shape, target.shape, "kl_div")
    return try LossTerms.pointwise(input, target) { x, t in
        if logTarget {
            let p = exp(t)
            return (p * (t - x), -p, p * (t - x) + p)
        }
        let logT: Float = t > 0 ? log(t) : 0
        return (t > 0 ? t * (logT - x) : t == 0 ? 0 : .nan, -t, logT + 1 - x)
    }.reduced(reduction, parents: [input, target], batchSize: input.shape.first ?? 1)
}

/// PyTorch's `nn.KLDivLoss`: holds the reduction (`.batchmean` allowed) and log_target.
public struct KLDivLoss: Sendable {
    public var reduction: Reduction
    public var logTarget: Bool

    public init(reduction: Reduction = .mean, logTarget: Bool = false) {
        self.reduction = reduction
        self.logTarget = logTarget
    }

    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try klDiv(input, target, reduction: reduction, logTarget: logTarget)
    }
}
