/// The base of Adam, Adamax, NAdam and RAdam: their shared options and checks, the step count and
/// the two moment buffers each keeps per parameter.
///
/// Kingma and Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015).
public class AdamFamily: TypedOptimizer<AdamOptions> {
    /// The name of the second buffer: `exp_avg_sq`, or Adamax's `exp_inf`.
    class var secondMoment: String { "exp_avg_sq" }

    /// An optimizer with PyTorch's `lr`, `betas`, `eps`, `weight_decay` and `maximize`, and `options` of its own.
    init(
        _ params: [Tensor], paramGroups: [ParamGroup], learningRate: Double, betas: (Double, Double), eps: Double,
        weightDecay: Double, maximize: Bool, options: [String: Hyperparameter]
    ) throws {
        let shared: [String: Hyperparameter] = [
            "lr": .number(learningRate), "betas": .numbers([betas.0, betas.1]), "eps": .number(eps),
            "weight_decay": .number(weightDecay), "maximize": .flag(maximize),
        ]
        try super.init(params: params, paramGroups: paramGroups, defaults: shared.merging(options) { $1 })
    }

    override public func validate(_ group: ParamGroup) throws { try validateAdamFamily(group) }

    /// Counts the step and takes the moments out of `state` for `update(_:gradient:moments:state:options:)`.
    override public final func update(
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        state: inout ParameterState, options: AdamOptions
    ) {
        state.step += 1
        let second = Self.secondMoment
        var moments = (
            first: state.take("exp_avg", count: parameter.count), second: state.take(second, count: parameter.count)
        )
        update(parameter, gradient: gradient, moments: &moments, state: &state, options: options)
        state.buffers["exp_avg"] = moments.first
        state.buffers[second] = moments.second
    }

    /// Applies one update with the parameter's first moment (`exp_avg`) and second buffer; `state.step`
    /// already counts this step.
    func update(
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        moments: inout (first: [Float], second: [Float]), state: inout ParameterState, options: AdamOptions
    ) {
        preconditionFailure("\(type(of: self)) must override update(_:gradient:moments:state:options:)")
    }
}
