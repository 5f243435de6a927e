import Foundation

/// RAdam: Adam whose adaptive step is rectified while the variance estimate is unreliable.
///
/// Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond" (ICLR 2020).
public final class RAdam: Optimizer {
    /// - Parameters:
    ///   - params: parameters of a first group (may be empty when `paramGroups` are given).
    ///   - paramGroups: further groups with their own options.
    ///   - learningRate: `lr`; betas, eps, weightDecay, decoupledWeightDecay, maximize: PyTorch's options.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 1e-3,
        betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 0,
        decoupledWeightDecay: Bool = false, maximize: Bool = false
    ) throws {
        try super.init(
            params: params, paramGroups: paramGroups,
            defaults: [
                "lr": .number(learningRate), "betas": .numbers([betas.0, betas.1]), "eps": .number(eps),
                "weight_decay": .number(weightDecay), "decoupled_weight_decay": .flag(decoupledWeightDecay),
                "maximize": .flag(maximize),
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
        let w1 = Float(1 - beta1), b2 = Float(beta2), w2 = Float(1 - beta2), eps = Float(group.number("eps"))
        let correction1 = Float(1 - pow(beta1, step))
        let correction2 = 1 - pow(beta2, step)
        let rhoInf = 2 / (1 - beta2) - 1
        let rhoT = rhoInf - 2 * step * pow(beta2, step) / correction2
        let rect: Float? =
            rhoT > 5
            ? Float(((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT)).squareRoot()) : nil
        let correction2Sqrt = Float(correction2.squareRoot())
        let flr = Float(lr)
        for i in 0..<n {
            expAvg[i] += w1 * (g[i] - expAvg[i])
            expAvgSq[i] = expAvgSq[i] * b2 + w2 * g[i] * g[i]
            let corrected = expAvg[i] / correction1
            if let rect {
                let adaptive = correction2Sqrt / (expAvgSq[i].squareRoot() + eps)
                parameter[i] -= corrected * flr * adaptive * rect
            } else {
                parameter[i] -= corrected * flr
            }
        }
        state.buffers["exp_avg"] = expAvg
        state.buffers["exp_avg_sq"] = expAvgSq
    }
}
