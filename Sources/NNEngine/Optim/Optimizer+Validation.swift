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

    /// The gradient as the update sees it: negated when `maximize`, plus `weight_decay * param` (L2) when asked.
    func effectiveGradient(_ gradient: [Float], _ parameter: [Float], group: ParamGroup, l2: Bool = true) -> [Float] {
        var g = group.flag("maximize") ? gradient.map { -$0 } : gradient
        let weightDecay = Float(group.number("weight_decay"))
        if l2 && weightDecay != 0 {
            for i in g.indices { g[i] += weightDecay * parameter[i] }
        }
        return g
    }

    /// Applies the group's weight decay and returns the gradient the update uses: decoupled
    /// (AdamW: the parameter shrinks by `lr * weight_decay` first, Loshchilov & Hutter 2019)
    /// when `decoupled_weight_decay` is set, as L2 added to the gradient otherwise.
    func decayedGradient(_ gradient: [Float], _ parameter: inout [Float], group: ParamGroup) -> [Float] {
        let weightDecay = group.number("weight_decay")
        let decoupled = group.flag("decoupled_weight_decay")
        if decoupled && weightDecay != 0 {
            let keep = Float(1 - group.learningRate * weightDecay)
            for i in parameter.indices { parameter[i] *= keep }
        }
        return effectiveGradient(gradient, parameter, group: group, l2: !decoupled)
    }
}
