/// AdamW: Adam with weight decay decoupled from the gradient (default `weightDecay` 0.01).
///
/// Loshchilov and Hutter, "Decoupled Weight Decay Regularization" (ICLR 2019).
public final class AdamW: Adam {
    /// - Parameters: as `Adam`, with decoupled weight decay always on.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 1e-3,
        betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 1e-2, amsgrad: Bool = false,
        maximize: Bool = false
    ) throws {
        try super.init(
            params, paramGroups: paramGroups, learningRate: learningRate, betas: betas, eps: eps,
            weightDecay: weightDecay, amsgrad: amsgrad, maximize: maximize, decoupledWeightDecay: true)
    }
}
