/// Rprop: per-coordinate step sizes grown or shrunk by the sign agreement of successive gradients.
///
/// Riedmiller and Braun, "A Direct Adaptive Method for Faster Backpropagation Learning: The RPROP
/// Algorithm" (ICNN 1993).
public final class Rprop: TypedOptimizer<RpropOptions> {
    /// - Parameters:
    ///   - params: parameters of a first group (may be empty when `paramGroups` are given).
    ///   - paramGroups: further groups with their own options.
    ///   - learningRate: `lr` (initial step size); etas (decrease, increase), stepSizes (min, max), maximize.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 1e-2,
        etas: (Double, Double) = (0.5, 1.2), stepSizes: (Double, Double) = (1e-6, 50), maximize: Bool = false
    ) throws {
        try super.init(
            params: params, paramGroups: paramGroups,
            defaults: [
                "lr": .number(learningRate), "etas": .numbers([etas.0, etas.1]),
                "step_sizes": .numbers([stepSizes.0, stepSizes.1]), "maximize": .flag(maximize),
            ])
    }

    override public func validate(_ group: ParamGroup) throws {
        try requireNonNegative(group, "lr", "learning rate")
        let (minus, plus) = group.pair("etas")
        guard 0 < minus, minus < 1, 1 < plus else {
            throw OptimizerError.invalidHyperparameter("Invalid eta values: \(minus), \(plus)")
        }
    }

    override public func update(
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        state: inout ParameterState, options o: RpropOptions
    ) {
        let n = parameter.count
        state.step += 1
        var prev = state.take("prev", count: n)
        var stepSize = state.take("step_size", count: n, fill: o.learningRate)
        for i in 0..<n {
            let g = o.terms.apply(gradient[i], to: &parameter[i])
            let agreement = g * prev[i]
            let factor: Float = agreement > 0 ? o.etaPlus : agreement < 0 ? o.etaMinus : 1
            stepSize[i] = min(max(stepSize[i] * factor, o.lowest), o.highest)
            let grad: Float = agreement < 0 ? 0 : g
            let sign: Float = grad > 0 ? 1 : grad < 0 ? -1 : 0
            parameter[i] -= sign * stepSize[i]
            prev[i] = grad
        }
        state.buffers["prev"] = prev
        state.buffers["step_size"] = stepSize
    }
}

/// Rprop's options of one group.
public struct RpropOptions: GroupOptions {
    public let learningRate, etaMinus, etaPlus, lowest, highest: Float
    /// The gradient's sign (Rprop takes no weight decay).
    public let terms: GradientTerms

    public init(_ group: ParamGroup) {
        learningRate = Float(group.learningRate)
        let (minus, plus) = group.pair("etas"), (low, high) = group.pair("step_sizes")
        etaMinus = Float(minus)
        etaPlus = Float(plus)
        lowest = Float(low)
        highest = Float(high)
        terms = GradientTerms(group, decays: false)
    }
}
