import NNText
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight decay.
///
/// PyTorch's formulation: `b = momentum * b + (1 - dampening) * g`; Nesterov uses `g + momentum * b`.
/// Nesterov momentum: Sutskever et al., "On the importance of initialization and momentum in deep
/// learning" (ICML 2013).
public final class SGD: Optimizer {
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

    override public func update(
        _ parameter: inout [Float], gradient: [Float], state: inout ParameterState, group: ParamGroup
    ) {
        var buffer = state.buffers.removeValue(forKey: "momentum_buffer")
        parameter.withUnsafeMutableBufferPointer { values in
            gradient.withUnsafeBufferPointer { g in Self.apply(values, g, &buffer, Options(group)) }
        }
        if let buffer { state.buffers["momentum_buffer"] = buffer }
    }

    /// Updates every parameter in place, its momentum buffer too (no copy of either).
    override public func step() throws {
        if cachedOptions.revision != paramGroupsRevision {
            cachedOptions = (paramGroupsRevision, paramGroups.map(Options.init))
        }
        for index in paramGroups.indices {
            let options = cachedOptions.options[index]
            for p in paramGroups[index].params {
                guard let grad = p.grad else { continue }
                guard grad.count == p.count else {
                    throw OptimizerError.invalidUsage("gradient of \(counted(grad.count, "value")) for a parameter of shape \(p.shape)")
                }
                let id = ObjectIdentifier(p)
                if options.momentum == 0 {
                    // No buffer to keep, and no state: PyTorch's `state_dict()` lists none for the parameter.
                    var noBuffer: [Float]?
                    Self.apply(p, grad, &noBuffer, options)
                } else {
                    var parameterState = state.removeValue(forKey: id) ?? ParameterState()
                    var buffer = parameterState.buffers.removeValue(forKey: "momentum_buffer")
                    Self.apply(p, grad, &buffer, options)
                    parameterState.buffers["momentum_buffer"] = buffer
                    state[id] = parameterState
                }
            }
        }
    }

    /// Updates the tensor `p` in place by `grad` (through a contiguous copy when `p` is a strided view).
    private static func apply(_ p: Tensor, _ grad: Tensor, _ buffer: inout [Float]?, _ options: Options) {
        if p.isContiguous && grad.isContiguous {
            withExtendedLifetime((p, grad)) {
                apply(UnsafeMutableBufferPointer(start: p.base, count: p.count),
                      UnsafeBufferPointer(start: grad.base, count: grad.count), &buffer, options)
            }
            return
        }
        let values = p.contiguousValues()
        values.withUnsafeMutableBufferPointer { values in
            grad.withUnsafeBufferPointer { g in apply(values, g, &buffer, options) }
        }
        if values !== p { p.copy(from: values) }
    }

    /// Each group's options, read again only when the groups change.
    private var cachedOptions: (revision: Int, options: [Options]) = (-1, [])

    /// A group's options.
    private struct Options {
        let learningRate, momentum, dampening, weightDecay: Float
        let nesterov, maximize: Bool

        init(_ group: ParamGroup) {
            learningRate = Float(group.learningRate)
            momentum = Float(group.number("momentum"))
            dampening = Float(group.number("dampening"))
            weightDecay = Float(group.number("weight_decay"))
            nesterov = group.flag("nesterov")
            maximize = group.flag("maximize")
        }
    }

    /// One update of `parameter` by `gradient`; `buffer` is the momentum buffer (nil before the first step).
    private static func apply(
        _ parameter: UnsafeMutableBufferPointer<Float>, _ gradient: UnsafeBufferPointer<Float>,
        _ buffer: inout [Float]?, _ options: Options
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
                for i in 0..<n {
                    b[i] = b[i] * momentum + keep * g[i]
                    p[i] += step * b[i]
                }
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
