/// A 2-D convolution layer, as PyTorch's `nn.Conv2d`.
public final class Conv2d: Module {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: (Int, Int)
    public let stride: (Int, Int)
    public let padding: Conv2dPadding
    public let dilation: (Int, Int)
    public let groups: Int
    /// (outChannels, inChannels / groups, kH, kW).
    public let weight: Tensor
    /// (outChannels), or nil without bias.
    public let bias: Tensor?
    public var isTraining = true

    /// A layer with PyTorch's default initialization: weight and bias uniform in
    /// ±1/sqrt(fanIn), fanIn = inChannels / groups · kH · kW (`kaimingUniform(a: sqrt(5))`).
    public init(inChannels: Int, outChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
                padding: Conv2dPadding = .explicit(0, 0), dilation: (Int, Int) = (1, 1), groups: Int = 1,
                bias: Bool = true, generator: Generator = .default) {
        precondition(groups > 0 && inChannels % groups == 0 && outChannels % groups == 0,
                     "Conv2d channels \(inChannels) and \(outChannels) must be divisible by groups \(groups)")
        (self.inChannels, self.outChannels, self.kernelSize) = (inChannels, outChannels, kernelSize)
        (self.stride, self.padding, self.dilation, self.groups) = (stride, padding, dilation, groups)
        weight = Tensor.zeros([outChannels, inChannels / groups, kernelSize.0, kernelSize.1], requiresGrad: true)
        self.bias = bias ? Tensor.zeros([outChannels], requiresGrad: true) : nil
        resetParameters(generator: generator)
    }

    /// A layer with a square kernel.
    public convenience init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                            generator: Generator = .default) {
        self.init(inChannels: inChannels, outChannels: outChannels, kernelSize: (kernelSize, kernelSize),
                  stride: (stride, stride), padding: .explicit(padding, padding), generator: generator)
    }

    /// Redraws the parameters with PyTorch's default initialization.
    public func resetParameters(generator: Generator = .default) {
        Init.layerDefault(weight: weight, bias: bias, fanIn: inChannels / groups * kernelSize.0 * kernelSize.1, generator: generator)
    }

    public var localParameters: [(String, Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    public func forward(_ input: Tensor) -> Tensor {
        conv2d(input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }
}
