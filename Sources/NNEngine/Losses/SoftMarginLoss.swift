import Foundation

/// The two-class logistic loss `log(1 + exp(-target * input))` for targets of ±1.
/// - Throws: `LossError.shapeMismatch` when the shapes differ.
public func softMarginLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
    try LossCheck.sameShape(input.shape, target.shape, "soft_margin_loss")
    return try LossTerms.pointwise(input, target) { x, y in
        let z = -y * x
        let l = max(z, 0) + log1p(exp(-abs(z)))
        let s = 1 / (1 + exp(-z))  // sigmoid(z)
        return (l, -y * s, -x * s)
    }.reduced(reduction, parents: [input, target])
}

/// PyTorch's `nn.SoftMarginLoss`: holds the reduction, applies `softMarginLoss`.
public struct SoftMarginLoss: Sendable {
    public var reduction: Reduction

    public init(reduction: Reduction = .mean) { self.reduction = reduction }

    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try softMarginLoss(input, target, reduction: reduction)
    }
}
