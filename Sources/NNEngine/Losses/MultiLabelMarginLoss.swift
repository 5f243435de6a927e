/// Multi-label hinge loss: `sum_{j in targets, i not in targets} max(0, 1 - (x[j] - x[i])) / C` per sample.
/// - Parameters:
///   - input: scores of shape `(N, C)` or `(C)`.
///   - target: class indices of the input's shape; each row lists its classes and ends at the first -1.
/// - Throws: `LossError` for a wrong shape or an index outside [-1, C).
public func multilabelMarginLoss(_ input: Tensor, _ target: IntTensor, reduction: Reduction = .mean) throws
    -> Tensor
{
    guard input.shape.count == 1 || input.shape.count == 2 else {
        throw LossError.shapeMismatch("multilabel_margin_loss: expected input of shape (N, C) or (C), got \(input.shape)")
    }
    guard target.shape == input.shape else {
        throw LossError.shapeMismatch(
            "multilabel_margin_loss: target shape \(target.shape) must equal input shape \(input.shape)")
    }
    let classes = input.shape.last!, samples = input.shape.count == 2 ? input.shape[0] : 1
    for t in target.data where !(-1..<classes).contains(t) {
        throw LossError.invalidValue("multilabel_margin_loss: target \(t) is out of range [-1, \(classes))")
    }
    let x = input.toArray(), scale = 1 / Float(classes)
    var values = [Float](repeating: 0, count: samples)
    var grad = [Float](repeating: 0, count: x.count)
    for k in 0..<samples {
        let base = k * classes
        let row = target.data[base..<(base + classes)]
        let labels = Array(row.prefix { $0 >= 0 })
        var isTarget = [Bool](repeating: false, count: classes)
        for j in labels { isTarget[j] = true }
        var l: Float = 0
        for j in labels {
            for i in 0..<classes where !isTarget[i] {
                let z = 1 - (x[base + j] - x[base + i])
                guard z > 0 else { continue }
                l += z
                grad[base + j] -= scale
                grad[base + i] += scale
            }
        }
        values[k] = l * scale
    }
    return try LossTerms(values: values, shape: input.shape.count == 2 ? [samples] : []) { upstream in
        var out = grad
        for k in 0..<samples {
            for c in 0..<classes { out[k * classes + c] *= upstream[k] }
        }
        return [out]
    }.reduced(reduction, parents: [input])
}

/// PyTorch's `nn.MultiLabelMarginLoss`: holds the reduction.
public struct MultiLabelMarginLoss: Sendable {
    public var reduction: Reduction

    public init(reduction: Reduction = .mean) { self.reduction = reduction }

    public func callAsFunction(_ input: Tensor, _ target: IntTensor) throws -> Tensor {
        try multilabelMarginLoss(input, target, reduction: reduction)
    }
}
