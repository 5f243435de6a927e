/// The maths of a loss of an input and a target with an elementwise weight, for `WeightedLoss`.
public protocol WeightedLossFunction {
    static func loss(_ input: Tensor, _ target: Tensor, weight: Tensor?, reduction: Reduction) throws -> Tensor
}

/// PyTorch's module of a loss with an optional weight: holds the weight and reduction.
public struct WeightedLoss<Function: WeightedLossFunction> {
    public var weight: Tensor?
    public var reduction: Reduction

    public init(weight: Tensor? = nil, reduction: Reduction = .mean) {
        self.weight = weight
        self.reduction = reduction
    }

    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Function.loss(input, target, weight: weight, reduction: reduction)
    }
}

/// PyTorch's `nn.BCELoss`, applying `binaryCrossEntropy`.
public typealias BCELoss = WeightedLoss<BinaryCrossEntropy>

/// `binaryCrossEntropy` as `WeightedLoss` applies it.
public enum BinaryCrossEntropy: WeightedLossFunction {
    public static func loss(_ input: Tensor, _ target: Tensor, weight: Tensor?, reduction: Reduction) throws -> Tensor {
        try binaryCrossEntropy(input, target, weight: weight, reduction: reduction)
    }
}

/// PyTorch's `nn.MultiLabelSoftMarginLoss`, applying `multilabelSoftMarginLoss`.
public typealias MultiLabelSoftMarginLoss = WeightedLoss<MultiLabelSoftMargin>

/// `multilabelSoftMarginLoss` as `WeightedLoss` applies it.
public enum MultiLabelSoftMargin: WeightedLossFunction {
    public static func loss(_ input: Tensor, _ target: Tensor, weight: Tensor?, reduction: Reduction) throws -> Tensor {
        try multilabelSoftMarginLoss(input, target, weight: weight, reduction: reduction)
    }
}
