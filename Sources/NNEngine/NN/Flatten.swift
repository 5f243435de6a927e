/// Flattens dimensions `startDim...endDim` into one, as PyTorch's `nn.Flatten` (default: all but the batch).
public final class Flatten: Module {
    public let startDim: Int
    public let endDim: Int
    public var isTraining = true

    public init(startDim: Int = 1, endDim: Int = -1) {
        (self.startDim, self.endDim) = (startDim, endDim)
    }

    public func forward(_ input: Tensor) -> Tensor { input.flatten(startDim: startDim, endDim: endDim) }
}
