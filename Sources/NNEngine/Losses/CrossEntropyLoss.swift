import Foundation

/// Cross entropy of logits `input` against class indices: log-softmax then NLL, one fused kernel.
///
/// With `labelSmoothing` ε each sample's target mixes `1 - ε` of its class with `ε / C` of every
/// class (weighted by `weight`). `.mean` divides by the summed class weights of the non-ignored targets.
/// - Parameters:
///   - input: logits of shape `(C)`, `(N, C)` or `(N, C, d1, ...)`.
///   - target: class indices of the input's shape without the class dimension.
///   - weight: one weight per class.
///   - ignoreIndex: a target value that contributes neither loss nor weight.
///   - labelSmoothing: ε in [0, 1].
/// - Throws: `LossError` for a wrong shape, a class index out of range or ε outside [0, 1].
public func crossEntropy(
    _ input: Tensor, _ target: IntTensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
    labelSmoothing: Float = 0, reduction: Reduction = .mean
) throws -> Tensor {
    let layout = try ClassLayout(input.shape, "cross_entropy")
    try layout.check(target, ignoreIndex: ignoreIndex, "cross_entropy")
    try CrossEntropyTerms.checkSmoothing(labelSmoothing)
    if weight == nil && labelSmoothing == 0 && (reduction == .mean || reduction == .sum) {
        return CrossEntropyTerms.ofClasses(input, target.data, layout, ignoreIndex: ignoreIndex, mean: reduction == .mean)
    }
    let w = try layout.weights(weight, "cross_entropy")
    let eps = labelSmoothing, classes = Float(layout.classes)
    var coefficients = [[Float]](repeating: [], count: layout.samples)
    var weightSum: Double = 0
    for k in 0..<layout.samples where target.data[k] != ignoreIndex {
        let t = target.data[k]
        var a = w.map { eps / classes * $0 }
        a[t] += (1 - eps) * w[t]
        coefficients[k] = a
        weightSum += Double(w[t])
    }
    return try CrossEntropyTerms.make(input, layout, coefficients)
        .reduced(reduction, parents: [input], divisor: Float(weightSum))
}

/// Cross entropy of logits `input` against class probabilities `target` of the input's shape.
///
/// `.mean` divides by the number of samples. With `labelSmoothing` ε the target becomes `(1 - ε) t + ε / C`.
/// - Throws: `LossError` for mismatched shapes or ε outside [0, 1].
public func crossEntropy(
    _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, labelSmoothing: Float = 0, reduction: Reduction = .mean
) throws -> Tensor {
    let layout = try ClassLayout(input.shape, "cross_entropy")
    try LossCheck.sameShape(input.shape, target.shape, "cross_entropy with class probabilities")
    try CrossEntropyTerms.checkSmoothing(labelSmoothing)
    let w = try layout.weights(weight, "cross_entropy")
    let t = target.toArray(), eps = labelSmoothing, classes = Float(layout.classes)
    let coefficients = (0..<layout.samples).map { k in
        (0..<layout.classes).map { c in w[c] * (t[layout.index(k, c)] * (1 - eps) + eps / classes) }
    }
    return try CrossEntropyTerms.make(input, layout, coefficients)
        .reduced(reduction, parents: [input], divisor: Float(layout.samples))
}

/// The fused log-softmax + weighted NLL kernel shared by both target kinds.
enum CrossEntropyTerms {
    static func checkSmoothing(_ eps: Float) throws {
        guard (0...1).contains(eps) else {
            throw LossError.invalidValue("label_smoothing must be between 0.0 and 1.0. Got: \(eps)")
        }
    }

    /// The loss against class indices, summed or averaged, without class weights or smoothing (a
    /// training step's), without the per-sample coefficients of `make`: each sample's loss is
    /// `-logsoftmax(x)[target]` and each gradient `(softmax(x) - onehot) * g`, the values `make`
    /// gives when a sample's coefficients are one for its class and zero for the others.
    static func ofClasses(_ input: Tensor, _ target: [Int], _ layout: ClassLayout, ignoreIndex: Int, mean: Bool) -> Tensor {
        let logp = layout.logSoftmax(input.toArray())
        var total: Double = 0, counted: Double = 0
        for k in 0..<layout.samples where target[k] != ignoreIndex {
            total += Double(0 - logp[layout.index(k, target[k])])
            counted += 1
        }
        // `.mean` divides by the number of samples not ignored, `.sum` by nothing.
        let scale: Float = mean ? 1 / Float(counted) : 1
        let result = mean ? Float(total) * scale : Float(total)
        let count = logp.count
        return Tensor.makeResult(values: [result], shape: [], parents: [input]) { gradOutput in
            let g = gradOutput.toArray()[0] * scale
            var grad = [Float](repeating: 0, count: count)
            for k in 0..<layout.samples where target[k] != ignoreIndex {
                for c in 0..<layout.classes {
                    let i = layout.index(k, c)
                    grad[i] = (exp(logp[i]) - (c == target[k] ? 1 : 0)) * g
                }
            }
            return [Tensor(grad, shape: input.shape)]
        }
    }

    /// Per sample `k`: `-sum_c a[k][c] logsoftmax(x)[c]`; an empty `a[k]` is an ignored sample.
    static func make(_ input: Tensor, _ layout: ClassLayout, _ a: [[Float]]) -> LossTerms {
        let logp = layout.logSoftmax(input.toArray())
        var values = [Float](repeating: 0, count: layout.samples)
        for k in 0..<layout.samples where !a[k].isEmpty {
            var l: Float = 0
            for c in 0..<layout.classes { l -= a[k][c] * logp[layout.index(k, c)] }
            values[k] = l
        }
        let count = logp.count
        return LossTerms(values: values, shape: layout.targetShape) { upstream in
            var grad = [Float](repeating: 0, count: count)
            for k in 0..<layout.samples where !a[k].isEmpty {
                let total = a[k].reduce(0, +)
                for c in 0..<layout.classes {
                    let i = layout.index(k, c)
                    grad[i] = (total * exp(logp[i]) - a[k][c]) * upstream[k]
                }
            }
            return [grad]
        }
    }
}

/// PyTorch's `nn.CrossEntropyLoss`: holds weight, ignore_index, reduction and label_smoothing.
public struct CrossEntropyLoss {
    public var weight: Tensor?
    public var ignoreIndex: Int
    public var reduction: Reduction
    public var labelSmoothing: Float

    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: Reduction = .mean, labelSmoothing: Float = 0) {
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.reduction = reduction
        self.labelSmoothing = labelSmoothing
    }

    /// The loss against class indices.
    public func callAsFunction(_ input: Tensor, _ target: IntTensor) throws -> Tensor {
        try crossEntropy(
            input, target, weight: weight, ignoreIndex: ignoreIndex, labelSmoothing: labelSmoothing,
            reduction: reduction)
    }

    /// The loss against class probabilities.
    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try crossEntropy(input, target, weight: weight, labelSmoothing: labelSmoothing, reduction: reduction)
    }
}
