/// Adadelta: steps scaled by the ratio of running RMS of past updates to running RMS of gradients.
///
/// Zeiler, "ADADELTA: An Adaptive Learning Rate Method" (2012).
public final class Adadelta: Optimizer {
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
        _ parameter: inout [Float], gradient: [Float], state: inout ParameterState, group: ParamGroup
    ) {
        let g = effectiveGradient(gradient, parameter, group: group)
        let n = parameter.count
        state.step += 1
        var squareAvg = state.buffers["square_avg"] ?? [Float](repeating: 0, count: n)
        var accDelta = state.buffers["acc_delta"] ?? [Float](repeating: 0, count: n)
        let rho = Float(group.number("rho")), keep = Float(1 - group.number("rho"))
        let eps = Float(group.number("eps")), lr = Float(group.learningRate)
        for i in 0..<n {
            squareAvg[i] = squareAvg[i] * rho + keep * g[i] * g[i]
            let std = (squareAvg[i] + eps).squareRoot()
            let delta = (accDelta[i] + eps).squareRoot() / std * g[i]
            accDelta[i] = accDelta[i] * rho + keep * delta * delta
            parameter[i] += -lr * delta
        }
        state.buffers["square_avg"] = squareAvg
        state.buffers["acc_delta"] = accDelta
    }
}
