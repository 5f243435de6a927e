/// Cosine embedding loss: `1 - cos(x1, x2)` where the target is 1, `max(0, cos(x1, x2) - margin)` where it is -1.
/// - Parameters: input1, input2 of shape `(N, D)` or `(D)`; target of ±1 of shape `(N)` or `[]`.
/// - Throws: `LossError` for shapes that do not fit.
public func cosineEmbeddingLoss(
    _ input1: Tensor, _ input2: Tensor, _ target: Tensor, margin: Float = 0, reduction: Reduction = .mean
) throws -> Tensor {
    try LossCheck.sameShape(input1.shape, input2.shape, "cosine_embedding_loss")
    guard input1.shape.count == 1 || input1.shape.count == 2 else {
        throw LossError.shapeMismatch("cosine_embedding_loss: expected inputs of shape (N, D) or (D), got \(input1.shape)")
    }
    let rowShape = input1.shape.count == 2 ? [input1.shape[0]] : []
    try LossCheck.sameShape(target.shape, rowShape, "cosine_embedding_loss target")
    let a = input1.toArray(), b = input2.toArray(), y = target.toArray()
    let width = input1.shape.last!, rows = y.count
    var values = [Float](repeating: 0, count: rows)
    var ga = [Float](repeating: 0, count: a.count), gb = ga
    for r in 0..<rows {
        let base = r * width
        var dot: Float = 0, sa: Float = 1e-12, sb: Float = 1e-12
        for j in 0..<width {
            dot += a[base + j] * b[base + j]
            sa += a[base + j] * a[base + j]
            sb += b[base + j] * b[base + j]
        }
        let denom = (sa * sb).squareRoot()
        let cos = dot / denom
        var slope: Float = 0
        if y[r] == 1 {
            values[r] = 1 - cos
            slope = -1
        } else if y[r] == -1 {
            values[r] = max(cos - margin, 0)
            slope = cos - margin >= 0 ? 1 : 0
        }
        for j in 0..<width {
            ga[base + j] = slope * (b[base + j] / denom - cos * a[base + j] / sa)
            gb[base + j] = slope * (a[base + j] / denom - cos * b[base + j] / sb)
        }
    }
    return try LossTerms(values: values, shape: rowShape) { upstream in
        [ga, gb].map { g in g.indices.map { g[$0] * upstream[$0 / width] } }
    }.reduced(reduction, parents: [input1, input2])
}
