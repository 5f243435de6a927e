/// Adadelta: steps scaled by the ratio of running RMS of past updates to running RMS of gradients.
///
/// Zeiler, "ADADELTA: An Adaptive Learning Rate Method" (2012).
public final class Adadelta: TypedOptimizer<AdadeltaOptions> {
    /// - Parameters:
    ///   - params: parameters of a first group (may be empty when `paramGroups` are given).
    ///   - paramGroups: further groups with their own options.
    ///   - learningRate: `lr`; rho, eps, weightDecay, maximize: PyTorch's options.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 1, rho: Double = 0.9,
        eps: Double = 1e-6, weightDecay: Double = 0, maximize: Bool = false
    ) throws {
        try super.init(
            params: params, paramGroups: paramGroups,
            defaults: [
                "lr": .number(learningRate), "rho": .number(rho), "eps": .number(eps),
                "weight_decay": .number(weightDecay), "maximize": .flag(maximize),
            ])
    }

    override public func validate(_ group: ParamGroup) throws {
        try requireNonNegative(group, "lr", "learning rate")
        let rho = group.number("rho")
        guard (0...1).contains(rho) else { throw OptimizerError.invalidHyperparameter("Invalid rho value: \(rho)") }
        try requireNonNegative(group, "eps", "epsilon value")
        try requireNonNegative(group, "weight_decay", "weight_decay value")
    }

    override public func update(
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        state: inout ParameterState, options o: AdadeltaOptions
    ) {
        let n = parameter.count
        state.step += 1
        var squareAvg = state.take("square_avg", count: n), accDelta = state.take("acc_delta", count: n)
        let rho = o.rho, keep = o.keep, eps = o.eps, lr = o.learningRate
        for i in 0..<n {
            let g = o.terms.apply(gradient[i], to: &parameter[i])
            squareAvg[i] = squareAvg[i] * rho + keep * g * g
            let std = (squareAvg[i] + eps).squareRoot()
            let delta = (accDelta[i] + eps).squareRoot() / std * g
            accDelta[i] = accDelta[i] * rho + keep * delta * delta
            parameter[i] += -lr * delta
        }
        state.buffers["square_avg"] = squareAvg
        state.buffers["acc_delta"] = accDelta
    }
}

/// Adadelta's options of one group.
public struct AdadeltaOptions: GroupOptions {
    public let learningRate, rho, keep, eps: Float
    public let terms: GradientTerms

    public init(_ group: ParamGroup) {
        learningRate = Float(group.learningRate)
        rho = Float(group.number("rho"))
        keep = Float(1 - group.number("rho"))
        eps = Float(group.number("eps"))
        terms = GradientTerms(group)
    }
}
