/// A loss by PyTorch's module name (`"CrossEntropyLoss"`): the inputs its forward takes, the
/// keyword arguments its constructor reads, and its value for given inputs.
public struct NamedLoss: Sendable, Equatable {
    /// One input of the loss's forward, by PyTorch's argument name.
    public struct Operand: Sendable, Equatable {
        public var name: String
        /// Whether it holds whole numbers (class indices, lengths) rather than floats.
        public var integer: Bool
    }

    /// A keyword argument's value.
    public enum Argument: Sendable, Equatable {
        case number(Double)
        case flag(Bool)
        /// A tensor's values, such as a class `weight` (always one dimension).
        case numbers([Double])
    }

    /// PyTorch's module name.
    public let name: String
    /// The forward's inputs, in PyTorch's order.
    public let operands: [Operand]
    /// The constructor's keyword arguments besides `reduction`, with their defaults (nil: no
    /// default, the argument is left out).
    public let keywords: [(name: String, fallback: Argument?)]
    /// The reductions it takes.
    public var reductions: [Reduction] { name == "KLDivLoss" ? [.none, .sum, .mean, .batchmean] : [.none, .sum, .mean] }

    public static func == (a: NamedLoss, b: NamedLoss) -> Bool { a.name == b.name }

    /// Every loss this engine computes, in PyTorch's documentation order.
    public static let all: [NamedLoss] = [
        NamedLoss("L1Loss", ["input", "target"]),
        NamedLoss("MSELoss", ["input", "target"]),
        NamedLoss("CrossEntropyLoss", ["input", "target#"],
                  [("weight", nil), ("ignore_index", .number(-100)), ("label_smoothing", .number(0))]),
        NamedLoss("CTCLoss", ["log_probs", "targets#", "input_lengths#", "target_lengths#"],
                  [("blank", .number(0)), ("zero_infinity", .flag(false))]),
        NamedLoss("NLLLoss", ["input", "target#"], [("weight", nil), ("ignore_index", .number(-100))]),
        NamedLoss("PoissonNLLLoss", ["input", "target"],
                  [("log_input", .flag(true)), ("full", .flag(false)), ("eps", .number(1e-8))]),
        NamedLoss("GaussianNLLLoss", ["input", "target", "var"], [("full", .flag(false)), ("eps", .number(1e-6))]),
        NamedLoss("KLDivLoss", ["input", "target"], [("log_target", .flag(false))]),
        NamedLoss("BCELoss", ["input", "target"], [("weight", nil)]),
        NamedLoss("BCEWithLogitsLoss", ["input", "target"], [("weight", nil), ("pos_weight", nil)]),
        NamedLoss("MarginRankingLoss", ["input1", "input2", "target"], [("margin", .number(0))]),
        NamedLoss("HingeEmbeddingLoss", ["input", "target"], [("margin", .number(1))]),
        NamedLoss("MultiLabelMarginLoss", ["input", "target#"]),
        NamedLoss("HuberLoss", ["input", "target"], [("delta", .number(1))]),
        NamedLoss("SmoothL1Loss", ["input", "target"], [("beta", .number(1))]),
        NamedLoss("SoftMarginLoss", ["input", "target"]),
        NamedLoss("MultiLabelSoftMarginLoss", ["input", "target"], [("weight", nil)]),
        NamedLoss("CosineEmbeddingLoss", ["input1", "input2", "target"], [("margin", .number(0))]),
        NamedLoss("MultiMarginLoss", ["input", "target#"], [("p", .number(1)), ("margin", .number(1)), ("weight", nil)]),
        NamedLoss("TripletMarginLoss", ["anchor", "positive", "negative"],
                  [("margin", .number(1)), ("p", .number(2)), ("eps", .number(1e-6)), ("swap", .flag(false))]),
    ]

    /// The loss PyTorch calls `name`, or nil.
    public static func named(_ name: String) -> NamedLoss? { all.first { $0.name == name } }

    /// The loss `spelled` names: PyTorch's module name in any case, with or without "Loss"
    /// (`mse`, `CrossEntropy`, `bcewithlogitsloss`); nil for no loss.
    public static func spelled(_ spelled: String) -> NamedLoss? {
        let key = spelled.lowercased()
        return all.first { $0.name.lowercased() == key || $0.name.lowercased() == key + "loss" }
    }

    /// - Parameter operands: names, with `#` after those that hold whole numbers.
    private init(_ name: String, _ operands: [String], _ keywords: [(name: String, fallback: Argument?)] = []) {
        self.name = name
        self.operands = operands.map { Operand(name: $0.hasSuffix("#") ? String($0.dropLast()) : $0, integer: $0.hasSuffix("#")) }
        self.keywords = keywords
    }

    /// The loss of the named inputs under `reduction`.
    /// - Parameters:
    ///   - tensors: the float inputs by name; CrossEntropyLoss takes a float `target` (class
    ///     probabilities) when `integers` has none.
    ///   - integers: the whole-number inputs by name.
    ///   - arguments: keyword arguments by PyTorch's name; those not given take their defaults.
    /// - Throws: `LossError` for a missing input, an argument of the wrong kind or out of range,
    ///   or inputs the loss refuses.
    public func callAsFunction(
        tensors: [String: Tensor], integers: [String: IntTensor], arguments: [String: Argument] = [:],
        reduction: Reduction = .mean
    ) throws -> Tensor {
        guard reductions.contains(reduction) else {
            throw LossError.invalidValue("\(name) takes no reduction '\(reduction.rawValue)'")
        }
        func tensor(_ key: String) throws -> Tensor {
            guard let t = tensors[key] else { throw LossError.invalidValue("\(name) needs a float tensor \(key)") }
            return t
        }
        func integer(_ key: String) throws -> IntTensor {
            guard let t = integers[key] else { throw LossError.invalidValue("\(name) needs a tensor of whole numbers \(key)") }
            return t
        }
        func argument(_ key: String) -> Argument? {
            arguments[key] ?? keywords.first { $0.name == key }?.fallback
        }
        func number(_ key: String) throws -> Double {
            guard case .number(let value) = argument(key) else { throw LossError.invalidValue("\(name)'s \(key) must be a number") }
            return value
        }
        func float(_ key: String) throws -> Float { Float(try number(key)) }
        func int(_ key: String) throws -> Int {
            let value = try number(key)
            guard value.rounded() == value, Swift.abs(value) <= Double(Int32.max) else {
                throw LossError.invalidValue("\(name)'s \(key) must be a whole number, got \(value)")
            }
            return Int(value)
        }
        func flag(_ key: String) throws -> Bool {
            guard case .flag(let value) = argument(key) else { throw LossError.invalidValue("\(name)'s \(key) must be True or False") }
            return value
        }
        func weight(_ key: String) throws -> Tensor? {
            switch argument(key) {
            case nil: return nil
            case .numbers(let values): return Tensor(values.map { Float($0) }, shape: [values.count])
            case .number(let value): return Tensor([Float(value)], shape: [1])
            case .flag: throw LossError.invalidValue("\(name)'s \(key) must be a list of numbers")
            }
        }
        switch name {
        case "CrossEntropyLoss":
            if let target = integers["target"] {
                return try crossEntropy(try tensor("input"), target, weight: try weight("weight"), ignoreIndex: try int("ignore_index"),
                                        labelSmoothing: try float("label_smoothing"), reduction: reduction)
            }
            return try crossEntropy(try tensor("input"), try tensor("target"), weight: try weight("weight"),
                                    labelSmoothing: try float("label_smoothing"), reduction: reduction)
        case "NLLLoss":
            return try nllLoss(try tensor("input"), try integer("target"), weight: try weight("weight"),
                               ignoreIndex: try int("ignore_index"), reduction: reduction)
        case "BCELoss":
            return try binaryCrossEntropy(try tensor("input"), try tensor("target"), weight: try weight("weight"), reduction: reduction)
        case "BCEWithLogitsLoss":
            return try binaryCrossEntropyWithLogits(try tensor("input"), try tensor("target"), weight: try weight("weight"),
                                                    posWeight: try weight("pos_weight"), reduction: reduction)
        case "L1Loss": return try l1Loss(try tensor("input"), try tensor("target"), reduction: reduction)
        case "MSELoss": return try mseLoss(try tensor("input"), try tensor("target"), reduction: reduction)
        case "SmoothL1Loss":
            return try smoothL1Loss(try tensor("input"), try tensor("target"), reduction: reduction, beta: try float("beta"))
        case "HuberLoss":
            return try huberLoss(try tensor("input"), try tensor("target"), reduction: reduction, delta: try float("delta"))
        case "PoissonNLLLoss":
            return try poissonNLLLoss(try tensor("input"), try tensor("target"), logInput: try flag("log_input"), full: try flag("full"),
                                      eps: try float("eps"), reduction: reduction)
        case "GaussianNLLLoss":
            return try gaussianNLLLoss(try tensor("input"), try tensor("target"), try tensor("var"), full: try flag("full"),
                                       eps: try float("eps"), reduction: reduction)
        case "KLDivLoss":
            return try klDiv(try tensor("input"), try tensor("target"), reduction: reduction, logTarget: try flag("log_target"))
        case "MarginRankingLoss":
            return try marginRankingLoss(try tensor("input1"), try tensor("input2"), try tensor("target"), margin: try float("margin"),
                                         reduction: reduction)
        case "HingeEmbeddingLoss":
            return try hingeEmbeddingLoss(try tensor("input"), try tensor("target"), margin: try float("margin"), reduction: reduction)
        case "MultiLabelMarginLoss":
            return try multilabelMarginLoss(try tensor("input"), try integer("target"), reduction: reduction)
        case "SoftMarginLoss": return try softMarginLoss(try tensor("input"), try tensor("target"), reduction: reduction)
        case "MultiLabelSoftMarginLoss":
            return try multilabelSoftMarginLoss(try tensor("input"), try tensor("target"), weight: try weight("weight"), reduction: reduction)
        case "CosineEmbeddingLoss":
            return try cosineEmbeddingLoss(try tensor("input1"), try tensor("input2"), try tensor("target"), margin: try float("margin"),
                                           reduction: reduction)
        case "MultiMarginLoss":
            return try multiMarginLoss(try tensor("input"), try integer("target"), p: try int("p"), margin: try float("margin"),
                                       weight: try weight("weight"), reduction: reduction)
        case "TripletMarginLoss":
            return try tripletMarginLoss(anchor: try tensor("anchor"), positive: try tensor("positive"), negative: try tensor("negative"),
                                         margin: try float("margin"), p: try float("p"), eps: try float("eps"), swap: try flag("swap"),
                                         reduction: reduction)
        case "CTCLoss":
            return try ctcLoss(logProbs: try tensor("log_probs"), targets: try integer("targets"),
                               inputLengths: try integer("input_lengths").data, targetLengths: try integer("target_lengths").data,
                               blank: try int("blank"), reduction: reduction, zeroInfinity: try flag("zero_infinity"))
        default:
            throw LossError.invalidValue("no loss named \(name)")
        }
    }
}
