import Foundation

/// Multi-class hinge loss: `sum_{j != t} w[t] max(0, margin - x[t] + x[j])^p / C` per sample.
/// - Parameters:
///   - input: scores of shape `(N, C)` or `(C)`.
///   - target: class indices of shape `(N)` or `[]`.
///   - p: 1 or 2; weight: one weight per class, applied by the target's class.
/// - Throws: `LossError` for a wrong shape, a class out of range or `p` other than 1 and 2.
public func multiMarginLoss(
    _ input: Tensor, _ target: IntTensor, p: Int = 1, margin: Float = 1, weight: Tensor? = nil,
    reduction: Reduction = .mean
) throws -> Tensor {
    guard p == 1 || p == 2 else { throw LossError.invalidValue("only p == 1 and p == 2 supported, got \(p)") }
    guard input.shape.count <= 2 else {
        throw LossError.shapeMismatch("multi_margin_loss: expected input of shape (N, C) or (C), got \(input.shape)")
    }
    let layout = try ClassLayout(input.shape, "multi_margin_loss")
    try layout.check(target, ignoreIndex: nil, "multi_margin_loss")
    let w = try layout.weights(weight, "multi_margin_loss")
    let x = input.toArray(), classes = Float(layout.classes)
    var values = [Float](repeating: 0, count: layout.samples)
    var grad = [Float](repeating: 0, count: x.count)
    for k in 0..<layout.samples {
        let t = target.data[k], base = k * layout.classes
        var l: Float = 0
        for j in 0..<layout.classes where j != t {
            let z = margin - x[base + t] + x[base + j]
            guard z > 0 else { continue }
            let g = (p == 1 ? 1 : 2 * z) * w[t] / classes
            l += (p == 1 ? z : z * z) * w[t]
            grad[base + j] += g
            grad[base + t] -= g
        }
        values[k] = l / classes
    }
    return try LossTerms(values: values, shape: layout.targetShape) { upstream in
        var out = grad
        for k in 0..<layout.samples {
            for c in 0..<layout.classes { out[k * layout.classes + c] *= upstream[k] }
        }
        return [out]
    }.reduced(reduction, parents: [input])
}

/// PyTorch's `nn.MultiMarginLoss`: holds p, margin, weight and reduction.
public struct MultiMarginLoss {
    public var p: Int
    public var margin: Float
    public var weight: Tensor?
    public var reduction: Reduction

    public init(p: Int = 1, margin: Float = 1, weight: Tensor? = nil, reduction: Reduction = .mean) {
        self.p = p
        self.margin = margin
        self.weight = weight
        self.reduction = reduction
    }

    public func callAsFunction(_ input: Tensor, _ target: IntTensor) throws -> Tensor {
        try multiMarginLoss(input, target, p: p, margin: margin, weight: weight, reduction: reduction)
    }
}
