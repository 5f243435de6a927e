/// The mean absolute error `|input - target|`, reduced as `reduction` asks.
/// - Throws: `LossError.shapeMismatch` when the shapes differ.
public func l1Loss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
    try LossCheck.sameShape(input.shape, target.shape, "l1_loss")
    return try LossTerms.ofDifference(input, target) { d in
        (abs(d), d > 0 ? 1 : d < 0 ? -1 : 0)
    }.reduced(reduction, parents: [input, target])
}

/// PyTorch's `nn.L1Loss`: holds the reduction, applies `l1Loss`.
public struct L1Loss: Sendable {
    public var reduction: Reduction

    public init(reduction: Reduction = .mean) { self.reduction = reduction }

    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try l1Loss(input, target, reduction: reduction)
    }
}
