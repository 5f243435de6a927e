import Foundation

/// Multi-label one-versus-all logistic loss, averaged over the C classes of each sample.
///
/// Per sample: `-(1/C) sum_c w[c] (t log sigmoid(x) + (1 - t) log sigmoid(-x))`.
/// - Parameters:
///   - input: scores of shape `(N, C)` or `(C)`; target: 0/1 labels of the same shape.
///   - weight: per-class weights, broadcast to the input's shape.
/// - Throws: `LossError` for mismatched shapes.
public func multilabelSoftMarginLoss(
    _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: Reduction = .mean
) throws -> Tensor {
    try LossCheck.sameShape(input.shape, target.shape, "multilabel_soft_margin_loss")
    guard let classes = input.shape.last, classes > 0 else {
        throw LossError.shapeMismatch("multilabel_soft_margin_loss: input needs a class dimension, got \(input.shape)")
    }
    let w = try weight.map { try LossCheck.broadcast($0.toArray(), $0.shape, to: input.shape, "weight") }
    let x = input.toArray(), t = target.toArray()
    let samples = x.count / classes, scale = 1 / Float(classes)
    var values = [Float](repeating: 0, count: samples)
    var grad = [Float](repeating: 0, count: x.count)
    for i in x.indices {
        let logSigmoid = -(max(-x[i], 0) + log1p(exp(-abs(x[i]))))  // log sigmoid(x)
        let logSigmoidNeg = logSigmoid - x[i]  // log sigmoid(-x)
        let weightI = w?[i] ?? 1
        values[i / classes] -= weightI * (t[i] * logSigmoid + (1 - t[i]) * logSigmoidNeg) * scale
        grad[i] = weightI * (1 / (1 + exp(-x[i])) - t[i]) * scale
    }
    return try LossTerms(values: values, shape: Array(input.shape.dropLast())) { upstream in
        [grad.indices.map { grad[$0] * upstream[$0 / classes] }]
    }.reduced(reduction, parents: [input])
}
