/// Batch normalization over dimension 1, the common part of `BatchNorm1d` and `BatchNorm2d`
/// (PyTorch's `_BatchNorm`; Ioffe and Szegedy, 2015).
///
/// Training mode normalizes by the batch's statistics and, with `trackRunningStats`, updates
/// `runningMean` and `runningVar` (unbiased) by `momentum`, or by a cumulative average when
/// `momentum` is nil; evaluation mode normalizes by the running statistics when tracked.
public class BatchNorm: Module {
    public let numFeatures: Int
    public let eps: Double
    public let momentum: Double?
    public let affine: Bool
    public let trackRunningStats: Bool
    /// (numFeatures), ones; nil without `affine`.
    public let weight: Tensor?
    /// (numFeatures), zeros; nil without `affine`.
    public let bias: Tensor?
    /// (numFeatures), zeros; nil without `trackRunningStats`.
    public let runningMean: Tensor?
    /// (numFeatures), ones; nil without `trackRunningStats`.
    public let runningVar: Tensor?
    /// The number of training batches seen (a one-element tensor, as PyTorch's buffer).
    public let numBatchesTracked: Tensor?
    public var isTraining = true
    /// The input ranks this layer accepts.
    let ranks: Set<Int>

    init(numFeatures: Int, eps: Double, momentum: Double?, affine: Bool, trackRunningStats: Bool, ranks: Set<Int>) {
        (self.numFeatures, self.eps, self.momentum, self.affine, self.trackRunningStats) =
            (numFeatures, eps, momentum, affine, trackRunningStats)
        weight = affine ? Tensor.ones([numFeatures], requiresGrad: true) : nil
        bias = affine ? Tensor.zeros([numFeatures], requiresGrad: true) : nil
        runningMean = trackRunningStats ? Tensor.zeros([numFeatures]) : nil
        runningVar = trackRunningStats ? Tensor.ones([numFeatures]) : nil
        numBatchesTracked = trackRunningStats ? Tensor.zeros([1]) : nil
        self.ranks = ranks
    }

    public var localParameters: [(String, Tensor)] {
        [("weight", weight), ("bias", bias)].compactMap { name, t in t.map { (name, $0) } }
    }

    public var localBuffers: [(String, Tensor)] {
        [("running_mean", runningMean), ("running_var", runningVar), ("num_batches_tracked", numBatchesTracked)]
            .compactMap { name, t in t.map { (name, $0) } }
    }

    public func forward(_ input: Tensor) -> Tensor {
        precondition(ranks.contains(input.rank) && input.shape[1] == numFeatures,
                     "\(type(of: self)) of \(numFeatures) features got an input of shape \(input.shape)")
        var factor = momentum ?? 0
        if isTraining, let numBatchesTracked {
            let seen = numBatchesTracked.item() + 1
            numBatchesTracked.setElement(0, seen)
            if momentum == nil { factor = 1 / Double(seen) }
        }
        return batchNorm(input, runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias,
                         training: isTraining || !trackRunningStats, momentum: factor, eps: eps)
    }
}

/// Batch normalization of (N, C) or (N, C, L) inputs, as PyTorch's `nn.BatchNorm1d`.
public final class BatchNorm1d: BatchNorm {
    public init(numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true) {
        super.init(numFeatures: numFeatures, eps: eps, momentum: momentum, affine: affine,
                   trackRunningStats: trackRunningStats, ranks: [2, 3])
    }
}

/// Batch normalization of (N, C, H, W) inputs, as PyTorch's `nn.BatchNorm2d`.
public final class BatchNorm2d: BatchNorm {
    public init(numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true) {
        super.init(numFeatures: numFeatures, eps: eps, momentum: momentum, affine: affine,
                   trackRunningStats: trackRunningStats, ranks: [4])
    }
}
