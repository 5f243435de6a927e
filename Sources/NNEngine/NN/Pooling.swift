/// 2-D max pooling, as PyTorch's `nn.MaxPool2d`.
public final class MaxPool2d: Module {
    public let kernelSize: (Int, Int)
    public let stride: (Int, Int)?
    public let padding: (Int, Int)
    public let dilation: (Int, Int)
    public let ceilMode: Bool
    public var isTraining = true

    /// - Parameter stride: nil for the kernel size.
    public init(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0),
                dilation: (Int, Int) = (1, 1), ceilMode: Bool = false) {
        (self.kernelSize, self.stride, self.padding, self.dilation, self.ceilMode) = (kernelSize, stride, padding, dilation, ceilMode)
    }

    /// Square windows.
    public convenience init(_ kernelSize: Int, stride: Int? = nil) {
        self.init(kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) })
    }

    public func forward(_ input: Tensor) -> Tensor {
        maxPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
}

/// 2-D average pooling, as PyTorch's `nn.AvgPool2d`.
public final class AvgPool2d: Module {
    public let kernelSize: (Int, Int)
    public let stride: (Int, Int)?
    public let padding: (Int, Int)
    public let ceilMode: Bool
    public let countIncludePad: Bool
    public let divisorOverride: Int?
    public var isTraining = true

    /// - Parameter stride: nil for the kernel size.
    public init(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0), ceilMode: Bool = false,
                countIncludePad: Bool = true, divisorOverride: Int? = nil) {
        (self.kernelSize, self.stride, self.padding, self.ceilMode) = (kernelSize, stride, padding, ceilMode)
        (self.countIncludePad, self.divisorOverride) = (countIncludePad, divisorOverride)
    }

    /// Square windows.
    public convenience init(_ kernelSize: Int, stride: Int? = nil) {
        self.init(kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) })
    }

    public func forward(_ input: Tensor) -> Tensor {
        avgPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                  countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }
}
