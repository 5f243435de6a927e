/// Adagrad: per-coordinate steps scaled by the root of the summed squared gradients, with learning-rate decay.
///
/// Duchi, Hazan and Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
/// Optimization" (JMLR 2011). As in PyTorch, every accumulator starts at the constructor's
/// `initialAccumulatorValue`: a group's `initial_accumulator_value` is never read, and the
/// parameters given at construction get their state (step 0) at once.
public final class Adagrad: Optimizer {
    /// - Parameters:
    ///   - params: parameters of a first group (may be empty when `paramGroups` are given).
    ///   - paramGroups: further groups with their own options.
    ///   - learningRate: `lr`; lrDecay, weightDecay, initialAccumulatorValue, eps, maximize: PyTorch's options.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 1e-2, lrDecay: Double = 0,
        weightDecay: Double = 0, initialAccumulatorValue: Double = 0, eps: Double = 1e-10, maximize: Bool = false
    ) throws {
        guard initialAccumulatorValue >= 0 else {
            throw OptimizerError.invalidHyperparameter("Invalid initial_accumulator_value value: \(initialAccumulatorValue)")
        }
        try super.init(
            params: params, paramGroups: paramGroups,
            defaults: [
                "lr": .number(learningRate), "lr_decay": .number(lrDecay), "weight_decay": .number(weightDecay),
                "initial_accumulator_value": .number(initialAccumulatorValue), "eps": .number(eps),
                "maximize": .flag(maximize),
            ])
        for p in orderedParams { state[ObjectIdentifier(p)] = initialState(count: p.count) }
    }

    /// A parameter's state before its first step: step 0 and the accumulator filled.
    private func initialState(count: Int) -> ParameterState {
        var fresh = ParameterState()
        fresh.buffers["sum"] = [Float](repeating: Float(defaults["initial_accumulator_value"]?.number ?? 0), count: count)
        return fresh
    }

    override public func validate(_ group: ParamGroup) throws {
        try requireNonNegative(group, "lr", "learning rate")
        try requireNonNegative(group, "lr_decay", "lr_decay value")
        try requireNonNegative(group, "weight_decay", "weight_decay value")
        try requireNonNegative(group, "eps", "epsilon value")
    }

    override public func update(
        _ parameter: inout [Float], gradient: [Float], state: inout ParameterState, group: ParamGroup
    ) {
        let g = effectiveGradient(gradient, parameter, group: group)
        let n = parameter.count
        if state.buffers["sum"] == nil { state = initialState(count: n) }
        state.step += 1
        var sum = state.buffers["sum"] ?? []
        let clr = Float(group.learningRate / (1 + Double(state.step - 1) * group.number("lr_decay")))
        let eps = Float(group.number("eps"))
        for i in 0..<n {
            sum[i] += g[i] * g[i]
            parameter[i] += -clr * g[i] / (sum[i].squareRoot() + eps)
        }
        state.buffers["sum"] = sum
    }
}
