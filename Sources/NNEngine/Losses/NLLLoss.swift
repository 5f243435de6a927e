/// Negative log likelihood of class-index targets given log-probabilities `input`: `-w[t] x[t]`.
///
/// - Parameters:
///   - input: log-probabilities of shape `(C)`, `(N, C)` or `(N, C, d1, ...)`.
///   - target: class indices of the input's shape without the class dimension.
///   - weight: one weight per class; `.mean` divides by the summed weights of the targets.
///   - ignoreIndex: a target value that contributes neither loss nor weight.
/// - Throws: `LossError` for a wrong shape or a class index out of range.
public func nllLoss(
    _ input: Tensor, _ target: IntTensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
    reduction: Reduction = .mean
) throws -> Tensor {
    let layout = try ClassLayout(input.shape, "nll_loss")
    try layout.check(target, ignoreIndex: ignoreIndex, "nll_loss")
    let w = try layout.weights(weight, "nll_loss")
    let x = input.toArray()
    var values = [Float](repeating: 0, count: layout.samples)
    var weightSum: Double = 0
    for k in 0..<layout.samples where target.data[k] != ignoreIndex {
        let t = target.data[k]
        values[k] = -w[t] * x[layout.index(k, t)]
        weightSum += Double(w[t])
    }
    let count = x.count
    return try LossTerms(values: values, shape: layout.targetShape) { upstream in
        var grad = [Float](repeating: 0, count: count)
        for k in 0..<layout.samples where target.data[k] != ignoreIndex {
            let t = target.data[k]
            grad[layout.index(k, t)] = -w[t] * upstream[k]
        }
        return [grad]
    }.reduced(reduction, parents: [input], divisor: Float(weightSum))
}

/// PyTorch's `nn.NLLLoss`: holds weight, ignore_index and reduction.
public struct NLLLoss {
    public var weight: Tensor?
    public var ignoreIndex: Int
    public var reduction: Reduction

    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: Reduction = .mean) {
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.reduction = reduction
    }

    public func callAsFunction(_ input: Tensor, _ target: IntTensor) throws -> Tensor {
        try nllLoss(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
    }
}
