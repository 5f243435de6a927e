import Foundation

/// RAdam: Adam whose adaptive step is rectified while the variance estimate is unreliable.
///
/// Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond" (ICLR 2020).
public final class RAdam: TypedOptimizer<AdamOptions> {
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
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        state: inout ParameterState, options o: AdamOptions
    ) {
        let n = parameter.count
        state.step += 1
        let step = Double(state.step)
        let (beta1, beta2) = (o.beta1, o.beta2)
        var expAvg = state.take("exp_avg", count: n), expAvgSq = state.take("exp_avg_sq", count: n)
        let correction1 = Float(1 - pow(beta1, step))
        let correction2 = 1 - pow(beta2, step)
        let rhoInf = 2 / (1 - beta2) - 1
        let rhoT = rhoInf - 2 * step * pow(beta2, step) / correction2
        let rect: Float? =
            rhoT > 5
            ? Float(((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT)).squareRoot()) : nil
        let correction2Sqrt = Float(correction2.squareRoot())
        let flr = Float(o.learningRate)
        for i in 0..<n {
            let g = o.terms.apply(gradient[i], to: &parameter[i])
            o.moments(&expAvg[i], &expAvgSq[i], g)
            let corrected = expAvg[i] / correction1
            if let rect {
                let adaptive = correction2Sqrt / (expAvgSq[i].squareRoot() + o.eps)
                parameter[i] -= corrected * flr * adaptive * rect
            } else {
                parameter[i] -= corrected * flr
            }
        }
        state.buffers["exp_avg"] = expAvg
        state.buffers["exp_avg_sq"] = expAvgSq
    }
}
