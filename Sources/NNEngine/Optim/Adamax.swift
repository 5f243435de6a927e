import Foundation

/// Adamax: Adam with the infinity norm of past gradients in place of their second moment.
///
/// Kingma and Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015), section 7.1.
public final class Adamax: AdamFamily {
    /// - Parameters:
    ///   - params: parameters of a first group (may be empty when `paramGroups` are given).
    ///   - paramGroups: further groups with their own options.
    ///   - learningRate: `lr`; betas, eps, weightDecay, maximize: PyTorch's options.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 2e-3,
        betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 0, maximize: Bool = false
    ) throws {
        try super.init(
            params, paramGroups: paramGroups, learningRate: learningRate, betas: betas, eps: eps,
            weightDecay: weightDecay, maximize: maximize, options: [:])
    }

    override class var secondMoment: String { "exp_inf" }

    override func update(
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        moments m: inout (first: [Float], second: [Float]), state: inout ParameterState, options o: AdamOptions
    ) {
        let clr = Float(o.learningRate / (1 - pow(o.beta1, Double(state.step))))
        for i in 0..<parameter.count {
            let g = o.l2Terms.apply(gradient[i], to: &parameter[i])
            m.first[i] += o.w1 * (g - m.first[i])
            m.second[i] = max(m.second[i] * o.b2, abs(g) + o.eps)
            parameter[i] += -clr * m.first[i] / m.second[i]
        }
    }
}
