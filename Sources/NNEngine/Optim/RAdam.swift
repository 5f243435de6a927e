import Foundation

/// RAdam: Adam whose adaptive step is rectified while the variance estimate is unreliable.
///
/// Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond" (ICLR 2020).
public final class RAdam: AdamFamily {
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
            params, paramGroups: paramGroups, learningRate: learningRate, betas: betas, eps: eps,
            weightDecay: weightDecay, maximize: maximize,
            options: ["decoupled_weight_decay": .flag(decoupledWeightDecay)])
    }

    override func update(
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        moments m: inout (first: [Float], second: [Float]), state: inout ParameterState, options o: AdamOptions
    ) {
        let step = Double(state.step)
        let (beta1, beta2) = (o.beta1, o.beta2)
        let correction1 = Float(1 - pow(beta1, step))
        let correction2 = 1 - pow(beta2, step)
        let rhoInf = 2 / (1 - beta2) - 1
        let rhoT = rhoInf - 2 * step * pow(beta2, step) / correction2
        let rect: Float? =
            rhoT > 5
            ? Float(((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT)).squareRoot()) : nil
        let correction2Sqrt = Float(correction2.squareRoot())
        let flr = Float(o.learningRate)
        for i in 0..<parameter.count {
            let g = o.terms.apply(gradient[i], to: &parameter[i])
            o.moments(&m.first[i], &m.second[i], g)
            let corrected = m.first[i] / correction1
            if let rect {
                let adaptive = correction2Sqrt / (m.second[i].squareRoot() + o.eps)
                parameter[i] -= corrected * flr * adaptive * rect
            } else {
                parameter[i] -= corrected * flr
            }
        }
    }
}
