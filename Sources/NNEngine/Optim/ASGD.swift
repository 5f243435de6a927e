import Foundation

/// Averaged stochastic gradient descent: SGD with a decaying step and a running average `ax` of the iterates.
///
/// Polyak and Juditsky, "Acceleration of Stochastic Approximation by Averaging" (SIAM J. Control
/// Optim. 1992).
public final class ASGD: TypedOptimizer<ASGDOptions> {
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
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        state: inout ParameterState, options o: ASGDOptions
    ) {
        let n = parameter.count
        let lr = o.learningRate, lambd = o.lambd
        // eta and mu are float32 scalars in PyTorch's state.
        let eta = state.scalars["eta"] ?? Double(Float(lr))
        let mu = state.scalars["mu"] ?? 1
        var ax = state.take("ax", count: n)
        state.step += 1
        let step = Double(state.step)
        let decay = Float(1 - lambd * eta), feta = Float(eta), fmu = Float(mu)
        for i in 0..<n {
            let g = o.terms.apply(gradient[i], to: &parameter[i])
            parameter[i] *= decay
            parameter[i] += -feta * g
            if mu != 1 {
                ax[i] += (parameter[i] - ax[i]) * fmu
            } else {
                ax[i] = parameter[i]
            }
        }
        state.buffers["ax"] = ax
        state.scalars["eta"] = Double(Float(lr / pow(1 + lambd * lr * step, o.alpha)))
        state.scalars["mu"] = Double(Float(1 / max(1, step - o.t0)))
    }
}

/// ASGD's options of one group.
public struct ASGDOptions: GroupOptions {
    public let learningRate, lambd, alpha, t0: Double
    public let terms: GradientTerms

    public init(_ group: ParamGroup) {
        learningRate = group.learningRate
        lambd = group.number("lambd")
        alpha = group.number("alpha")
        t0 = group.number("t0")
        terms = GradientTerms(group)
    }
}
