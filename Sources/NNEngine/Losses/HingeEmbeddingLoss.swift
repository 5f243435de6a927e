/// Hinge embedding loss: `x` where the target is 1, `max(0, margin - x)` where it is -1.
/// - Throws: `LossError.shapeMismatch` when the shapes differ.
public func hingeEmbeddingLoss(_ input: Tensor, _ target: Tensor, margin: Float = 1, reduction: Reduction = .mean)
    throws -> Tensor
{
    try LossCheck.sameShape(input.shape, target.shape, "hinge_embedding_loss")
    return try LossTerms.pointwise(input, target, targetGrad: false) { x, t in
        var l: Float = 0, g: Float = 0
        if t != -1 {
            l += x
            g += 1
        }
        if t != 1 && margin - x >= 0 {
            l += margin - x
            g -= 1
        }
        return (l, g, 0)
    }.reduced(reduction, parents: [input, target])
}

/// PyTorch's `nn.HingeEmbeddingLoss`: holds margin and reduction.
public struct HingeEmbeddingLoss: Sendable {
    public var margin: Float
    public var reduction: Reduction

    public init(margin: Float = 1, reduction: Reduction = .mean) {
        self.margin = margin
        self.reduction = reduction
    }

    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try hingeEmbeddingLoss(input, target, margin: margin, reduction: reduction)
    }
}
