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
        func tensor(_ key: String) throws -> Tensor {
            guard let t = tensors[key] else { throw ParityError.malformed("\(name): missing float input \(key)") }
            return t
        }
        func integer(_ key: String) throws -> IntTensor {
            guard let t = integers[key] else { throw ParityError.malformed("\(name): missing integer input \(key)") }
            return t
        }
        func option(_ key: String) -> JSONValue? {
            guard let v = params[key], !v.isNull else { return nil }
            return v
        }
        func float(_ key: String, _ fallback: Float) -> Float { option(key)?.doubleValue.map { Float($0) } ?? fallback }
        func int(_ key: String, _ fallback: Int) throws -> Int {
            guard let value = option(key) else { return fallback }
            return try ParityCase.integer(value, named: key, within: ParityLimits.integers)
        }
        func flag(_ key: String, _ fallback: Bool) -> Bool { option(key)?.boolValue ?? fallback }
        func weight(_ key: String) -> Tensor? {
            guard let values = option(key)?.doubleArray else { return nil }
            return Tensor(values.map { Float($0) }, shape: [values.count])
        }
        let reductionName = option("reduction")?.stringValue ?? "mean"
        guard let reduction = Reduction(rawValue: reductionName) else {
            throw ParityError.unsupported("\(name) reduction \(reductionName)")
        }
        switch name {
        case "CrossEntropyLoss":
            let smoothing = float("label_smoothing", 0)
            if let target = integers["target"] {
                return try crossEntropy(
                    try tensor("input"), target, weight: weight("weight"),
                    ignoreIndex: try int("ignore_index", -100), labelSmoothing: smoothing,
                    reduction: reduction)
            }
            return try crossEntropy(
                try tensor("input"), try tensor("target"), weight: weight("weight"),
                labelSmoothing: smoothing, reduction: reduction)
        case "NLLLoss":
            return try nllLoss(
                try tensor("input"), try integer("target"), weight: weight("weight"),
                ignoreIndex: try int("ignore_index", -100), reduction: reduction)
        case "BCELoss":
            return try binaryCrossEntropy(
                try tensor("input"), try tensor("target"), weight: weight("weight"), reduction: reduction)
        case "BCEWithLogitsLoss":
            return try binaryCrossEntropyWithLogits(
                try tensor("input"), try tensor("target"), weight: weight("weight"), posWeight: weight("pos_weight"),
                reduction: reduction)
        case "L1Loss": return try l1Loss(try tensor("input"), try tensor("target"), reduction: reduction)
        case "MSELoss": return try mseLoss(try tensor("input"), try tensor("target"), reduction: reduction)
        case "SmoothL1Loss":
            return try smoothL1Loss(try tensor("input"), try tensor("target"), reduction: reduction, beta: float("beta", 1))
        case "HuberLoss":
            return try huberLoss(try tensor("input"), try tensor("target"), reduction: reduction, delta: float("delta", 1))
        case "PoissonNLLLoss":
            return try poissonNLLLoss(
                try tensor("input"), try tensor("target"), logInput: flag("log_input", true), full: flag("full", false),
                eps: float("eps", 1e-8), reduction: reduction)
        case "KLDivLoss":
            return try klDiv(try tensor("input"), try tensor("target"), reduction: reduction, logTarget: flag("log_target", false))
        case "MarginRankingLoss":
            return try marginRankingLoss(
                try tensor("input1"), try tensor("input2"), try tensor("target"), margin: float("margin", 0),
                reduction: reduction)
        case "MultiLabelMarginLoss":
            return try multilabelMarginLoss(try tensor("input"), try integer("target"), reduction: reduction)
        case "SoftMarginLoss": return try softMarginLoss(try tensor("input"), try tensor("target"), reduction: reduction)
        case "MultiLabelSoftMarginLoss":
            return try multilabelSoftMarginLoss(
                try tensor("input"), try tensor("target"), weight: weight("weight"), reduction: reduction)
        case "MultiMarginLoss":
            return try multiMarginLoss(
                try tensor("input"), try integer("target"), p: try int("p", 1), margin: float("margin", 1),
                weight: weight("weight"), reduction: reduction)
        case "TripletMarginLoss":
            return try tripletMarginLoss(
                anchor: try tensor("anchor"), positive: try tensor("positive"), negative: try tensor("negative"),
                margin: float("margin", 1), p: float("p", 2), eps: float("eps", 1e-6), swap: flag("swap", false),
                reduction: reduction)
        case "HingeEmbeddingLoss":
            return try hingeEmbeddingLoss(
                try tensor("input"), try tensor("target"), margin: float("margin", 1), reduction: reduction)
        case "CosineEmbeddingLoss":
            return try cosineEmbeddingLoss(
                try tensor("input1"), try tensor("input2"), try tensor("target"), margin: float("margin", 0),
                reduction: reduction)
        case "GaussianNLLLoss":
            if tensors["var"] == nil, let variance = option("var")?.doubleValue {
                return try gaussianNLLLoss(
                    try tensor("input"), try tensor("target"), variance: Float(variance), full: flag("full", false),
                    eps: float("eps", 1e-6), reduction: reduction)
            }
            return try gaussianNLLLoss(
                try tensor("input"), try tensor("target"), try tensor("var"), full: flag("full", false),
                eps: float("eps", 1e-6), reduction: reduction)
        case "CTCLoss":
            return try ctcLoss(
                logProbs: try tensor("log_probs"), targets: try integer("targets"),
                inputLengths: try integer("input_lengths").data, targetLengths: try integer("target_lengths").data,
                blank: try int("blank", 0), reduction: reduction,
                zeroInfinity: flag("zero_infinity", false))
        default:
            throw ParityError.unsupported("loss \(name)")
        }
    }
}
