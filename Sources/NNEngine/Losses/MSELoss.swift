/// The squared error `(input - target)^2`, reduced as `reduction` asks.
/// - Throws: `LossError.shapeMismatch` when the shapes differ.
public func mseLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
    try LossCheck.sameShape(input.shape, target.shape, "mse_loss")
    if reduction == .mean || reduction == .sum { return squaredErrorTotal(input, target, mean: reduction == .mean) }
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

/// The summed or averaged squared error as one fused kernel: the differences are kept for the
/// backward, which gives `2 (x - y) g` to the input and its negation to the target.
private func squaredErrorTotal(_ input: Tensor, _ target: Tensor, mean: Bool) -> Tensor {
    let x = input.contiguousValues(), y = target.contiguousValues()
    let n = x.count
    let difference = Tensor.uninitialized(x.shape)
    var total = 0.0
    withExtendedLifetime((x, y)) {
        let px = x.base, py = y.base, d = difference.base
        for i in 0..<n {
            d[i] = px[i] - py[i]
            total += Double(d[i] * d[i])
        }
    }
    let scale: Float = mean ? 1 / Float(n) : 1
    let result = Tensor(mean ? Float(total) * scale : Float(total))
    guard Tensor.recording(input, target) else { return result }
    return result.recordOp(input, target) { gradOutput, input, target in
        let g = gradOutput.item() * scale
        return (input.requiresGrad ? difference.map { (2 * $0) * g } : nil,
                target.requiresGrad ? difference.map { (-2 * $0) * g } : nil)
    }
}
