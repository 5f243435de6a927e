/// Modules applied one after another, as PyTorch's `nn.Sequential` (children named "0", "1", ...).
public final class Sequential: Module {
    public let modules: [any Module]
    public var isTraining = true
    /// At each index, the `Linear` there when a ReLU follows it: the two then run as one op,
    /// with the same values and gradients, without the product as a tensor of its own.
    private let linearBeforeReLU: [Linear?]

    public init(_ modules: [any Module]) {
        self.modules = modules
        linearBeforeReLU = modules.indices.map { i in
            guard i + 1 < modules.count, (modules[i + 1] as? Activation)?.isReLU == true else { return nil }
            return modules[i] as? Linear
        }
    }

    public convenience init(_ modules: any Module...) { self.init(modules) }

    public var children: [(String, any Module)] {
        modules.enumerated().map { (String($0.offset), $0.element) }
    }

    public func forward(_ input: Tensor) -> Tensor {
        var x = input, i = 0
        while i < modules.count {
            if let layer = linearBeforeReLU[i] {
                x = layer.forwardThenReLU(x)
                i += 2
            } else {
                x = modules[i].forward(x)
                i += 1
            }
        }
        return x
    }
}
