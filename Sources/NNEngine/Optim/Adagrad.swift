/// Adagrad: per-coordinate steps scaled by the root of the summed squared gradients, with learning-rate decay.
///
/// Duchi, Hazan and Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
/// Optimization" (JMLR 2011).
public final class Adagrad: Optimizer {
    /// - Parameters:
    ///   - params: parameters of a first group (may be empty when `paramGroups` are given).
    ///   - paramGroups: further groups with their own options.
    ///   - learningRate: `lr`; lrDecay, weightDecay, initialAccumulatorValue, eps, maximize: PyTorch's options.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 1e-2, lrDecay: Double = 0,
        weightDecay: Double = 0, initialAccumulatorValue: Double = 0, eps: Double = 1e-10, maximize: Bool = false
    ) throws {
        try super.init(
            params: params, paramGroups: paramGroups,
            defaults: [
                "lr": .number(learningRate), "lr_decay": .number(lrDecay), "weight_decay": .number(weightDecay),
                "initial_accumulator_value": .number(initialAccumulatorValue), "eps": .number(eps),
                "maximize": .flag(maximize),
            ])
    }

    override public func validate(_ group: ParamGroup) throws {
        try requireNonNegative(group, "lr", "learning rate")
        try requireNonNegative(group, "lr_decay", "lr_decay value")
        try requireNonNegative(group, "weight_decay", "weight_decay value")
        try requireNonNegative(group, "initial_accumulator_value", "initial_accumulator_value value")
        try requireNonNegative(group, "eps", "epsilon value")
    }

    override public func update(
        _ parameter: inout [Float], gradient: [Float], state: inout ParameterState, group: ParamGroup
    ) {
        let g = effectiveGradient(gradient, parameter, group: group)
        let n = parameter.count
        state.step += 1
        var sum = state.buffers["sum"]
            ?? [Float](repeating: Float(group.number("initial_accumulator_value")), count: n)
        let clr = Float(group.learningRate / (1 + Double(state.step - 1) * group.number("lr_decay")))
        let eps = Float(group.number("eps"))
        for i in 0..<n {
            sum[i] += g[i] * g[i]
            parameter[i] += -clr * g[i] / (sum[i].squareRoot() + eps)
        }
        state.buffers["sum"] = sum
    }
}
