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
    var grad = [Float](repeating: 0, count: lp.count)
    for b in 0..<batch {
        let labels = Array(targets.data[offsets[b]..<(offsets[b] + targetLengths[b])])
        let (nll, g) = CTCKernel.sequence(
            lp, step: batch * classes, offset: b * classes, length: inputLengths[b], labels: labels, blank: blank,
            classes: classes)
        if zeroInfinity && nll.isInfinite { continue }
        losses[b] = Float(nll)
        for (i, v) in g { grad[i] = v }
    }
    var scale = [Float](repeating: 1, count: batch)
    if reduction == .mean { scale = targetLengths.map { 1 / Float(max($0, 1)) } }
    let values = zip(losses, scale).map(*)
    return try LossTerms(values: values, shape: batched ? [batch] : []) { upstream in
        [grad.indices.map { i in grad[i] * upstream[(i / classes) % batch] * scale[(i / classes) % batch] }]
    }.reduced(reduction, parents: [logProbs])
}

/// The forward-backward recursions of one sequence.
enum CTCKernel {
    private static func logAdd(_ a: Double, _ b: Double) -> Double {
        if a == -.infinity { return b }
        if b == -.infinity { return a }
        let m = max(a, b)
        return m + log(exp(a - m) + exp(b - m))
    }

    /// The sequence's negative log likelihood and its gradient entries (flat index, value).
    static func sequence(
        _ lp: [Float], step: Int, offset: Int, length: Int, labels: [Int], blank: Int, classes: Int
    ) -> (Double, [(Int, Float)]) {
        let width = 2 * labels.count + 1
        let ext = (0..<width).map { $0 % 2 == 0 ? blank : labels[$0 / 2] }
        func at(_ t: Int, _ c: Int) -> Double { Double(lp[t * step + offset + c]) }
        guard length > 0 else { return (labels.isEmpty ? 0 : .infinity, []) }
        var alpha = [[Double]](repeating: [Double](repeating: -.infinity, count: width), count: length)
        alpha[0][0] = at(0, blank)
        if width > 1 { alpha[0][1] = at(0, ext[1]) }
        for t in 1..<max(length, 1) {
            for s in 0..<width {
                var v = alpha[t - 1][s]
                if s >= 1 { v = logAdd(v, alpha[t - 1][s - 1]) }
                if s >= 2 && ext[s] != blank && ext[s] != ext[s - 2] { v = logAdd(v, alpha[t - 1][s - 2]) }
                alpha[t][s] = v == -.infinity ? v : v + at(t, ext[s])
            }
        }
        let last = length - 1
        let logLikelihood = width > 1 ? logAdd(alpha[last][width - 1], alpha[last][width - 2]) : alpha[last][0]
        let nll = -logLikelihood
        var beta = [[Double]](repeating: [Double](repeating: -.infinity, count: width), count: length)
        beta[last][width - 1] = at(last, ext[width - 1])
        if width > 1 { beta[last][width - 2] = at(last, ext[width - 2]) }
        for t in stride(from: last - 1, through: 0, by: -1) {
            for s in 0..<width {
                var v = beta[t + 1][s]
                if s + 1 < width { v = logAdd(v, beta[t + 1][s + 1]) }
                if s + 2 < width && ext[s] != blank && ext[s] != ext[s + 2] { v = logAdd(v, beta[t + 1][s + 2]) }
                beta[t][s] = v == -.infinity ? v : v + at(t, ext[s])
            }
        }
        var grads: [(Int, Float)] = []
        for t in 0..<length {
            var lcab = [Double](repeating: -.infinity, count: classes)
            for s in 0..<width { lcab[ext[s]] = logAdd(lcab[ext[s]], alpha[t][s] + beta[t][s]) }
            for c in 0..<classes {
                let l = at(t, c)
                grads.append((t * step + offset + c, Float(exp(l) - exp(lcab[c] + nll - l))))
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
