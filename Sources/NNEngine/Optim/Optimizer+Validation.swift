extension Optimizer {
    /// Throws PyTorch's "Invalid <label>: <value>" unless the number `name` of `group` is >= 0.
    func requireNonNegative(_ group: ParamGroup, _ name: String, _ label: String) throws {
        let value = group.number(name)
        guard value >= 0 else { throw OptimizerError.invalidHyperparameter("Invalid \(label): \(value)") }
    }

    /// Throws unless both of `group`'s `"betas"` lie in [0, 1).
    func requireBetas(_ group: ParamGroup) throws {
        let (beta1, beta2) = group.pair("betas")
        guard (0..<1).contains(beta1) else {
            throw OptimizerError.invalidHyperparameter("Invalid beta parameter at index 0: \(beta1)")
        }
        guard (0..<1).contains(beta2) else {
            throw OptimizerError.invalidHyperparameter("Invalid beta parameter at index 1: \(beta2)")
        }
    }

    /// Checks the learning rate, epsilon, betas and weight decay shared by the Adam family.
    func validateAdamFamily(_ group: ParamGroup) throws {
        try requireNonNegative(group, "lr", "learning rate")
        try requireNonNegative(group, "eps", "epsilon value")
        try requireBetas(group)
        try requireNonNegative(group, "weight_decay", "weight_decay value")
    }
}

/// How an update turns a gradient element into the one it steps by: negated when `maximize`,
/// plus `weight_decay * param` (L2) unless the decay is decoupled, in which case the parameter
/// first shrinks by `lr * weight_decay` (AdamW, Loshchilov & Hutter 2019).
public struct GradientTerms: Sendable {
    public let maximize: Bool
    /// The L2 coefficient added to the gradient (0 when none or decoupled).
    public let l2: Float
    /// The factor a decoupled decay multiplies the parameter by, nil when there is none.
    public let decoupledKeep: Float?

    /// Reads `maximize`, `weight_decay` (when the optimizer `decays`) and `decoupled_weight_decay`
    /// (when it `decouples`: the Adam family).
    public init(_ group: ParamGroup, decays: Bool = true, decouples: Bool = false) {
        maximize = group.flag("maximize")
        let weightDecay = decays ? group.number("weight_decay") : 0
        let decoupled = decouples && group.flag("decoupled_weight_decay")
        l2 = decoupled ? 0 : Float(weightDecay)
        decoupledKeep = decoupled && weightDecay != 0 ? Float(1 - group.learningRate * weightDecay) : nil
    }

    /// The gradient element the update uses for `gradient` of `parameter` (shrunk here first when decoupled).
    @inline(__always)
    public func apply(_ gradient: Float, to parameter: inout Float) -> Float {
        if let keep = decoupledKeep { parameter *= keep }
        var g = maximize ? -gradient : gradient
        if l2 != 0 { g += l2 * parameter }
        return g
    }
}
