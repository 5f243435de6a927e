import Foundation

/// The gradient of a 2-D parameter that only some rows receive (PyTorch's sparse COO gradient of an embedding).
public struct SparseGradient: Sendable, Equatable {
    /// The rows that carry a gradient; a row may repeat (its values are then summed).
    public var rows: [Int]
    /// Row-major values, `rows.count` rows of the parameter's row width.
    public var values: [Float]

    public init(rows: [Int], values: [Float]) {
        self.rows = rows
        self.values = values
    }
}

/// SparseAdam: Adam that updates moments and parameters only on the rows a sparse gradient touches.
///
/// Kingma and Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015); the lazy variant of
/// PyTorch's `torch.optim.SparseAdam`.
public final class SparseAdam: TypedOptimizer<AdamOptions> {
    /// - Parameters:
    ///   - params: parameters of a first group (may be empty when `paramGroups` are given).
    ///   - paramGroups: further groups with their own options.
    ///   - learningRate: `lr`; betas, eps, maximize: PyTorch's options.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 1e-3,
        betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, maximize: Bool = false
    ) throws {
        try super.init(
            params: params, paramGroups: paramGroups,
            defaults: [
                "lr": .number(learningRate), "betas": .numbers([betas.0, betas.1]), "eps": .number(eps),
                "maximize": .flag(maximize),
            ])
    }

    override public func validate(_ group: ParamGroup) throws {
        try requireNonNegative(group, "lr", "learning rate")
        try requireNonNegative(group, "eps", "epsilon value")
        try requireBetas(group)
    }

    /// PyTorch's refusal of a dense gradient.
    public static let denseGradientRefusal = "SparseAdam does not support dense gradients, please consider Adam instead"

    /// SparseAdam takes sparse gradients only: use `step(sparseGradients:)`.
    override public func step() throws {
        throw OptimizerError.invalidUsage(Self.denseGradientRefusal)
    }

    /// Performs one step with one sparse gradient per parameter in group order (nil: no gradient).
    /// - Throws: `OptimizerError.invalidUsage` if the count, a row or the value count does not fit.
    public func step(sparseGradients: [SparseGradient?]) throws {
        let params = orderedParams
        guard sparseGradients.count == params.count else {
            throw OptimizerError.invalidUsage(
                "SparseAdam got \(sparseGradients.count) sparse gradients for \(params.count) parameters")
        }
        let options = groupOptions
        var index = 0
        for (groupIndex, group) in paramGroups.enumerated() {
            for p in group.params {
                defer { index += 1 }
                guard let sparse = sparseGradients[index] else { continue }
                let rowCount = p.shape.first ?? 1
                let width = rowCount == 0 ? 0 : p.count / rowCount
                guard sparse.values.count == sparse.rows.count * width,
                    sparse.rows.allSatisfy({ (0..<rowCount).contains($0) })
                else {
                    throw OptimizerError.invalidUsage(
                        "sparse gradient rows \(sparse.rows) do not fit a parameter of shape \(p.shape)")
                }
                let id = ObjectIdentifier(p)
                var parameterState = state.removeValue(forKey: id) ?? ParameterState()
                Self.withValues(of: p) { values in
                    update(values, sparse: sparse, width: width, state: &parameterState, options: options[groupIndex])
                }
                state[id] = parameterState
            }
        }
    }

    private func update(
        _ parameter: UnsafeMutableBufferPointer<Float>, sparse: SparseGradient, width: Int, state: inout ParameterState,
        options o: AdamOptions
    ) {
        // Coalesce: sort the rows and sum duplicates.
        var summed: [Int: [Float]] = [:]
        for (k, row) in sparse.rows.enumerated() {
            let slice = sparse.values[(k * width)..<((k + 1) * width)]
            summed[row] = zip(summed[row] ?? [Float](repeating: 0, count: width), slice).map { $0 + $1 }
        }
        let n = parameter.count
        state.step += 1
        let step = Double(state.step)
        var expAvg = state.take("exp_avg", count: n), expAvgSq = state.take("exp_avg_sq", count: n)
        let w1 = o.w1, w2 = o.w2, eps = o.eps
        let stepSize = Float(o.learningRate * (1 - pow(o.beta2, step)).squareRoot() / (1 - pow(o.beta1, step)))
        let sign: Float = o.terms.maximize ? -1 : 1
        for row in summed.keys.sorted() {
            for (j, value) in summed[row]!.enumerated() {
                let i = row * width + j
                let g = sign * value
                expAvg[i] += (g - expAvg[i]) * w1
                expAvgSq[i] += (g * g - expAvgSq[i]) * w2
                parameter[i] += -stepSize * (expAvg[i] / (expAvgSq[i].squareRoot() + eps))
            }
        }
        state.buffers["exp_avg"] = expAvg
        state.buffers["exp_avg_sq"] = expAvgSq
    }
}
