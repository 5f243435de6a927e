import CKernels
import NNText
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight decay.
///
/// PyTorch's formulation: `b = momentum * b + (1 - dampening) * g`; Nesterov uses `g + momentum * b`.
/// Nesterov momentum: Sutskever et al., "On the importance of initialization and momentum in deep
/// learning" (ICML 2013).
public final class SGD: TypedOptimizer<SGDOptions> {
    /// - Parameters:
    ///   - params: parameters of a first group (may be empty when `paramGroups` are given).
    ///   - paramGroups: further groups with their own options.
    ///   - learningRate: `lr`; momentum, dampening, weightDecay, nesterov, maximize: PyTorch's options.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 1e-3, momentum: Double = 0,
        dampening: Double = 0, weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false
    ) throws {
        try super.init(
            params: params, paramGroups: paramGroups,
            defaults: [
                "lr": .number(learningRate), "momentum": .number(momentum), "dampening": .number(dampening),
                "weight_decay": .number(weightDecay), "nesterov": .flag(nesterov), "maximize": .flag(maximize),
            ])
    }

    override public func validate(_ group: ParamGroup) throws {
        try requireNonNegative(group, "lr", "learning rate")
        try requireNonNegative(group, "momentum", "momentum value")
        try requireNonNegative(group, "weight_decay", "weight_decay value")
        if group.flag("nesterov") && (group.number("momentum") <= 0 || group.number("dampening") != 0) {
            throw OptimizerError.invalidHyperparameter("Nesterov momentum requires a momentum and zero dampening")
        }
    }

    /// The typed optimizers' step, compiled for SGD's options and update: the hot path of training.
    override public func step() throws { try updateEveryParameter() }

    /// Without momentum SGD keeps no state (PyTorch's `state_dict()` lists none for the parameter).
    override public func updatesState(with options: SGDOptions) -> Bool { options.momentum != 0 }

    override public func update(
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        state: inout ParameterState, options: SGDOptions
    ) {
        guard options.momentum != 0 else {
            var noBuffer: [Float]?
            Self.apply(parameter, gradient, &noBuffer, options)
            return
        }
        var buffer = state.buffers.removeValue(forKey: "momentum_buffer")
        Self.apply(parameter, gradient, &buffer, options)
        state.buffers["momentum_buffer"] = buffer
    }

    /// One update of `parameter` by `gradient`; `buffer` is the momentum buffer (nil before the first step).
    private static func apply(
        _ parameter: UnsafeMutableBufferPointer<Float>, _ gradient: UnsafeBufferPointer<Float>,
        _ buffer: inout [Float]?, _ options: SGDOptions
    ) {
        let n = parameter.count
        guard let p = parameter.baseAddress, let g = gradient.baseAddress else { return }
        let momentum = options.momentum, keep = 1 - options.dampening, weightDecay = options.weightDecay
        let maximize = options.maximize, nesterov = options.nesterov
        let step = -options.learningRate
        @inline(__always) func effective(_ i: Int) -> Float {
            var gi = maximize ? -g[i] : g[i]
            if weightDecay != 0 { gi += weightDecay * p[i] }
            return gi
        }
        // The plain cases get loops of their own, which the compiler vectorizes.
        let plain = !maximize && weightDecay == 0
        guard momentum != 0 else {
            if plain {
                for i in 0..<n { p[i] += step * g[i] }
            } else {
                for i in 0..<n { p[i] += step * effective(i) }
            }
            return
        }
        let first = buffer == nil
        var b = buffer ?? [Float](repeating: 0, count: n)
        buffer = nil  // b is then the only reference: updated in place
        b.withUnsafeMutableBufferPointer { b in
            guard let b = b.baseAddress else { return }
            if plain && !first && !nesterov {
                // The same arithmetic in a loop compiled for the CPU's widest vectors.
                nnk_sgd_momentum(p, g, b, n, momentum, keep, step)
                return
            }
            for i in 0..<n {
                var gi = effective(i)
                b[i] = first ? gi : b[i] * momentum + keep * gi
                gi = nesterov ? gi + momentum * b[i] : b[i]
                p[i] += step * gi
            }
        }
        buffer = b
    }
}

/// SGD's options of one group.
public struct SGDOptions: GroupOptions {
    public let learningRate, momentum, dampening, weightDecay: Float
    public let nesterov, maximize: Bool

    public init(_ group: ParamGroup) {
        learningRate = Float(group.learningRate)
        momentum = Float(group.number("momentum"))
        dampening = Float(group.number("dampening"))
        weightDecay = Float(group.number("weight_decay"))
        nesterov = group.flag("nesterov")
        maximize = group.flag("maximize")
    }
}
