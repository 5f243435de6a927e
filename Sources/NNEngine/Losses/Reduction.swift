/// How a loss reduces its per-element values, as PyTorch's `reduction` argument.
public enum Reduction: String, Sendable, CaseIterable {
    /// The unreduced losses.
    case none
    /// Their sum.
    case sum
    /// Their mean (weighted by class weight where PyTorch does so).
    case mean
    /// The sum divided by the batch size: KL divergence only (its mathematically correct mean).
    case batchmean
}
