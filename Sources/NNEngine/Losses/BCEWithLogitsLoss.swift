import Foundation

/// Binary cross entropy of `sigmoid(input)`, computed stably from the logits.
///
/// Per element: `w ((1 - t) x + (1 + (p - 1) t) softplus(-x))` with `p` the positive-class weight.
/// - Parameters:
///   - weight: rescales each element; broadcast to the input's shape.
///   - posWeight: weight of positive examples per class, broadcast along the last dimension.
/// - Throws: `LossError` when shapes differ or a weight does not broadcast.
public func binaryCrossEntropyWithLogits(
    _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, posWeight: Tensor? = nil, reduction: Reduction = .mean
) throws -> Tensor {
    try LossCheck.sameShape(input.shape, target.shape, "binary_cross_entropy_with_logits")
    let w = try weight.map { try LossCheck.broadcast($0.toArray(), $0.shape, to: input.shape, "weight") }
    let pw = try posWeight.map { try LossCheck.broadcast($0.toArray(), $0.shape, to: input.shape, "pos_weight") }
    let x = input.toArray(), t = target.toArray()
    var values = [Float](repeating: 0, count: x.count)
    var dx = values, dt = values
    for i in x.indices {
        let p = pw?[i] ?? 1
        let logWeight = 1 + (p - 1) * t[i]
        let softplusNeg = max(-x[i], 0) + log1p(exp(-abs(x[i])))  // log(1 + exp(-x))
        let sigmoid = 1 / (1 + exp(-x[i]))
        let scale = w?[i] ?? 1
        values[i] = scale * ((1 - t[i]) * x[i] + logWeight * softplusNeg)
        dx[i] = scale * ((1 - t[i]) - logWeight * (1 - sigmoid))
        dt[i] = scale * (-x[i] + (p - 1) * softplusNeg)
    }
    return try LossTerms(values: values, shape: input.shape) { upstream in
        [zip(dx, upstream).map(*), zip(dt, upstream).map(*)]
    }.reduced(reduction, parents: [input, target])
}

/// PyTorch's `nn.BCEWithLogitsLoss`: holds weight, pos_weight and reduction.
public struct BCEWithLogitsLoss {
    public var weight: Tensor?
    public var reduction: Reduction
    public var posWeight: Tensor?

    public init(weight: Tensor? = nil, reduction: Reduction = .mean, posWeight: Tensor? = nil) {
        self.weight = weight
        self.reduction = reduction
        self.posWeight = posWeight
    }

    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try binaryCrossEntropyWithLogits(input, target, weight: weight, posWeight: posWeight, reduction: reduction)
    }
}
