/// The affine layer `y = x @ weight.T + bias`, as PyTorch's `nn.Linear`.
public final class Linear: Module {
    public let inFeatures: Int
    public let outFeatures: Int
    /// (outFeatures, inFeatures).
    public let weight: Tensor
    /// (outFeatures), or nil without bias.
    public let bias: Tensor?
    public var isTraining = true

    /// A layer with PyTorch's default initialization.
    ///
    /// The weight is drawn by `kaimingUniform(a: sqrt(5))`, which is uniform in
    /// ±1/sqrt(inFeatures); the bias uniform in ±1/sqrt(inFeatures).
    public init(inFeatures: Int, outFeatures: Int, bias: Bool = true, generator: Generator = .default) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weight = Tensor.zeros([outFeatures, inFeatures], requiresGrad: true)
        self.bias = bias ? Tensor.zeros([outFeatures], requiresGrad: true) : nil
        resetParameters(generator: generator)
    }

    /// Redraws the parameters with PyTorch's default initialization.
    public func resetParameters(generator: Generator = .default) {
        Init.layerDefault(weight: weight, bias: bias, fanIn: inFeatures, generator: generator)
    }

    public var localParameters: [(String, Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    public func forward(_ input: Tensor) -> Tensor { linear(input, weight: weight, bias: bias) }

    /// The layer then ReLU in one op, with the values of the two in turn (`Sequential`'s fusion).
    func forwardThenReLU(_ input: Tensor) -> Tensor { linear(input, weight: weight, bias: bias, relu: true) }
}
