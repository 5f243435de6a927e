/// RMSprop: steps divided by a running root mean square of gradients, optionally centered and with momentum.
///
/// Hinton, "Neural Networks for Machine Learning", lecture 6e (2012); centered form: Graves,
/// "Generating Sequences With Recurrent Neural Networks" (2013).
public final class RMSprop: Optimizer {
    /// - Parameters:
    ///   - params: parameters of a first group (may be empty when `paramGroups` are given).
    ///   - paramGroups: further groups with their own options.
    ///   - learningRate: `lr`; alpha, eps, weightDecay, momentum, centered, maximize: PyTorch's options.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 1e-2, alpha: Double = 0.99,
        eps: Double = 1e-8, weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false,
        maximize: Bool = false
    ) throws {
        try super.init(
            params: params, paramGroups: paramGroups,
            defaults: [
                "lr": .number(learningRate), "alpha": .number(alpha), "eps": .number(eps),
                "weight_decay": .number(weightDecay), "momentum": .number(momentum), "centered": .flag(centered),
                "maximize": .flag(maximize),
            ])
    }

    override public func validate(_ group: ParamGroup) throws {
        try requireNonNegative(group, "lr", "learning rate")
        try requireNonNegative(group, "eps", "epsilon value")
        try requireNonNegative(group, "momentum", "momentum value")
        try requireNonNegative(group, "weight_decay", "weight_decay value")
        try requireNonNegative(group, "alpha", "alpha value")
    }

    override public func update(
        _ parameter: inout [Float], gradient: [Float], state: inout ParameterState, group: ParamGroup
    ) {
        let g = effectiveGradient(gradient, parameter, group: group)
        let n = parameter.count
        state.step += 1
        let alpha = Float(group.number("alpha")), keep = Float(1 - group.number("alpha"))
        let eps = Float(group.number("eps")), lr = Float(group.learningRate)
        let momentum = Float(group.number("momentum")), centered = group.flag("centered")
        var squareAvg = state.buffers["square_avg"] ?? [Float](repeating: 0, count: n)
        var gradAvg = centered ? state.buffers["grad_avg"] ?? [Float](repeating: 0, count: n) : []
        var buffer = momentum > 0 ? state.buffers["momentum_buffer"] ?? [Float](repeating: 0, count: n) : []
        for i in 0..<n {
            squareAvg[i] = squareAvg[i] * alpha + keep * g[i] * g[i]
            var avg: Float
            if centered {
                gradAvg[i] += keep * (g[i] - gradAvg[i])
                avg = (squareAvg[i] - gradAvg[i] * gradAvg[i]).squareRoot()
            } else {
                avg = squareAvg[i].squareRoot()
            }
            avg += eps
            if momentum > 0 {
                buffer[i] = buffer[i] * momentum + g[i] / avg
                parameter[i] += -lr * buffer[i]
            } else {
                parameter[i] += -lr * g[i] / avg
            }
        }
        state.buffers["square_avg"] = squareAvg
        if centered { state.buffers["grad_avg"] = gradAvg }
        if momentum > 0 { state.buffers["momentum_buffer"] = buffer }
    }
}
