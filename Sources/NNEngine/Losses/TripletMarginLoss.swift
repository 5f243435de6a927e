import Foundation

/// Triplet margin loss `max(d(a, p) - d(a, n) + margin, 0)` with `d(x, y) = ||x - y + eps||_p` per row.
///
/// Schroff, Kalenichenko and Philbin, "FaceNet" (CVPR 2015); `swap` (the distance swap):
/// Balntas et al., "Learning local feature descriptors with triplets and shallow convolutional
/// neural networks" (BMVC 2016).
/// - Parameters: anchor, positive, negative of one shape `(N, D)` or `(D)`.
/// - Throws: `LossError` for mismatched shapes or a non-positive norm degree.
public func tripletMarginLoss(
    anchor: Tensor, positive: Tensor, negative: Tensor, margin: Float = 1, p: Float = 2, eps: Float = 1e-6,
    swap: Bool = false, reduction: Reduction = .mean
) throws -> Tensor {
    try LossCheck.sameShape(anchor.shape, positive.shape, "triplet_margin_loss")
    try LossCheck.sameShape(anchor.shape, negative.shape, "triplet_margin_loss")
    guard anchor.shape.count == 1 || anchor.shape.count == 2 else {
        throw LossError.shapeMismatch("triplet_margin_loss: expected inputs of shape (N, D) or (D), got \(anchor.shape)")
    }
    guard p > 0 else { throw LossError.invalidValue("triplet_margin_loss: p must be positive, got \(p)") }
    let a = anchor.toArray(), pos = positive.toArray(), neg = negative.toArray()
    let width = anchor.shape.last!, rows = anchor.shape.count == 2 ? anchor.shape[0] : 1
    var values = [Float](repeating: 0, count: rows)
    var ga = [Float](repeating: 0, count: a.count), gp = ga, gn = ga
    for r in 0..<rows {
        let span = (r * width)..<((r + 1) * width)
        let (dap, gap) = PairwiseDistance.norm(span.map { a[$0] - pos[$0] + eps }, p)
        var (dneg, gneg) = PairwiseDistance.norm(span.map { a[$0] - neg[$0] + eps }, p)
        var swapped = false
        if swap {
            let (dpn, gpn) = PairwiseDistance.norm(span.map { pos[$0] - neg[$0] + eps }, p)
            if dpn < dneg { (dneg, gneg, swapped) = (dpn, gpn, true) }
        }
        let z = dap - dneg + margin
        values[r] = max(z, 0)
        guard z >= 0 else { continue }
        for (j, i) in span.enumerated() {
            ga[i] += gap[j]
            gp[i] -= gap[j]
            if swapped { gp[i] -= gneg[j] } else { ga[i] -= gneg[j] }
            gn[i] += gneg[j]
        }
    }
    return try LossTerms(values: values, shape: anchor.shape.count == 2 ? [rows] : []) { upstream in
        [ga, gp, gn].map { g in g.indices.map { g[$0] * upstream[$0 / width] } }
    }.reduced(reduction, parents: [anchor, positive, negative])
}

/// The p-norm of a difference vector and its gradient.
enum PairwiseDistance {
    static func norm(_ v: [Float], _ p: Float) -> (Float, [Float]) {
        if p == 2 {
            let n = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return (n, v.map { n > 0 ? $0 / n : 0 })
        }
        let n = pow(v.reduce(0) { $0 + pow(abs($1), p) }, 1 / p)
        return (n, v.map { x in n > 0 ? (x > 0 ? 1 : x < 0 ? -1 : 0) * pow(abs(x) / n, p - 1) : 0 })
    }
}

/// PyTorch's `nn.TripletMarginLoss`: holds margin, p, eps, swap and reduction.
public struct TripletMarginLoss: Sendable {
    public var margin: Float
    public var p: Float
    public var eps: Float
    public var swap: Bool
    public var reduction: Reduction

    public init(margin: Float = 1, p: Float = 2, eps: Float = 1e-6, swap: Bool = false, reduction: Reduction = .mean) {
        self.margin = margin
        self.p = p
        self.eps = eps
        self.swap = swap
        self.reduction = reduction
    }

    public func callAsFunction(_ anchor: Tensor, _ positive: Tensor, _ negative: Tensor) throws -> Tensor {
        try tripletMarginLoss(
            anchor: anchor, positive: positive, negative: negative, margin: margin, p: p, eps: eps, swap: swap,
            reduction: reduction)
    }
}
