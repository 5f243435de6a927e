/// The squared error `(input - target)^2`, reduced as `reduction` asks.
/// - Throws: `LossError.shapeMismatch` when the shapes differ.
public func mseLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
    try LossCheck.sameShape(input.shape, target.shape, "mse_loss")
    if reduction == .mean || reduction == .sum { return squaredErrorTotal(input, target, mean: reduction == .mean) }
    return try LossTerms.ofDifference(input, target) { d in (d * d, 2 * d) }.reduced(reduction, parents: [input, target])
}

/// PyTorch's `nn.MSELoss`: holds the reduction, applies `mseLoss`.
public struct MSELoss: Sendable {
    public var reduction: Reduction

    public init(reduction: Reduction = .mean) { self.reduction = reduction }

    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try mseLoss(input, target, reduction: reduction)
    }
}

/// The summed or averaged squared error as one fused kernel; the backward gives `2 (x - y) g`
/// (over n for the mean) to the input and its negation to the target, recomputing the
/// differences instead of keeping them.
private func squaredErrorTotal(_ input: Tensor, _ target: Tensor, mean: Bool) -> Tensor {
    let x = input.contiguousValues(), y = target.contiguousValues()
    var total = 0.0
    withExtendedLifetime((x, y)) {
        let px = x.base, py = y.base
        for i in 0..<x.count {
            let d = px[i] - py[i]
            total += Double(d * d)
        }
    }
    let result = Tensor(mean ? Float(total) * (1 / Float(x.count)) : Float(total))
    guard Tensor.recording(input, target) else { return result }
    // Two closures that capture nothing, so that recording allocates no context.
    return result.recordOp(input, target, mean ? squaredErrorBackward(mean: true) : squaredErrorBackward(mean: false))
}

/// The backward of `squaredErrorTotal` with the reduction fixed.
private func squaredErrorBackward(mean: Bool) -> (Tensor, Tensor, Tensor) -> (Tensor?, Tensor?) {
    if mean {
        return { gradOutput, input, target in
            squaredErrorGradients(gradOutput.item() * (1 / Float(input.count)), input, target)
        }
    }
    return { gradOutput, input, target in squaredErrorGradients(gradOutput.item(), input, target) }
}

/// `2 (x - y) scale` for the input and its negation for the target, for those that require grad.
private func squaredErrorGradients(_ scale: Float, _ input: Tensor, _ target: Tensor) -> (Tensor?, Tensor?) {
    let x = input.contiguousValues(), y = target.contiguousValues()
    let gradInput = input.requiresGrad ? Tensor.uninitialized(x.shape) : nil
    let gradTarget = target.requiresGrad ? Tensor.uninitialized(x.shape) : nil
    withExtendedLifetime((x, y)) {
        let px = x.base, py = y.base
        if let gradInput {
            let dst = gradInput.base
            for i in 0..<x.count { dst[i] = (2 * (px[i] - py[i])) * scale }
        }
        if let gradTarget {
            let dst = gradTarget.base
            for i in 0..<x.count { dst[i] = (-2 * (px[i] - py[i])) * scale }
        }
    }
    return (gradInput, gradTarget)
}
