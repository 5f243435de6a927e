import Foundation

/// Adamax: Adam with the infinity norm of past gradients in place of their second moment.
///
/// Kingma and Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015), section 7.1.
public final class Adamax: TypedOptimizer<AdamOptions> {
    /// - Parameters:
    ///   - params: parameters of a first group (may be empty when `paramGroups` are given).
    ///   - paramGroups: further groups with their own options.
    ///   - learningRate: `lr`; betas, eps, weightDecay, maximize: PyTorch's options.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 2e-3,
        betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 0, maximize: Bool = false
    ) throws {
        try super.init(
            params: params, paramGroups: paramGroups,
            defaults: [
                "lr": .number(learningRate), "betas": .numbers([betas.0, betas.1]), "eps": .number(eps),
                "weight_decay": .number(weightDecay), "maximize": .flag(maximize),
            ])
    }

    override public func validate(_ group: ParamGroup) throws { try validateAdamFamily(group) }

    override public func update(
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        state: inout ParameterState, options o: AdamOptions
    ) {
        let n = parameter.count
        state.step += 1
        var expAvg = state.take("exp_avg", count: n), expInf = state.take("exp_inf", count: n)
        let clr = Float(o.learningRate / (1 - pow(o.beta1, Double(state.step))))
        for i in 0..<n {
            let g = o.l2Terms.apply(gradient[i], to: &parameter[i])
            expAvg[i] += o.w1 * (g - expAvg[i])
            expInf[i] = max(expInf[i] * o.b2, abs(g) + o.eps)
            parameter[i] += -clr * expAvg[i] / expInf[i]
        }
        state.buffers["exp_avg"] = expAvg
        state.buffers["exp_inf"] = expInf
    }
}
