/// Margin ranking loss `max(0, -y (x1 - x2) + margin)`: `y = 1` asks `x1` to rank above `x2`.
/// - Throws: `LossError.shapeMismatch` when the three shapes differ.
public func marginRankingLoss(
    _ input1: Tensor, _ input2: Tensor, _ target: Tensor, margin: Float = 0, reduction: Reduction = .mean
) throws -> Tensor {
    try LossCheck.sameShape(input1.shape, input2.shape, "margin_ranking_loss")
    try LossCheck.sameShape(input1.shape, target.shape, "margin_ranking_loss")
    let a = input1.toArray(), b = input2.toArray(), y = target.toArray()
    var values = [Float](repeating: 0, count: a.count)
    var da = values
    for i in a.indices {
        let z = -y[i] * (a[i] - b[i]) + margin
        values[i] = max(z, 0)
        // PyTorch clamps at 0 with a zero gradient at the kink: a tie (z = 0) passes none.
        da[i] = z > 0 ? -y[i] : 0
    }
    return try LossTerms(values: values, shape: input1.shape) { upstream in
        [zip(da, upstream).map(*), zip(da, upstream).map { -$0 * $1 }]
    }.reduced(reduction, parents: [input1, input2])
}
