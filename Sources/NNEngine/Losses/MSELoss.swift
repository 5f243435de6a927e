/// The squared error `(input - target)^2`, reduced as `reduction` asks.
/// - Throws: `LossError.shapeMismatch` when the shapes differ.
public func mseLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
    try LossCheck.sameShape(input.shape, target.shape, "mse_loss")
    return try LossTerms.pointwise(input, target) { x, y in
        let d = x - y
        return (d * d, 2 * d, -2 * d)
    }.reduced(reduction, parents: [input, target])
}

/// PyTorch's `nn.MSELoss`: holds the reduction, applies `mseLoss`.
public struct MSELoss: Sendable {
    public var reduction: Reduction

    public init(reduction: Reduction = .mean) { self.reduction = reduction }

    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try mseLoss(input, target, reduction: reduction)
    }
}
