import Foundation

/// Negative log likelihood of `target` under a Gaussian of mean `input` and variance `var`.
///
/// `0.5 (log(max(var, eps)) + (input - target)^2 / max(var, eps))`, plus `0.5 log(2 pi)` when
/// `full`. `var` has the input's shape, or one dimension fewer, or a last dimension of 1
/// (one variance shared by the last dimension); the target has the input's shape or broadcasts
/// to it. The clamp at `eps` does not stop the gradient, as in PyTorch.
/// - Throws: `LossError` when shapes do not fit or a variance is negative.
public func gaussianNLLLoss(
    _ input: Tensor, _ target: Tensor, _ variance: Tensor, full: Bool = false, eps: Float = 1e-6,
    reduction: Reduction = .mean
) throws -> Tensor {
    let t = try LossCheck.broadcast(target.toArray(), target.shape, to: input.shape, "gaussian_nll_loss target")
    var varShape = variance.shape
    if varShape != input.shape {
        if !input.shape.isEmpty && Array(input.shape.dropLast()) == varShape {
            varShape.append(1)
        } else if !input.shape.isEmpty && !varShape.isEmpty && input.shape.dropLast() == varShape.dropLast()
            && varShape.last == 1
        {
        } else {
            throw LossError.shapeMismatch("var is of incorrect size: \(variance.shape) for input \(input.shape)")
        }
    }
    let rawVar = variance.toArray()
    guard rawVar.allSatisfy({ $0 >= 0 }) else { throw LossError.invalidValue("var has negative entry/entries") }
    let v = try LossCheck.broadcast(rawVar, varShape, to: input.shape, "var")
    let x = input.toArray()
    let constant: Float = full ? 0.5 * log(2 * Float.pi) : 0
    var values = [Float](repeating: 0, count: x.count)
    var dx = values, dv = values
    for i in x.indices {
        let s = max(v[i], eps)
        let d = x[i] - t[i]
        values[i] = 0.5 * (log(s) + d * d / s) + constant
        dx[i] = d / s
        dv[i] = 0.5 * (1 / s - d * d / (s * s))
    }
    let inputShape = input.shape, targetShape = target.shape
    return try LossTerms(values: values, shape: input.shape) { upstream in
        let gx = zip(dx, upstream).map(*)
        let gt = LossCheck.unbroadcast(gx.map { -$0 }, from: inputShape, to: targetShape)
        let gv = LossCheck.unbroadcast(zip(dv, upstream).map(*), from: inputShape, to: varShape)
        return [gx, gt, gv]
    }.reduced(reduction, parents: [input, target, variance])
}

/// The Gaussian negative log likelihood with one variance for every element (PyTorch's float `var`).
/// - Throws: `LossError` when the shapes do not fit or `variance` is negative.
public func gaussianNLLLoss(
    _ input: Tensor, _ target: Tensor, variance: Float, full: Bool = false, eps: Float = 1e-6,
    reduction: Reduction = .mean
) throws -> Tensor {
    guard variance >= 0 else { throw LossError.invalidValue("var has negative entry/entries") }
    let filled = Tensor([Float](repeating: variance, count: input.count), shape: input.shape)
    return try gaussianNLLLoss(input, target, filled, full: full, eps: eps, reduction: reduction)
}

/// PyTorch's `nn.GaussianNLLLoss`: holds full, eps and reduction.
public struct GaussianNLLLoss: Sendable {
    public var full: Bool
    public var eps: Float
    public var reduction: Reduction

    public init(full: Bool = false, eps: Float = 1e-6, reduction: Reduction = .mean) {
        self.full = full
        self.eps = eps
        self.reduction = reduction
    }

    /// The loss of `target` under N(`input`, `variance`).
    public func callAsFunction(_ input: Tensor, _ target: Tensor, _ variance: Tensor) throws -> Tensor {
        try gaussianNLLLoss(input, target, variance, full: full, eps: eps, reduction: reduction)
    }
}
