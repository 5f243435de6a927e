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
public final class SparseAdam: Optimizer {
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
        var index = 0
        for group in paramGroups {
            for p in group.params {
                defer { index += 1 }
                guard let sparse = sparseGradients[index] else { continue }
                var values = p.toArray()
                let rowCount = p.shape.first ?? 1
                let width = rowCount == 0 ? 0 : values.count / rowCount
                guard sparse.values.count == sparse.rows.count * width,
                    sparse.rows.allSatisfy({ (0..<rowCount).contains($0) })
                else {
                    throw OptimizerError.invalidUsage(
                        "sparse gradient rows \(sparse.rows) do not fit a parameter of shape \(p.shape)")
                }
                var parameterState = state[ObjectIdentifier(p)] ?? ParameterState()
                update(&values, sparse: sparse, width: width, state: &parameterState, group: group)
                state[ObjectIdentifier(p)] = parameterState
                assign(values, to: p)
            }
        }
    }

    private func update(
        _ parameter: inout [Float], sparse: SparseGradient, width: Int, state: inout ParameterState, group: ParamGroup
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
        let (beta1, beta2) = group.pair("betas")
        var expAvg = state.buffers["exp_avg"] ?? [Float](repeating: 0, count: n)
        var expAvgSq = state.buffers["exp_avg_sq"] ?? [Float](repeating: 0, count: n)
        let w1 = Float(1 - beta1), w2 = Float(1 - beta2), eps = Float(group.number("eps"))
        let stepSize = Float(group.learningRate * (1 - pow(beta2, step)).squareRoot() / (1 - pow(beta1, step)))
        let sign: Float = group.flag("maximize") ? -1 : 1
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
