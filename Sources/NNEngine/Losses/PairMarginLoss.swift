/// The maths of a loss of two inputs and a ±1 target with a margin, for `PairMarginLoss`.
public protocol PairMarginLossFunction {
    static func loss(_ input1: Tensor, _ input2: Tensor, _ target: Tensor, margin: Float, reduction: Reduction)
        throws -> Tensor
}

/// PyTorch's module of a loss of two inputs and a target with a margin: holds margin and reduction.
public struct PairMarginLoss<Function: PairMarginLossFunction>: Sendable {
    public var margin: Float
    public var reduction: Reduction

    public init(margin: Float = 0, reduction: Reduction = .mean) {
        self.margin = margin
        self.reduction = reduction
    }

    public func callAsFunction(_ input1: Tensor, _ input2: Tensor, _ target: Tensor) throws -> Tensor {
        try Function.loss(input1, input2, target, margin: margin, reduction: reduction)
    }
}

/// PyTorch's `nn.MarginRankingLoss`, applying `marginRankingLoss`.
public typealias MarginRankingLoss = PairMarginLoss<MarginRanking>

/// `marginRankingLoss` as `PairMarginLoss` applies it.
public enum MarginRanking: PairMarginLossFunction {
    public static func loss(_ a: Tensor, _ b: Tensor, _ y: Tensor, margin: Float, reduction: Reduction) throws -> Tensor {
        try marginRankingLoss(a, b, y, margin: margin, reduction: reduction)
    }
}

/// PyTorch's `nn.CosineEmbeddingLoss`, applying `cosineEmbeddingLoss`.
public typealias CosineEmbeddingLoss = PairMarginLoss<CosineEmbedding>

/// `cosineEmbeddingLoss` as `PairMarginLoss` applies it.
public enum CosineEmbedding: PairMarginLossFunction {
    public static func loss(_ a: Tensor, _ b: Tensor, _ y: Tensor, margin: Float, reduction: Reduction) throws -> Tensor {
        try cosineEmbeddingLoss(a, b, y, margin: margin, reduction: reduction)
    }
}
