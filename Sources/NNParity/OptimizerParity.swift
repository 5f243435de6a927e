import NNEngine
import NNRuns

/// Checks kind `optimizer`: a parameter trajectory under given gradients (or L-BFGS on a closure).
enum OptimizerParity {
    /// The comparison of case `json` with the engine.
    static func check(_ json: JSONValue) throws -> ToleranceCheck {
        guard let name = json["name"]?.stringValue, let groups = json["groups"]?.arrayValue,
            let initial = json["initial"]?.arrayValue, let trajectory = json["trajectory"]?.arrayValue
        else { throw GoldenError("optimizer case without name, groups, initial or trajectory") }
        var params = try initial.map { try GoldenTensor($0).tensor(requiresGrad: true) }
        let paramGroups = zip(groups, params).map { options, p in ParamGroup(params: [p], options: hyperparameters(options)) }
        let optimizer = try Optimizer.named(name, paramGroups: paramGroups)
        var check = ToleranceCheck(case: json)
        if name == "LBFGS", let lbfgs = optimizer as? LBFGS {
            let expectedLosses = json["closure_losses"]?.doubleArray ?? []
            var losses: [Float] = []
            for (s, expected) in trajectory.enumerated() {
                losses.append(try lbfgs.step { rosenbrock(params[0]) })
                try compare(&check, step: s, params, expected)
            }
            check.compare("closure_losses", losses, expectedLosses)
            return check
        }
        let grads = json["grads"]?.arrayValue ?? []
        let extra = json["extra_group"]
        for (s, stepGrads) in grads.enumerated() {
            if let extra, !extra.isNull, extra["at_step"]?.intValue == s {
                let p = try GoldenTensor(extra["initial"]).tensor(requiresGrad: true)
                try optimizer.addParamGroup(ParamGroup(params: [p], options: hyperparameters(extra["hyper"] ?? .null)))
                params.append(p)
            }
            let values = stepGrads.arrayValue ?? []
            if let sparse = optimizer as? SparseAdam {
                try sparse.step(sparseGradients: values.map { g in
                    SparseGradient(
                        rows: g["rows"]?.arrayValue?.compactMap(\.intValue) ?? [],
                        values: try GoldenTensor(g["values"]).data.map { Float($0) })
                })
            } else {
                for (p, g) in zip(params, values) { p.grad = try GoldenTensor(g).tensor() }
                try optimizer.step()
            }
            guard s < trajectory.count else { break }
            try compare(&check, step: s, params, trajectory[s])
        }
        return check
    }

    private static func compare(_ check: inout ToleranceCheck, step: Int, _ params: [Tensor], _ expected: JSONValue) throws {
        for (i, (p, e)) in zip(params, expected.arrayValue ?? []).enumerated() {
            check.compare("trajectory[\(step)][\(i)]", p.toArray(), try GoldenTensor(e).data)
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
