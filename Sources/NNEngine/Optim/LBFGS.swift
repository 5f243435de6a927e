import Foundation
import NNText

/// L-BFGS: a quasi-Newton method driven by a closure that re-evaluates the loss, with an optional
/// strong-Wolfe line search.
///
/// Nocedal, "Updating Quasi-Newton Matrices with Limited Storage" (Math. Comp. 1980); line search:
/// Nocedal and Wright, "Numerical Optimization" (2006), algorithms 3.5 and 3.6. One parameter group only.
public final class LBFGS: Optimizer {
    /// The line searches L-BFGS knows.
    public enum LineSearch: String, Sendable { case strongWolfe = "strong_wolfe" }

    /// - Parameters:
    ///   - params: the parameters, or instead one group in `paramGroups`.
    ///   - learningRate: `lr`; maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearchFn,
    ///     maximize: PyTorch's options. `maxEval` defaults to `maxIter * 5 / 4` of these arguments, as in
    ///     PyTorch: a group that names its own `max_iter` but no `max_eval` keeps that default.
    public init(
        _ params: [Tensor] = [], paramGroups: [ParamGroup] = [], learningRate: Double = 1, maxIter: Int = 20, maxEval: Int? = nil,
        toleranceGrad: Double = 1e-7, toleranceChange: Double = 1e-9, historySize: Int = 100,
        lineSearchFn: LineSearch? = nil, maximize: Bool = false
    ) throws {
        try super.init(
            params: params, paramGroups: paramGroups,
            defaults: [
                "lr": .number(learningRate), "max_iter": .number(Double(maxIter)),
                "max_eval": .number(Double(maxEval ?? maxIter * 5 / 4)), "tolerance_grad": .number(toleranceGrad),
                "tolerance_change": .number(toleranceChange), "history_size": .number(Double(historySize)),
                "line_search_fn": lineSearchFn.map { .text($0.rawValue) } ?? .null, "maximize": .flag(maximize),
            ])
    }

    /// One group only, as in PyTorch.
    override public func addParamGroup(_ group: ParamGroup) throws {
        guard paramGroups.isEmpty else {
            throw OptimizerError.invalidUsage("LBFGS doesn't support per-parameter options (parameter groups)")
        }
        try super.addParamGroup(group)
    }

    /// The line search and the counts `step` loops over: `max_iter` and
    /// `max_eval` whole numbers in 0...2^31 - 1, `history_size` in 1...2^31 - 1 (PyTorch fails
    /// at its first update with a history of 0).
    override public func validateLimits(_ group: ParamGroup) throws {
        if let name = group["line_search_fn"].text, LineSearch(rawValue: name) == nil {
            throw OptimizerError.invalidHyperparameter("only 'strong_wolfe' is supported, got \(name)")
        }
        for (name, lowest) in [("max_iter", 0.0), ("max_eval", 0), ("history_size", 1)] {
            let value = group.number(name)
            guard value >= lowest, value <= Double(Int32.max), value.rounded() == value else {
                throw OptimizerError.invalidHyperparameter("Invalid \(name): \(value)")
            }
        }
    }

    /// The flat vectors (`d`, `prev_flat_grad`) hold one value per element of all parameters,
    /// as does every row of the histories `old_dirs` and `old_stps`; `ro` is one row with a value
    /// per pair of them, at most `history_size`; after the first iteration (`n_iter` of at least
    /// 1) the direction and the previous gradient are there; the counters are counts.
    override public func validate(state: ParameterState, of parameter: Tensor, total: Int, group: ParamGroup) throws {
        for (name, buffer) in state.buffers {
            guard name == "d" || name == "prev_flat_grad" else {
                throw OptimizerError.invalidStateDict("\(name) is not a state LBFGS keeps")
            }
            guard buffer.count == total || (name == "d" && buffer.isEmpty) else {
                throw OptimizerError.invalidStateDict("\(name) has \(counted(buffer.count, "value")), the parameters \(total)")
            }
        }
        try Self.requireCount(state.scalars["n_iter"], "n_iter")
        try Self.requireCount(state.scalars["func_evals"], "func_evals")
        let iterations = state.scalars["n_iter"] ?? 0
        if iterations >= 1, state.buffers["d"]?.count != total || state.buffers["prev_flat_grad"] == nil {
            throw OptimizerError.invalidStateDict("n_iter is \(iterations) but the direction or the previous gradient is missing")
        }
        for name in state.lists.keys where !["old_dirs", "old_stps", "ro"].contains(name) {
            throw OptimizerError.invalidStateDict("\(name) is not a history LBFGS keeps")
        }
        let dirs = state.lists["old_dirs"] ?? [], steps = state.lists["old_stps"] ?? [], ro = state.lists["ro"] ?? []
        guard ro.count <= 1, dirs.count == steps.count, dirs.count == (ro.first?.count ?? 0) else {
            throw OptimizerError.invalidStateDict(
                "its histories old_dirs, old_stps and ro hold \(dirs.count), \(steps.count) and \(ro.map(\.count)) pairs")
        }
        guard Double(dirs.count) <= group.number("history_size") else {
            throw OptimizerError.invalidStateDict("its history holds \(counted(dirs.count, "pair")), more than history_size \(group.number("history_size"))")
        }
        guard (dirs + steps).allSatisfy({ $0.count == total }) else {
            throw OptimizerError.invalidStateDict("a row of old_dirs or old_stps does not have the parameters' \(counted(total, "value"))")
        }
    }

    /// L-BFGS needs the loss re-evaluated: use `step(closure:)`.
    override public func step() throws {
        throw OptimizerError.invalidUsage("LBFGS requires a closure: call step(closure:)")
    }

    /// Performs one L-BFGS step (up to `max_iter` iterations) and returns the closure's first loss.
    /// - Parameter closure: clears the gradients, computes the loss, runs backward and returns the loss.
    @discardableResult
    override public func step(closure: () throws -> Float) throws -> Float {
        let group = paramGroups[0], options = LBFGSOptions(group)
        let lr = options.learningRate, maxIter = options.maxIter, maxEval = options.maxEval
        let toleranceGrad = Float(options.toleranceGrad), toleranceChange = options.toleranceChange
        let historySize = options.historySize, maximize = options.maximize
        let key = ObjectIdentifier(group.params[0])
        var s = state[key] ?? ParameterState()

        let originalLoss = try closure()
        var loss = Double(signed(originalLoss, maximize))
        var currentEvals = 1
        s.scalars["func_evals", default: 0] += 1
        s.scalars["n_iter", default: 0] += 0
        var flatGrad = gatherFlatGrad(maximize)
        if maxAbs(flatGrad) <= toleranceGrad {
            state[key] = s
            return originalLoss
        }

        var d = s.buffers["d"] ?? []
        var t = s.scalars["t"] ?? lr
        var oldDirs = s.lists["old_dirs"] ?? []
        var oldSteps = s.lists["old_stps"] ?? []
        var ro = s.lists["ro"]?.first ?? []
        var hDiag = Float(s.scalars["H_diag"] ?? 1)
        var prevFlatGrad = s.buffers["prev_flat_grad"]
        var prevLoss = s.scalars["prev_loss"] ?? loss

        var iteration = 0
        while iteration < maxIter {
            iteration += 1
            s.scalars["n_iter", default: 0] += 1
            if s.scalars["n_iter"] == 1 {
                d = flatGrad.map { -$0 }
                oldDirs = []
                oldSteps = []
                ro = []
                hDiag = 1
            } else if let previous = prevFlatGrad {
                let y = zip(flatGrad, previous).map { $0 - $1 }
                let stepVector = d.map { $0 * Float(t) }
                let ys = dot(y, stepVector)
                if ys > 1e-10 {
                    if oldDirs.count == historySize {
                        oldDirs.removeFirst()
                        oldSteps.removeFirst()
                        ro.removeFirst()
                    }
                    oldDirs.append(y)
                    oldSteps.append(stepVector)
                    ro.append(1 / ys)
                    hDiag = ys / dot(y, y)
                }
                // Two-loop recursion for the approximate inverse Hessian times the negative gradient.
                var al = [Float](repeating: 0, count: oldDirs.count)
                var q = flatGrad.map { -$0 }
                for i in stride(from: oldDirs.count - 1, through: 0, by: -1) {
                    al[i] = dot(oldSteps[i], q) * ro[i]
                    for j in q.indices { q[j] = q[j].addingProduct(-al[i], oldDirs[i][j]) }
                }
                var r = q.map { $0 * hDiag }
                for i in oldDirs.indices {
                    let be = dot(oldDirs[i], r) * ro[i]
                    for j in r.indices { r[j] = r[j].addingProduct(al[i] - be, oldSteps[i][j]) }
                }
                d = r
            }
            prevFlatGrad = flatGrad
            prevLoss = loss
            if s.scalars["n_iter"] == 1 {
                let inverse = 1 / flatGrad.reduce(Float(0)) { $0 + abs($1) }
                t = inverse < 1 ? Double(inverse * Float(lr)) : lr
            } else {
                t = lr
            }
            let gtd = Double(dot(flatGrad, d))
            if gtd > -toleranceChange { break }

            var lineSearchEvals = 0
            var optimal = false
            if options.lineSearch != nil {
                let start = group.params.map { $0.toArray() }
                let result = try strongWolfe(
                    closure: closure, maximize: maximize, start: start, t: Float(t), d: d, loss: Float(loss), grad: flatGrad, gtd: Float(gtd))
                (loss, flatGrad, t, lineSearchEvals) = (Double(result.0), result.1, Double(result.2), result.3)
                addToParams(Float(t), d)
                optimal = maxAbs(flatGrad) <= toleranceGrad
            } else {
                addToParams(Float(t), d)
                if iteration != maxIter {
                    loss = Double(signed(try closure(), maximize))
                    flatGrad = gatherFlatGrad(maximize)
                    optimal = maxAbs(flatGrad) <= toleranceGrad
                    lineSearchEvals = 1
                }
            }
            currentEvals += lineSearchEvals
            s.scalars["func_evals", default: 0] += Double(lineSearchEvals)

            if iteration == maxIter || currentEvals >= maxEval || optimal { break }
            if d.reduce(Float(0), { max($0, abs($1 * Float(t))) }) <= Float(toleranceChange) { break }
            if abs(loss - prevLoss) < toleranceChange { break }
        }

        s.buffers["d"] = d
        s.scalars["t"] = t
        s.lists["old_dirs"] = oldDirs
        s.lists["old_stps"] = oldSteps
        s.lists["ro"] = [ro]
        s.scalars["H_diag"] = Double(hDiag)
        if let prevFlatGrad { s.buffers["prev_flat_grad"] = prevFlatGrad }
        s.scalars["prev_loss"] = prevLoss
        state[key] = s
        return originalLoss
    }

    /// The loss as the minimization sees it: negated when the group asks to maximize.
    private func signed(_ loss: Float, _ maximize: Bool) -> Float { maximize ? -loss : loss }

    /// Every parameter's gradient in one vector, negated when the group asks to maximize.
    private func gatherFlatGrad(_ maximize: Bool) -> [Float] {
        let flat = paramGroups[0].params.flatMap { gradient(of: $0) ?? [Float](repeating: 0, count: $0.toArray().count) }
        return maximize ? flat.map { -$0 } : flat
    }

    private func addToParams(_ t: Float, _ d: [Float]) {
        var offset = 0
        for p in paramGroups[0].params {
            var values = p.toArray()
            for i in values.indices { values[i] = values[i].addingProduct(t, d[offset + i]) }
            offset += values.count
            assign(values, to: p)
        }
    }

    private func setParams(_ values: [[Float]]) {
        for (p, v) in zip(paramGroups[0].params, values) { assign(v, to: p) }
    }

    /// Loss and gradient at `start + t * d`; the parameters are restored to `start` afterwards.
    private func evaluate(
        _ closure: () throws -> Float, maximize: Bool, start: [[Float]], t: Float, d: [Float]
    ) throws -> (Float, [Float]) {
        addToParams(t, d)
        let loss = signed(try closure(), maximize)
        let grad = gatherFlatGrad(maximize)
        setParams(start)
        return (loss, grad)
    }

    /// A step length satisfying the strong Wolfe conditions (bracketing, then zoom by cubic interpolation).
    private func strongWolfe(
        closure: () throws -> Float, maximize: Bool, start: [[Float]], t initialT: Float, d: [Float], loss f: Float,
        grad g: [Float], gtd: Float, c1: Float = 1e-4, c2: Float = 0.9, toleranceChange: Float = 1e-9,
        maxLineSearch: Int = 25
    ) throws -> (Float, [Float], Float, Int) {
        var t = initialT
        let dNorm = maxAbs(d)
        var (fNew, gNew) = try evaluate(closure, maximize: maximize, start: start, t: t, d: d)
        var evals = 1
        var gtdNew = (dot(gNew, d))
        var tPrev: Float = 0, fPrev = f, gPrev = g, gtdPrev = gtd
        var done = false
        var iteration = 0
        var bracket: [Float] = [], bracketF: [Float] = [], bracketG: [[Float]] = [], bracketGtd: [Float] = []
        while iteration < maxLineSearch {
            if fNew > f + c1 * t * gtd || (iteration > 1 && fNew >= fPrev) {
                (bracket, bracketF, bracketG, bracketGtd) = ([tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew])
                break
            }
            if abs(gtdNew) <= -c2 * gtd {
                (bracket, bracketF, bracketG, bracketGtd) = ([t], [fNew], [gNew], [gtdNew])
                done = true
                break
            }
            if gtdNew >= 0 {
                (bracket, bracketF, bracketG, bracketGtd) = ([tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew])
                break
            }
            let minStep = t + 0.01 * (t - tPrev)
            let maxStep = t * 10
            let previous = t
            t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, bounds: (minStep, maxStep))
            (tPrev, fPrev, gPrev, gtdPrev) = (previous, fNew, gNew, gtdNew)
            (fNew, gNew) = try evaluate(closure, maximize: maximize, start: start, t: t, d: d)
            evals += 1
            gtdNew = (dot(gNew, d))
            iteration += 1
        }
        if iteration == maxLineSearch {
            (bracket, bracketF, bracketG, bracketGtd) = ([0, t], [f, fNew], [g, gNew], [gtd, gtdNew])
        }

        var insufficientProgress = false
        var (low, high) = bracketF[0] <= bracketF[bracketF.count - 1] ? (0, 1) : (1, 0)
        while !done && iteration < maxLineSearch {
            if abs(bracket[1] - bracket[0]) * dNorm < toleranceChange { break }
            t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1])
            let top = bracket.max()!, bottom = bracket.min()!
            let eps = 0.1 * (top - bottom)
            if min(top - t, t - bottom) < eps {
                if insufficientProgress || t >= top || t <= bottom {
                    t = abs(t - top) < abs(t - bottom) ? top - eps : bottom + eps
                    insufficientProgress = false
                } else {
                    insufficientProgress = true
                }
            } else {
                insufficientProgress = false
            }
            (fNew, gNew) = try evaluate(closure, maximize: maximize, start: start, t: t, d: d)
            evals += 1
            gtdNew = (dot(gNew, d))
            iteration += 1
            if fNew > f + c1 * t * gtd || fNew >= bracketF[low] {
                (bracket[high], bracketF[high], bracketG[high], bracketGtd[high]) = (t, fNew, gNew, gtdNew)
                (low, high) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0)
            } else {
                if abs(gtdNew) <= -c2 * gtd {
                    done = true
                } else if gtdNew * (bracket[high] - bracket[low]) >= 0 {
                    (bracket[high], bracketF[high], bracketG[high], bracketGtd[high]) =
                        (bracket[low], bracketF[low], bracketG[low], bracketGtd[low])
                }
                (bracket[low], bracketF[low], bracketG[low], bracketGtd[low]) = (t, fNew, gNew, gtdNew)
            }
        }
        return (bracketF[low], bracketG[low], bracket[low], evals)
    }

    /// The minimizer of the cubic through two points with slopes, clamped to `bounds` (or the points).
    private func cubicInterpolate(
        _ x1: Float, _ f1: Float, _ g1: Float, _ x2: Float, _ f2: Float, _ g2: Float,
        bounds: (Float, Float)? = nil
    ) -> Float {
        let (lower, upper) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1))
        let d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
        let d2Square = d1 * d1 - g1 * g2
        guard d2Square >= 0 else { return (lower + upper) / 2 }
        let d2 = d2Square.squareRoot()
        let minimum =
            x1 <= x2
            ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
            : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
        return min(max(minimum, lower), upper)
    }

    /// A float32 dot product, summed in order (the rounding PyTorch's trajectories carry).
    private func dot(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Float = 0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    private func maxAbs(_ a: [Float]) -> Float { a.reduce(0) { max($0, abs($1)) } }
}

/// L-BFGS's options of its one group, read once per step.
public struct LBFGSOptions: GroupOptions {
    public let learningRate, toleranceGrad, toleranceChange: Double
    /// Whole numbers in their ranges: `validateLimits` refuses any other.
    public let maxIter, maxEval, historySize: Int
    public let lineSearch: LBFGS.LineSearch?
    public let maximize: Bool

    public init(_ group: ParamGroup) {
        learningRate = group.learningRate
        toleranceGrad = group.number("tolerance_grad")
        toleranceChange = group.number("tolerance_change")
        maxIter = Int(group.number("max_iter"))
        maxEval = Int(group.number("max_eval"))
        historySize = Int(group.number("history_size"))
        lineSearch = group["line_search_fn"].text.flatMap(LBFGS.LineSearch.init(rawValue:))
        maximize = group.flag("maximize")
    }
}
