/// RMSprop: steps divided by a running root mean square of gradients, optionally centered and with momentum.
///
/// Hinton, "Neural Networks for Machine Learning", lecture 6e (2012); centered form: Graves,
/// "Generating Sequences With Recurrent Neural Networks" (2013).
public final class RMSprop: TypedOptimizer<RMSpropOptions> {
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
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        state: inout ParameterState, options o: RMSpropOptions
    ) {
        let n = parameter.count
        state.step += 1
        let alpha = o.alpha, keep = o.keep, eps = o.eps, lr = o.learningRate
        let momentum = o.momentum, centered = o.centered
        var squareAvg = state.take("square_avg", count: n)
        var gradAvg = centered ? state.take("grad_avg", count: n) : []
        var buffer = momentum > 0 ? state.take("momentum_buffer", count: n) : []
        for i in 0..<n {
            let g = o.terms.apply(gradient[i], to: &parameter[i])
            squareAvg[i] = squareAvg[i] * alpha + keep * g * g
            var avg: Float
            if centered {
                gradAvg[i] += keep * (g - gradAvg[i])
                avg = (squareAvg[i] - gradAvg[i] * gradAvg[i]).squareRoot()
            } else {
                avg = squareAvg[i].squareRoot()
            }
            avg += eps
            if momentum > 0 {
                buffer[i] = buffer[i] * momentum + g / avg
                parameter[i] += -lr * buffer[i]
            } else {
                parameter[i] += -lr * g / avg
            }
        }
        state.buffers["square_avg"] = squareAvg
        if centered { state.buffers["grad_avg"] = gradAvg }
        if momentum > 0 { state.buffers["momentum_buffer"] = buffer }
    }
}

/// RMSprop's options of one group.
public struct RMSpropOptions: GroupOptions {
    public let learningRate, alpha, keep, eps, momentum: Float
    public let centered: Bool
    public let terms: GradientTerms

    public init(_ group: ParamGroup) {
        learningRate = Float(group.learningRate)
        alpha = Float(group.number("alpha"))
        keep = Float(1 - group.number("alpha"))
        eps = Float(group.number("eps"))
        momentum = Float(group.number("momentum"))
        centered = group.flag("centered")
        terms = GradientTerms(group)
    }
}
