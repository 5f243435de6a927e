import NNEngine
import NNRuns

/// Checks kind `loss`: output and input gradients of one loss against PyTorch.
enum LossParity {
    /// The comparison of case `json` with the engine (no failures when it passes).
    static func check(_ json: JSONValue) throws -> ToleranceCheck {
        guard let name = json["name"]?.stringValue, let inputs = json["inputs"], let params = json["params"] else {
            throw GoldenError("loss case without name, inputs or params")
        }
        var tensors: [String: Tensor] = [:]
        var integers: [String: IntTensor] = [:]
        for (key, value) in inputs.objectValue ?? [] {
            let golden = try GoldenTensor(value)
            if golden.isInteger { integers[key] = try golden.intTensor() } else { tensors[key] = golden.tensor(requiresGrad: true) }
        }
        let output = try evaluate(name, params: params, tensors: tensors, integers: integers)
        var check = ToleranceCheck(case: json)
        let expected = try GoldenTensor(json["output"])
        if output.shape != expected.shape { check.fail("output shape \(output.shape), expected \(expected.shape)") }
        check.compare("output", output.toArray(), expected.data)
        if let gradOutput = json["grad_output"], !gradOutput.isNull, let grads = json["grads"]?.objectValue {
            try output.backward(gradient: try GoldenTensor(gradOutput).tensor())
            for (key, value) in grads {
                let expectedGrad = try GoldenTensor(value)
                guard let grad = tensors[key]?.grad else {
                    check.fail("no gradient for \(key)")
                    continue
                }
                check.compare("grad \(key)", grad.toArray(), expectedGrad.data)
            }
        }
        return check
    }

    /// Runs the loss PyTorch calls `name` with `params` (PyTorch's keyword names) on the named inputs.
    static func evaluate(
        _ name: String, params: JSONValue, tensors: [String: Tensor], integers: [String: IntTensor]
    ) throws -> Tensor {
        func tensor(_ key: String) throws -> Tensor {
            guard let t = tensors[key] else { throw GoldenError("\(name): missing float input \(key)") }
            return t
        }
        func integer(_ key: String) throws -> IntTensor {
            guard let t = integers[key] else { throw GoldenError("\(name): missing integer input \(key)") }
            return t
        }
        func option(_ key: String) -> JSONValue? {
            guard let v = params[key], !v.isNull else { return nil }
            return v
        }
        func float(_ key: String, _ fallback: Float) -> Float { option(key)?.doubleValue.map { Float($0) } ?? fallback }
        func flag(_ key: String, _ fallback: Bool) -> Bool { option(key)?.boolValue ?? fallback }
        func weight(_ key: String) -> Tensor? {
            guard let values = option(key)?.doubleArray else { return nil }
            return Tensor(values.map { Float($0) }, shape: [values.count])
        }
        let reductionName = option("reduction")?.stringValue ?? "mean"
        guard let reduction = Reduction(rawValue: reductionName) else {
            throw GoldenError("\(name): unknown reduction \(reductionName)")
        }
        switch name {
        case "CrossEntropyLoss":
            let smoothing = float("label_smoothing", 0)
            if let target = integers["target"] {
                return try crossEntropy(
                    try tensor("input"), target, weight: weight("weight"),
                    ignoreIndex: option("ignore_index")?.intValue ?? -100, labelSmoothing: smoothing,
                    reduction: reduction)
            }
            return try crossEntropy(
                try tensor("input"), try tensor("target"), weight: weight("weight"),
                labelSmoothing: smoothing, reduction: reduction)
        case "NLLLoss":
            return try nllLoss(
                try tensor("input"), try integer("target"), weight: weight("weight"),
                ignoreIndex: option("ignore_index")?.intValue ?? -100, reduction: reduction)
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
                try tensor("input"), try integer("target"), p: option("p")?.intValue ?? 1, margin: float("margin", 1),
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
            return try gaussianNLLLoss(
                try tensor("input"), try tensor("target"), try tensor("var"), full: flag("full", false),
                eps: float("eps", 1e-6), reduction: reduction)
        case "CTCLoss":
            return try ctcLoss(
                logProbs: try tensor("log_probs"), targets: try integer("targets"),
                inputLengths: try integer("input_lengths").data, targetLengths: try integer("target_lengths").data,
                blank: option("blank")?.intValue ?? 0, reduction: reduction,
                zeroInfinity: flag("zero_infinity", false))
        default:
            throw GoldenError("unknown loss \(name)")
        }
    }
}
