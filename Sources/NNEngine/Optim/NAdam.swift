import Foundation

/// NAdam: Adam with Nesterov momentum and a momentum-decay schedule, optionally with decoupled weight decay.
///
/// Dozat, "Incorporating Nesterov Momentum into Adam" (ICLR 2016 workshop).
public final class NAdam: AdamFamily {
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
            params, paramGroups: paramGroups, learningRate: learningRate, betas: betas, eps: eps,
            weightDecay: weightDecay, maximize: maximize,
            options: ["momentum_decay": .number(momentumDecay), "decoupled_weight_decay": .flag(decoupledWeightDecay)])
    }

    override public func validate(_ group: ParamGroup) throws {
        try super.validate(group)
        try requireNonNegative(group, "momentum_decay", "momentum_decay value")
    }

    override func update(
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        moments m: inout (first: [Float], second: [Float]), state: inout ParameterState, options o: AdamOptions
    ) {
        let step = Double(state.step)
        let lr = o.learningRate, beta1 = o.beta1
        let mu = beta1 * (1 - 0.5 * pow(0.96, step * o.momentumDecay))
        let muNext = beta1 * (1 - 0.5 * pow(0.96, (step + 1) * o.momentumDecay))
        // PyTorch keeps the product as a float32 scalar.
        let muProduct = Double(Float(state.scalars["mu_product"] ?? 1) * Float(mu))
        state.scalars["mu_product"] = muProduct
        let correction2 = Float(1 - pow(o.beta2, step))
        let gradStep = Float(-lr * (1 - mu) / (1 - muProduct))
        let avgStep = Float(-lr * muNext / (1 - muProduct * muNext))
        for i in 0..<parameter.count {
            let g = o.terms.apply(gradient[i], to: &parameter[i])
            o.moments(&m.first[i], &m.second[i], g)
            let denom = (m.second[i] / correction2).squareRoot() + o.eps
            parameter[i] += gradStep * g / denom
            parameter[i] += avgStep * m.first[i] / denom
        }
    }
}
