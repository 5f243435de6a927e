import Foundation

/// Averaged stochastic gradient descent: SGD with a decaying step and a running average `ax` of the iterates.
///
/// Polyak and Juditsky, "Acceleration of Stochastic Approximation by Averaging" (SIAM J. Control
/// Optim. 1992).
public final class ASGD: Optimizer {
    /// - Parameters:
    ///   - params: parameters of a first group (may be empty when `paramGroups` are given).
    ///   - paramGroups: further groups with their own options.
    ///   - learningRate: `lr`; lambd (decay term), alpha (power for eta), t0 (step at which averaging
    ///     starts), weightDecay, maximize: PyTorch's options.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 1e-2, lambd: Double = 1e-4,
        alpha: Double = 0.75, t0: Double = 1e6, weightDecay: Double = 0, maximize: Bool = false
    ) throws {
        try super.init(
            params: params, paramGroups: paramGroups,
            defaults: [
                "lr": .number(learningRate), "lambd": .number(lambd), "alpha": .number(alpha), "t0": .number(t0),
                "weight_decay": .number(weightDecay), "maximize": .flag(maximize),
            ])
    }

    override public func validate(_ group: ParamGroup) throws {
        try requireNonNegative(group, "lr", "learning rate")
        try requireNonNegative(group, "weight_decay", "weight_decay value")
    }

    override public func update(
        _ parameter: inout [Float], gradient: [Float], state: inout ParameterState, group: ParamGroup
    ) {
        let g = effectiveGradient(gradient, parameter, group: group)
        let n = parameter.count
        let lr = group.learningRate, lambd = group.number("lambd")
        // eta and mu are float32 scalars in PyTorch's state.
        let eta = state.scalars["eta"] ?? Double(Float(lr))
        let mu = state.scalars["mu"] ?? 1
        var ax = state.buffers["ax"] ?? [Float](repeating: 0, count: n)
        state.step += 1
        let step = Double(state.step)
        let decay = Float(1 - lambd * eta), feta = Float(eta)
        for i in 0..<n {
            parameter[i] *= decay
            parameter[i] += -feta * g[i]
        }
        if mu != 1 {
            let fmu = Float(mu)
            for i in 0..<n { ax[i] += (parameter[i] - ax[i]) * fmu }
        } else {
            ax = parameter
        }
        state.buffers["ax"] = ax
        state.scalars["eta"] = Double(Float(lr / pow(1 + lambd * lr * step, group.number("alpha"))))
        state.scalars["mu"] = Double(Float(1 / max(1, step - group.number("t0"))))
    }
}
