import Foundation

/// Connectionist temporal classification loss: `-log p(target | input)` summed over all alignments.
///
/// Graves et al., "Connectionist Temporal Classification: Labelling Unsegmented Sequence Data with
/// Recurrent Neural Networks" (ICML 2006). Forward-backward in log space; the gradient is PyTorch's
/// (with respect to the logits under the log-softmax `logProbs` came from).
/// - Parameters:
///   - logProbs: log-probabilities of shape `(T, N, C)`, or `(T, C)` unbatched.
///   - targets: padded `(N, S)`, or all target sequences concatenated (1-D, `sum(targetLengths)`);
///     unbatched: `(S)`.
///   - inputLengths, targetLengths: one length per sequence (`inputLengths[b] <= T`).
///   - blank: the blank class; zeroInfinity: replace infinite losses (and their gradients) by zero.
///   - reduction: `.mean` divides each loss by its target length, then averages over the batch.
/// - Throws: `LossError` for shapes, lengths or classes that do not fit.
public func ctcLoss(
    logProbs: Tensor, targets: IntTensor, inputLengths: [Int], targetLengths: [Int], blank: Int = 0,
    reduction: Reduction = .mean, zeroInfinity: Bool = false
) throws -> Tensor {
    let batched = logProbs.shape.count == 3
    guard batched || logProbs.shape.count == 2 else {
        throw LossError.shapeMismatch("ctc_loss: log_probs must have shape (T, N, C) or (T, C), got \(logProbs.shape)")
    }
    let steps = logProbs.shape[0], batch = batched ? logProbs.shape[1] : 1, classes = logProbs.shape.last!
    guard inputLengths.count == batch, targetLengths.count == batch else {
        throw LossError.shapeMismatch(
            "ctc_loss: expected \(batch) input and target lengths, got \(inputLengths.count) and \(targetLengths.count)")
    }
    guard (0..<classes).contains(blank) else { throw LossError.invalidValue("ctc_loss: blank \(blank) must be in [0, \(classes))") }
    var offsets = [Int](repeating: 0, count: batch)
    let padded = batched && targets.shape.count == 2
    if padded {
        guard targets.shape[0] == batch else {
            throw LossError.shapeMismatch("ctc_loss: targets of shape \(targets.shape) for a batch of \(batch)")
        }
        for b in 0..<batch { offsets[b] = b * targets.shape[1] }
    } else {
        guard targets.shape.count == 1, targets.count >= targetLengths.reduce(0, +) else {
            throw LossError.shapeMismatch(
                "ctc_loss: targets of shape \(targets.shape) do not hold target lengths \(targetLengths)")
        }
        for b in 1..<max(batch, 1) { offsets[b] = offsets[b - 1] + targetLengths[b - 1] }
    }
    for b in 0..<batch {
        guard (0...steps).contains(inputLengths[b]) else {
            throw LossError.invalidValue("ctc_loss: Expected input_lengths to have value at most \(steps), but got \(inputLengths[b])")
        }
        guard targetLengths[b] >= 0, targetLengths[b] <= inputLengths[b], !padded || targetLengths[b] <= targets.shape[1] else {
            throw LossError.invalidValue(
                "ctc_loss: target length \(targetLengths[b]) of sequence \(b) exceeds its input length \(inputLengths[b])")
        }
        for t in targets.data[offsets[b]..<(offsets[b] + targetLengths[b])] where !(0..<classes).contains(t) {
            throw LossError.invalidValue("ctc_loss: target class \(t) is out of range [0, \(classes))")
        }
    }
    let lp = logProbs.toArray()
    var losses = [Float](repeating: 0, count: batch)
    // Per element: d(loss of its sequence)/d(logit), before the upstream gradient.
    var grad = [Float](repeating: 0, count: lp.count)
    for b in 0..<batch {
        let labels = Array(targets.data[offsets[b]..<(offsets[b] + targetLengths[b])])
        let (nll, g) = CTCKernel.sequence(
            lp, step: batch * classes, offset: b * classes, length: inputLengths[b], labels: labels, blank: blank,
            classes: classes)
        if zeroInfinity && nll.isInfinite { continue }
        losses[b] = nll
        for (i, v) in g { grad[i] = v }
    }
    // `.mean` divides each loss by its target length (at least 1), then averages over the batch.
    let lengths = targetLengths.map { Float(max($0, 1)) }
    let values = reduction == .mean ? zip(losses, lengths).map { $0 / $1 } : losses
    return try LossTerms(values: values, shape: batched ? [batch] : []) { upstream in
        let perSequence = reduction == .mean ? zip(upstream, lengths).map { $0 / $1 } : upstream
        return [grad.indices.map { i in grad[i] * perSequence[(i / classes) % batch] }]
    }.reduced(reduction, parents: [logProbs])
}

/// The forward-backward recursions of one sequence, in float32 and in the order PyTorch's CPU
/// kernel rounds them (log-sum-exp of up to three terms against their largest), so the gradient
/// agrees with PyTorch's to float32 rounding rather than to that of a more exact sum.
enum CTCKernel {
    /// `log(exp(a) + exp(b) + exp(c))`, shifted by the largest (by 0 when all are -inf).
    private static func logSumExp(_ a: Float, _ b: Float, _ c: Float = -.infinity) -> Float {
        var m = Swift.max(a, Swift.max(b, c))
        if m == -.infinity { m = 0 }
        return log(exp(a - m) + exp(b - m) + exp(c - m)) + m
    }

    /// The sequence's negative log likelihood and its gradient entries (flat index, value), each
    /// `exp(lp) - exp(log(sum of alpha * beta over the states of that class) + nll - lp)`.
    static func sequence(
        _ lp: [Float], step: Int, offset: Int, length: Int, labels: [Int], blank: Int, classes: Int
    ) -> (Float, [(Int, Float)]) {
        let width = 2 * labels.count + 1
        let ext = (0..<width).map { $0 % 2 == 0 ? blank : labels[$0 / 2] }
        func at(_ t: Int, _ c: Int) -> Float { lp[t * step + offset + c] }
        guard length > 0 else { return (labels.isEmpty ? 0 : .infinity, []) }
        var alpha = [[Float]](repeating: [Float](repeating: -.infinity, count: width), count: length)
        alpha[0][0] = at(0, blank)
        if width > 1 { alpha[0][1] = at(0, ext[1]) }
        for t in 1..<length {
            for s in 0..<width {
                let a1 = alpha[t - 1][s]
                let a2 = s >= 1 ? alpha[t - 1][s - 1] : -.infinity
                let a3 = s >= 2 && ext[s] != ext[s - 2] ? alpha[t - 1][s - 2] : -.infinity
                alpha[t][s] = logSumExp(a1, a2, a3) + at(t, ext[s])
            }
        }
        let last = length - 1
        let nll = width > 1 ? -logSumExp(alpha[last][width - 1], alpha[last][width - 2]) : -alpha[last][0]
        var beta = [[Float]](repeating: [Float](repeating: -.infinity, count: width), count: length)
        // log of the summed alpha * beta per (time, class), -inf where no state of that class contributes.
        var collected = [Float](repeating: -.infinity, count: length * classes)
        beta[last][width - 1] = at(last, ext[width - 1])
        collected[last * classes + ext[width - 1]] = alpha[last][width - 1] + beta[last][width - 1]
        if width > 1 {
            beta[last][width - 2] = at(last, ext[width - 2])
            collected[last * classes + ext[width - 2]] = alpha[last][width - 2] + beta[last][width - 2]
        }
        for t in stride(from: last - 1, through: 0, by: -1) {
            for s in stride(from: width - 1, through: 0, by: -1) {
                let b1 = beta[t + 1][s]
                let b2 = s + 1 < width ? beta[t + 1][s + 1] : -.infinity
                let b3 = s + 2 < width && ext[s] != ext[s + 2] ? beta[t + 1][s + 2] : -.infinity
                beta[t][s] = logSumExp(b1, b2, b3) + at(t, ext[s])
                let product = alpha[t][s] + beta[t][s]
                let k = t * classes + ext[s]
                if collected[k] == -.infinity {
                    collected[k] = product
                } else {
                    collected[k] = logSumExp(collected[k], product)
                }
            }
        }
        var grads: [(Int, Float)] = []
        grads.reserveCapacity(length * classes)
        for t in 0..<length {
            for c in 0..<classes {
                let l = at(t, c)
                grads.append((t * step + offset + c, exp(l) - exp(collected[t * classes + c] + nll - l)))
            }
        }
        return (nll, grads)
    }
}

/// PyTorch's `nn.CTCLoss`: holds blank, reduction and zero_infinity.
public struct CTCLoss: Sendable {
    public var blank: Int
    public var reduction: Reduction
    public var zeroInfinity: Bool

    public init(blank: Int = 0, reduction: Reduction = .mean, zeroInfinity: Bool = false) {
        self.blank = blank
        self.reduction = reduction
        self.zeroInfinity = zeroInfinity
    }

    public func callAsFunction(
        _ logProbs: Tensor, _ targets: IntTensor, inputLengths: [Int], targetLengths: [Int]
    ) throws -> Tensor {
        try ctcLoss(
            logProbs: logProbs, targets: targets, inputLengths: inputLengths, targetLengths: targetLengths,
            blank: blank, reduction: reduction, zeroInfinity: zeroInfinity)
    }
}
