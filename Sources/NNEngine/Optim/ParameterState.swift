/// The lazily created optimizer state of one parameter, as in PyTorch's `optimizer.state[p]`.
///
/// Scalars (`"step"`, `"eta"`, `"mu"`) and buffers (`"exp_avg"`, `"momentum_buffer"`) are keyed by
/// PyTorch's names; `lists` holds histories such as L-BFGS's `"old_dirs"`.
public struct ParameterState: Sendable, Equatable, Codable {
    public var scalars: [String: Double] = [:]
    public var buffers: [String: [Float]] = [:]
    public var lists: [String: [[Float]]] = [:]

    public init() {}

    /// The number of updates applied to this parameter (`"step"`); 0 when absent or not a
    /// count (`Optimizer.loadStateDict` refuses such a state).
    public var step: Int {
        get { scalars["step"].flatMap { Int(exactly: $0) } ?? 0 }
        set { scalars["step"] = Double(newValue) }
    }
}
