/// Modules applied one after another, as PyTorch's `nn.Sequential` (children named "0", "1", ...).
public final class Sequential: Module {
    public let modules: [any Module]
    public var isTraining = true

    public init(_ modules: [any Module]) { self.modules = modules }

    public convenience init(_ modules: any Module...) { self.init(modules) }

    public var children: [(String, any Module)] {
        modules.enumerated().map { (String($0.offset), $0.element) }
    }

    public func forward(_ input: Tensor) -> Tensor {
        modules.reduce(input) { $1.forward($0) }
    }
}
