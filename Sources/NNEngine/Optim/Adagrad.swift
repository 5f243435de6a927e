/// Adagrad: per-coordinate steps scaled by the root of the summed squared gradients, with learning-rate decay.
///
/// Duchi, Hazan and Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
/// Optimization" (JMLR 2011). As in PyTorch, every accumulator starts at the constructor's
/// `initialAccumulatorValue`: a group's `initial_accumulator_value` is never read, and the
/// parameters given at construction get their state (step 0) at once.
public final class Adagrad: TypedOptimizer<AdagradOptions> {
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
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        state: inout ParameterState, options o: AdagradOptions
    ) {
        let n = parameter.count
        if state.buffers["sum"] == nil { state = initialState(count: n) }
        state.step += 1
        var sum = state.take("sum", count: n)
        let clr = Float(o.learningRate / (1 + Double(state.step - 1) * o.lrDecay))
        for i in 0..<n {
            let g = o.terms.apply(gradient[i], to: &parameter[i])
            sum[i] += g * g
            parameter[i] += -clr * g / (sum[i].squareRoot() + o.eps)
        }
        state.buffers["sum"] = sum
    }
}

/// Adagrad's options of one group.
public struct AdagradOptions: GroupOptions {
    public let learningRate, lrDecay: Double
    public let eps: Float
    public let terms: GradientTerms

    public init(_ group: ParamGroup) {
        learningRate = group.learningRate
        lrDecay = group.number("lr_decay")
        eps = Float(group.number("eps"))
        terms = GradientTerms(group)
    }
}
