import Foundation

/// NAdam: Adam with Nesterov momentum and a momentum-decay schedule, optionally with decoupled weight decay.
///
/// Dozat, "Incorporating Nesterov Momentum into Adam" (ICLR 2016 workshop).
public final class NAdam: Optimizer {
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
        _ parameter: inout [Float], gradient: [Float], state: inout ParameterState, group: ParamGroup
    ) {
        let lr = group.learningRate
        let g = decayedGradient(gradient, &parameter, group: group)
        let n = parameter.count
        state.step += 1
        let step = Double(state.step)
        let (beta1, beta2) = group.pair("betas")
        let momentumDecay = group.number("momentum_decay")
        let mu = beta1 * (1 - 0.5 * pow(0.96, step * momentumDecay))
        let muNext = beta1 * (1 - 0.5 * pow(0.96, (step + 1) * momentumDecay))
        // PyTorch keeps the product as a float32 scalar.
        let muProduct = Double(Float(state.scalars["mu_product"] ?? 1) * Float(mu))
        state.scalars["mu_product"] = muProduct
        var expAvg = state.buffers["exp_avg"] ?? [Float](repeating: 0, count: n)
        var expAvgSq = state.buffers["exp_avg_sq"] ?? [Float](repeating: 0, count: n)
        let w1 = Float(1 - beta1), b2 = Float(beta2), w2 = Float(1 - beta2), eps = Float(group.number("eps"))
        let correction2 = Float(1 - pow(beta2, step))
        let gradStep = Float(-lr * (1 - mu) / (1 - muProduct))
        let avgStep = Float(-lr * muNext / (1 - muProduct * muNext))
        for i in 0..<n {
            expAvg[i] += w1 * (g[i] - expAvg[i])
            expAvgSq[i] = expAvgSq[i] * b2 + w2 * g[i] * g[i]
            let denom = (expAvgSq[i] / correction2).squareRoot() + eps
            parameter[i] += gradStep * g[i] / denom
            parameter[i] += avgStep * expAvg[i] / denom
        }
        state.buffers["exp_avg"] = expAvg
        state.buffers["exp_avg_sq"] = expAvgSq
    }
}
