import Foundation

/// Adamax: Adam with the infinity norm of past gradients in place of their second moment.
///
/// Kingma and Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015), section 7.1.
public final class Adamax: Optimizer {
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
        _ parameter: inout [Float], gradient: [Float], state: inout ParameterState, group: ParamGroup
    ) {
        let g = effectiveGradient(gradient, parameter, group: group)
        let n = parameter.count
        state.step += 1
        let (beta1, beta2) = group.pair("betas")
        var expAvg = state.buffers["exp_avg"] ?? [Float](repeating: 0, count: n)
        var expInf = state.buffers["exp_inf"] ?? [Float](repeating: 0, count: n)
        let w1 = Float(1 - beta1), b2 = Float(beta2), eps = Float(group.number("eps"))
        let clr = Float(group.learningRate / (1 - pow(beta1, Double(state.step))))
        for i in 0..<n {
            expAvg[i] += w1 * (g[i] - expAvg[i])
            expInf[i] = max(expInf[i] * b2, abs(g[i]) + eps)
            parameter[i] += -clr * expAvg[i] / expInf[i]
        }
        state.buffers["exp_avg"] = expAvg
        state.buffers["exp_inf"] = expInf
    }
}
