/// A layer or model with parameters, as PyTorch's `nn.Module`.
///
/// Conformers list their own parameters in `localParameters` and their submodules in
/// `children`; the protocol derives `namedParameters` (dotted names, registration order, as
/// PyTorch's `named_parameters()`), `train`/`eval` and `zeroGrad`.
public protocol Module: AnyObject {
    /// This module's own parameters, by name, in registration order.
    var localParameters: [(String, Tensor)] { get }
    /// This module's own buffers (state that is saved but not trained, e.g. running statistics).
    var localBuffers: [(String, Tensor)] { get }
    /// The direct submodules, by name, in registration order.
    var children: [(String, any Module)] { get }
    /// True in training mode (the default), false in evaluation mode.
    var isTraining: Bool { get set }
    /// Computes the module's output.
    func forward(_ input: Tensor) -> Tensor
}

extension Module {
    public var localParameters: [(String, Tensor)] { [] }
    public var localBuffers: [(String, Tensor)] { [] }
    public var children: [(String, any Module)] { [] }

    /// Every parameter of this module and its descendants, with dotted names.
    public var namedParameters: [(String, Tensor)] {
        localParameters + children.flatMap { name, child in
            child.namedParameters.map { ("\(name).\($0.0)", $0.1) }
        }
    }

    /// Every buffer of this module and its descendants, with dotted names (PyTorch's `named_buffers()`).
    public var namedBuffers: [(String, Tensor)] {
        localBuffers + children.flatMap { name, child in
            child.namedBuffers.map { ("\(name).\($0.0)", $0.1) }
        }
    }

    /// Every parameter of this module and its descendants.
    public var parameters: [Tensor] { namedParameters.map(\.1) }

    /// Calls `forward`.
    public func callAsFunction(_ input: Tensor) -> Tensor { forward(input) }

    /// Sets training mode (`true`) or evaluation mode on this module and its descendants.
    public func train(_ mode: Bool = true) {
        isTraining = mode
        for (_, child) in children { child.train(mode) }
    }

    /// Sets evaluation mode.
    public func eval() { train(false) }

    /// Clears every parameter's gradient.
    public func zeroGrad() {
        for p in parameters { p.grad = nil }
    }
}
