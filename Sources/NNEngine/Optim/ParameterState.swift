/// The lazily created optimizer state of one parameter, as in PyTorch's `optimizer.state[p]`.
///
/// Scalars (`"step"`, `"eta"`, `"mu"`) and buffers (`"exp_avg"`, `"momentum_buffer"`) are keyed by
/// PyTorch's names; `lists` holds histories such as L-BFGS's `"old_dirs"`.
public struct ParameterState: Sendable, Equatable, Codable {
    public var scalars: [String: Double] = [:]
    public var buffers: [String: [Float]] = [:]
    public var lists: [String: [[Float]]] = [:]

    public init() {}

    /// The number of updates applied to this parameter (`"step"`).
    public var step: Int {
        get { Int(scalars["step"] ?? 0) }
        set { scalars["step"] = Double(newValue) }
    }
}
