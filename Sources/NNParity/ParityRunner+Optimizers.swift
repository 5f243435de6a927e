import NNEngine
import NNRuns

/// Checks kind `optimizer`: a parameter trajectory under given gradients (or L-BFGS on a closure).
extension ParityRunner {
    func checkOptimizer(_ c: ParityCase) throws {
        guard let groups = try c.require("groups").arrayValue, let initial = try c.require("initial").arrayValue,
            let trajectory = try c.require("trajectory").arrayValue
        else { throw ParityError.malformed("\(c.id): groups, initial and trajectory must be arrays") }
        var params = try initial.map { try c.tensor($0, requiresGrad: true) }
        let paramGroups = zip(groups, params).map { options, p in
            ParamGroup(params: [p], options: Self.hyperparameters(options))
        }
        let optimizer = try Optimizer.named(c.name, paramGroups: paramGroups)
        if optimizer is LBFGS {
            var losses: [Double] = []
            for (s, expected) in trajectory.enumerated() {
                losses.append(Double(try optimizer.step { Self.rosenbrock(params[0]) }))
                try compareParams(c, step: s, params, expected)
            }
            c.compare("closure_losses", expected: try c.numbers("closure_losses"), actual: losses)
            return
        }
        let extra = c.field("extra_group")
        let changes = c.field("changes")?.arrayValue ?? []
        for (s, stepGrads) in (try c.require("grads").arrayValue ?? []).enumerated() {
            for change in changes where try c.integer("at_step", in: change, within: 0...ParityLimits.maximumSteps) == s {
                let group = try c.integer("group", in: change, within: 0...Swift.max(0, optimizer.paramGroups.count - 1))
                guard let name = change["name"]?.stringValue, let value = change["value"],
                      let option = Self.hyperparameters(["option": value])["option"]
                else { throw ParityError.malformed("\(c.id): a change needs a name and a value") }
                optimizer.setOption(name, option, group: group)
            }
            if let extra, try c.integer("at_step", in: extra, within: 0...ParityLimits.maximumSteps) == s {
                let p = try c.tensor(try c.require("initial", in: extra), requiresGrad: true)
                try optimizer.addParamGroup(ParamGroup(params: [p], options: Self.hyperparameters(extra["hyper"] ?? .null)))
                params.append(p)
            }
            let values = stepGrads.arrayValue ?? []
            if let sparse = optimizer as? SparseAdam {
                try sparse.step(sparseGradients: try values.map { g in
                    SparseGradient(
                        rows: try c.integerTensor(["shape": [.int(try c.require("rows", in: g).arrayValue?.count ?? 0)],
                                                    "data": try c.require("rows", in: g)], named: "rows").data,
                        values: try c.tensor(try c.require("values", in: g)).toArray())
                })
            } else {
                for (p, g) in zip(params, values) { p.grad = try c.tensor(g) }
                try optimizer.step()
            }
            guard s < trajectory.count else { break }
            try compareParams(c, step: s, params, trajectory[s])
        }
    }

    private func compareParams(_ c: ParityCase, step: Int, _ params: [Tensor], _ expected: JSONValue) throws {
        for (i, (p, e)) in zip(params, expected.arrayValue ?? []).enumerated() {
            try c.compare("trajectory[\(step)][\(i)]", expected: e, actual: p)
        }
    }

    /// A reference file's group options as optimizer hyperparameters (PyTorch's names kept).
    static func hyperparameters(_ json: JSONValue) -> [String: Hyperparameter] {
        var options: [String: Hyperparameter] = [:]
        for (key, value) in json.objectValue ?? [] {
            switch value {
            case .bool(let b): options[key] = .flag(b)
            case .string(let s): options[key] = .text(s)
            case .null: options[key] = Hyperparameter.null
            default:
                if let d = value.doubleValue {
                    options[key] = .number(d)
                } else if let list = value.doubleArray {
                    options[key] = .numbers(list)
                }
            }
        }
        return options
    }

    /// Rosenbrock's function `(1 - x)^2 + 100 (y - x^2)^2` of a 2-element parameter; sets its gradient.
    static func rosenbrock(_ p: Tensor) -> Float {
        let v = p.toArray()
        let x = v[0], y = v[1]
        let a = 1 - x, b = y - x * x
        // The products in the order PyTorch's autograd rounds them.
        let gradB = 100 * (2 * b)
        p.grad = Tensor([-(2 * a) - gradB * (2 * x), gradB], shape: p.shape)
        return a * a + 100 * (b * b)
    }
}
