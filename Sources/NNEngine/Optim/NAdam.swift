import Foundation

/// NAdam: Adam with Nesterov momentum and a momentum-decay schedule, optionally with decoupled weight decay.
///
/// Dozat, "Incorporating Nesterov Momentum into Adam" (ICLR 2016 workshop).
public final class NAdam: TypedOptimizer<AdamOptions> {
    /// - Parameters:
    ///   - params: parameters of a first group (may be empty when `paramGroups` are given).
    ///   - paramGroups: further groups with their own options.
    ///   - learningRate: `lr`; betas, eps, weightDecay, momentumDecay, decoupledWeightDecay, maximize: PyTorch's options.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 2e-3,
        betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 0,
        momentumDecay: Double = 4e-3, decoupledWeightDecay: Bool = false, maximize: Bool = false
    ) throws {
        try super.init(
            params: params, paramGroups: paramGroups,
            defaults: [
                "lr": .number(learningRate), "betas": .numbers([betas.0, betas.1]), "eps": .number(eps),
                "weight_decay": .number(weightDecay), "momentum_decay": .number(momentumDecay),
                "decoupled_weight_decay": .flag(decoupledWeightDecay), "maximize": .flag(maximize),
            ])
    }

    override public func validate(_ group: ParamGroup) throws {
        try validateAdamFamily(group)
        try requireNonNegative(group, "momentum_decay", "momentum_decay value")
    }

    override public func update(
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        state: inout ParameterState, options o: AdamOptions
    ) {
        let n = parameter.count
        state.step += 1
        let step = Double(state.step)
        let lr = o.learningRate, beta1 = o.beta1
        let mu = beta1 * (1 - 0.5 * pow(0.96, step * o.momentumDecay))
        let muNext = beta1 * (1 - 0.5 * pow(0.96, (step + 1) * o.momentumDecay))
        // PyTorch keeps the product as a float32 scalar.
        let muProduct = Double(Float(state.scalars["mu_product"] ?? 1) * Float(mu))
        state.scalars["mu_product"] = muProduct
        var expAvg = state.take("exp_avg", count: n), expAvgSq = state.take("exp_avg_sq", count: n)
        let correction2 = Float(1 - pow(o.beta2, step))
        let gradStep = Float(-lr * (1 - mu) / (1 - muProduct))
        let avgStep = Float(-lr * muNext / (1 - muProduct * muNext))
        for i in 0..<n {
            let g = o.terms.apply(gradient[i], to: &parameter[i])
            o.moments(&expAvg[i], &expAvgSq[i], g)
            let denom = (expAvgSq[i] / correction2).squareRoot() + o.eps
            parameter[i] += gradStep * g / denom
            parameter[i] += avgStep * expAvg[i] / denom
        }
        state.buffers["exp_avg"] = expAvg
        state.buffers["exp_avg_sq"] = expAvgSq
    }
}
