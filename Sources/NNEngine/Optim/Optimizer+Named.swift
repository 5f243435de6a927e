/// The engine's optimizers, by PyTorch's class names.
public enum OptimizerName: String, CaseIterable, Hashable, Sendable {
    case SGD, Adam, AdamW, Adamax, NAdam, RAdam, Adagrad, Adadelta, RMSprop, ASGD, Rprop, SparseAdam, LBFGS

    /// The optimizers whose `step()` takes dense gradients and no closure: all but SparseAdam
    /// (sparse gradients only) and LBFGS (a closure per step).
    public static let plainStep = allCases.filter { $0 != .SparseAdam && $0 != .LBFGS }

    /// Whether the optimizer's constructor takes a `momentum`: SGD's and RMSprop's.
    public var takesMomentum: Bool { self == .SGD || self == .RMSprop }
}

extension Optimizer {
    /// The names `named(_:paramGroups:)` knows, PyTorch's class names.
    public static let names = OptimizerName.allCases.map(\.rawValue)

    /// The optimizer PyTorch calls `name`, over `paramGroups` whose options use PyTorch's names; options
    /// a group omits take PyTorch's defaults.
    /// - Throws: `OptimizerError` for an unknown name or an invalid option.
    public static func named(_ name: String, paramGroups: [ParamGroup]) throws -> Optimizer {
        guard let known = OptimizerName(rawValue: name) else {
            throw OptimizerError.invalidUsage("Unknown optimizer: \(name) (known: \(names.joined(separator: ", ")))")
        }
        return try named(known, paramGroups: paramGroups)
    }

    /// The optimizer `name`, over `paramGroups` whose options use PyTorch's names; options a group
    /// omits take PyTorch's defaults.
    /// - Throws: `OptimizerError` for an invalid option.
    public static func named(_ name: OptimizerName, paramGroups: [ParamGroup]) throws -> Optimizer {
        switch name {
        case .SGD: try SGD(paramGroups: paramGroups)
        case .Adam: try Adam(paramGroups: paramGroups)
        case .AdamW: try AdamW(paramGroups: paramGroups)
        case .Adamax: try Adamax(paramGroups: paramGroups)
        case .NAdam: try NAdam(paramGroups: paramGroups)
        case .RAdam: try RAdam(paramGroups: paramGroups)
        case .Adagrad: try Adagrad(paramGroups: paramGroups)
        case .Adadelta: try Adadelta(paramGroups: paramGroups)
        case .RMSprop: try RMSprop(paramGroups: paramGroups)
        case .ASGD: try ASGD(paramGroups: paramGroups)
        case .Rprop: try Rprop(paramGroups: paramGroups)
        case .SparseAdam: try SparseAdam(paramGroups: paramGroups)
        case .LBFGS: try LBFGS(paramGroups: paramGroups)
        }
    }
}
