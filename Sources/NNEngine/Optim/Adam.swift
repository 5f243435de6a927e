import Foundation

/// Adam, with AMSGrad and (with `decoupledWeightDecay`) AdamW's decoupled weight decay.
///
/// Kingma and Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015); AMSGrad: Reddi et al.,
/// "On the Convergence of Adam and Beyond" (ICLR 2018).
public class Adam: AdamFamily {
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
            params, paramGroups: paramGroups, learningRate: learningRate, betas: betas, eps: eps,
            weightDecay: weightDecay, maximize: maximize,
            options: ["amsgrad": .flag(amsgrad), "decoupled_weight_decay": .flag(decoupledWeightDecay)])
    }

    override func update(
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        moments m: inout (first: [Float], second: [Float]), state: inout ParameterState, options o: AdamOptions
    ) {
        let n = parameter.count, step = Double(state.step)
        var maxSq = o.amsgrad ? state.take("max_exp_avg_sq", count: n) : []
        let stepSize = Float(o.learningRate / (1 - pow(o.beta1, step)))
        let correction2Sqrt = Float((1 - pow(o.beta2, step)).squareRoot())
        for i in 0..<n {
            let g = o.terms.apply(gradient[i], to: &parameter[i])
            o.moments(&m.first[i], &m.second[i], g)
            var second = m.second[i]
            if o.amsgrad {
                maxSq[i] = max(maxSq[i], m.second[i])
                second = maxSq[i]
            }
            let denom = second.squareRoot() / correction2Sqrt + o.eps
            parameter[i] += -stepSize * m.first[i] / denom
        }
        if o.amsgrad { state.buffers["max_exp_avg_sq"] = maxSq }
    }
}
