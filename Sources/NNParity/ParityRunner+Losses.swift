import NNEngine
import NNRuns

/// Checks kind `loss`: the output and the input gradients of one loss, by PyTorch's module name.
extension ParityRunner {
    func checkLoss(_ c: ParityCase) throws {
        var tensors: [String: Tensor] = [:]
        var integers: [String: IntTensor] = [:]
        for (key, value) in try c.require("inputs").objectValue ?? [] where !value.isNull {
            if value["dtype"]?.stringValue == "int" {
                integers[key] = try c.integerTensor(value, named: key)
            } else {
                tensors[key] = try c.tensor(value, requiresGrad: true)
            }
        }
        let output = try Self.evaluateLoss(c.name, params: c.field("params") ?? .object([]), tensors: tensors, integers: integers)
        try c.compare("output", expected: try c.require("output"), actual: output)
        guard let gradOutput = c.field("grad_output"), let grads = c.field("grads")?.objectValue else { return }
        try output.backward(gradient: try c.tensor(gradOutput))
        for (key, expected) in grads {
            guard let grad = tensors[key]?.grad else { throw ParityError.malformed("\(c.id): no gradient for \(key)") }
            try c.compare("grads.\(key)", expected: expected, actual: grad)
        }
    }

    /// Runs the loss PyTorch calls `name` with `params` (PyTorch's keyword names) on the named inputs.
    static func evaluateLoss(
        _ name: String, params: JSONValue, tensors: [String: Tensor], integers: [String: IntTensor]
    ) throws -> Tensor {
        guard let loss = NamedLoss.named(name) else { throw ParityError.unsupported("loss \(name)") }
        var arguments: [String: NamedLoss.Argument] = [:]
        var reduction = Reduction.mean
        for (key, value) in params.objectValue ?? [] where !value.isNull {
            if key == "reduction" {
                let text = value.stringValue ?? "\(value)"
                guard let r = Reduction(rawValue: text) else { throw ParityError.unsupported("\(name) reduction \(text)") }
                reduction = r
            } else if let flag = value.boolValue {
                arguments[key] = .flag(flag)
            } else if let number = value.doubleValue {
                arguments[key] = .number(number)
            } else if let list = value.doubleArray {
                arguments[key] = .numbers(list)
            }
        }
        // Whole-number arguments within the file limits (TripletMarginLoss's p is a float norm).
        for key in ["ignore_index", "blank"] + (name == "MultiMarginLoss" ? ["p"] : []) {
            if let value = params[key], !value.isNull {
                _ = try ParityCase.integer(value, named: key, within: ParityLimits.integers)
            }
        }
        // GaussianNLLLoss also takes one float variance for every element.
        if name == "GaussianNLLLoss", tensors["var"] == nil, case .number(let variance)? = arguments["var"] {
            var flags = (full: false, eps: Float(1e-6))
            if case .flag(let full)? = arguments["full"] { flags.full = full }
            if case .number(let eps)? = arguments["eps"] { flags.eps = Float(eps) }
            return try gaussianNLLLoss(try input("input", tensors, name), try input("target", tensors, name), variance: Float(variance),
                                       full: flags.full, eps: flags.eps, reduction: reduction)
        }
        return try loss(tensors: tensors, integers: integers, arguments: arguments, reduction: reduction)
    }

    private static func input(_ key: String, _ tensors: [String: Tensor], _ name: String) throws -> Tensor {
        guard let t = tensors[key] else { throw ParityError.malformed("\(name): missing float input \(key)") }
        return t
    }
}
