import Foundation

/// Adam, with AMSGrad and (with `decoupledWeightDecay`) AdamW's decoupled weight decay.
///
/// Kingma and Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015); AMSGrad: Reddi et al.,
/// "On the Convergence of Adam and Beyond" (ICLR 2018).
public class Adam: Optimizer {
    /// - Parameters:
    ///   - params: parameters of a first group (may be empty when `paramGroups` are given).
    ///   - paramGroups: further groups with their own options.
    ///   - learningRate: `lr`; betas, eps, weightDecay, amsgrad, maximize, decoupledWeightDecay: PyTorch's options.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 1e-3,
        betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false,
        maximize: Bool = false, decoupledWeightDecay: Bool = false
    ) throws {
        try super.init(
            params: params, paramGroups: paramGroups,
            defaults: [
                "lr": .number(learningRate), "betas": .numbers([betas.0, betas.1]), "eps": .number(eps),
                "weight_decay": .number(weightDecay), "amsgrad": .flag(amsgrad), "maximize": .flag(maximize),
                "decoupled_weight_decay": .flag(decoupledWeightDecay),
            ])
    }

    override public func validate(_ group: ParamGroup) throws { try validateAdamFamily(group) }

    override public func update(
        _ parameter: inout [Float], gradient: [Float], state: inout ParameterState, group: ParamGroup
    ) {
        let lr = group.learningRate
        let g = decayedGradient(gradient, &parameter, group: group)
        let n = parameter.count
        state.step += 1
        let step = Double(state.step)
        let (beta1, beta2) = group.pair("betas")
        var expAvg = state.buffers["exp_avg"] ?? [Float](repeating: 0, count: n)
        var expAvgSq = state.buffers["exp_avg_sq"] ?? [Float](repeating: 0, count: n)
        let w1 = Float(1 - beta1), b2 = Float(beta2), w2 = Float(1 - beta2)
        for i in 0..<n {
            expAvg[i] += w1 * (g[i] - expAvg[i])
            expAvgSq[i] = expAvgSq[i] * b2 + w2 * g[i] * g[i]
        }
        state.buffers["exp_avg"] = expAvg
        state.buffers["exp_avg_sq"] = expAvgSq
        var second = expAvgSq
        if group.flag("amsgrad") {
            var maxSq = state.buffers["max_exp_avg_sq"] ?? [Float](repeating: 0, count: n)
            for i in 0..<n { maxSq[i] = max(maxSq[i], expAvgSq[i]) }
            state.buffers["max_exp_avg_sq"] = maxSq
            second = maxSq
        }
        let stepSize = Float(lr / (1 - pow(beta1, step)))
        let correction2Sqrt = Float((1 - pow(beta2, step)).squareRoot())
        let eps = Float(group.number("eps"))
        for i in 0..<n {
            let denom = second[i].squareRoot() / correction2Sqrt + eps
            parameter[i] += -stepSize * expAvg[i] / denom
        }
    }
}
