/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight decay.
///
/// PyTorch's formulation: `b = momentum * b + (1 - dampening) * g`; Nesterov uses `g + momentum * b`.
/// Nesterov momentum: Sutskever et al., "On the importance of initialization and momentum in deep
/// learning" (ICML 2013).
public final class SGD: Optimizer {
    /// - Parameters:
    ///   - params: parameters of a first group (may be empty when `paramGroups` are given).
    ///   - paramGroups: further groups with their own options.
    ///   - learningRate: `lr`; momentum, dampening, weightDecay, nesterov, maximize: PyTorch's options.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 1e-3, momentum: Double = 0,
        dampening: Double = 0, weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false
    ) throws {
        try super.init(
            params: params, paramGroups: paramGroups,
            defaults: [
                "lr": .number(learningRate), "momentum": .number(momentum), "dampening": .number(dampening),
                "weight_decay": .number(weightDecay), "nesterov": .flag(nesterov), "maximize": .flag(maximize),
            ])
    }

    override public func validate(_ group: ParamGroup) throws {
        try requireNonNegative(group, "lr", "learning rate")
        try requireNonNegative(group, "momentum", "momentum value")
        try requireNonNegative(group, "weight_decay", "weight_decay value")
        if group.flag("nesterov") && (group.number("momentum") <= 0 || group.number("dampening") != 0) {
            throw OptimizerError.invalidHyperparameter("Nesterov momentum requires a momentum and zero dampening")
        }
    }

    override public func update(
        _ parameter: inout [Float], gradient: [Float], state: inout ParameterState, group: ParamGroup
    ) {
        var g = effectiveGradient(gradient, parameter, group: group)
        let momentum = Float(group.number("momentum"))
        if momentum != 0 {
            var buffer: [Float]
            if let previous = state.buffers["momentum_buffer"] {
                buffer = previous
                let keep = 1 - Float(group.number("dampening"))
                for i in buffer.indices { buffer[i] = buffer[i] * momentum + keep * g[i] }
            } else {
                buffer = g
            }
            state.buffers["momentum_buffer"] = buffer
            if group.flag("nesterov") {
                for i in g.indices { g[i] += momentum * buffer[i] }
            } else {
                g = buffer
            }
        }
        let step = Float(-group.learningRate)
        for i in parameter.indices { parameter[i] += step * g[i] }
    }
}
