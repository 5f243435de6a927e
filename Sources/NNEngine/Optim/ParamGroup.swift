/// A group of parameters sharing one set of optimizer options, as in PyTorch's `param_groups`.
///
/// Options are keyed by PyTorch's names (`"lr"`, `"momentum"`, `"betas"`); options a group does not
/// name take the optimizer's `defaults` when the group is added.
public struct ParamGroup {
    /// The tensors this group updates.
    public var params: [Tensor]
    /// The group's hyperparameters by PyTorch's names.
    public var options: [String: Hyperparameter]

    /// A group of `params` with its own `options`; missing options take the optimizer's defaults.
    public init(params: [Tensor], options: [String: Hyperparameter] = [:]) {
        self.params = params
        self.options = options
    }

    /// The option named `name` (PyTorch's name), or `.null` when absent.
    public subscript(name: String) -> Hyperparameter {
        get { options[name] ?? .null }
        set { options[name] = newValue }
    }

    /// The group's learning rate (`"lr"`).
    public var learningRate: Double {
        get { options["lr"]?.number ?? 0 }
        set { options["lr"] = .number(newValue) }
    }

    /// The number named `name`, or 0 when absent.
    public func number(_ name: String) -> Double { options[name]?.number ?? 0 }
    /// The flag named `name`, or false when absent.
    public func flag(_ name: String) -> Bool { options[name]?.flag ?? false }
    /// The pair named `name` (such as `"betas"`), or (0, 0) when absent.
    public func pair(_ name: String) -> (Double, Double) {
        let values = options[name]?.numbers ?? []
        return (values.first ?? 0, values.count > 1 ? values[1] : 0)
    }
}
