import Foundation
import NNText

/// The base of every optimizer: PyTorch's data model (`defaults`, `param_groups`, `state`) and its
/// `step()` / `step(closure:)`.
///
/// `defaults` fill the options a group does not name; `paramGroups` hold per-group hyperparameters
/// by PyTorch's names; `state` is created lazily per parameter on its first update. Optimizers that
/// update each parameter on its own derive from `TypedOptimizer`, which reads each group's options
/// into a typed value once per change of the groups; L-BFGS overrides `step(closure:)`.
open class Optimizer {
    /// The options a parameter group takes when it does not name them.
    public let defaults: [String: Hyperparameter]
    /// The parameter groups, in order.
    @exclusivity(unchecked) public private(set) var paramGroups: [ParamGroup] = [] {
        didSet { paramGroupsRevision &+= 1 }
    }
    /// Changes whenever `paramGroups` change, so an optimizer can keep what it reads from the options.
    @exclusivity(unchecked) public private(set) var paramGroupsRevision = 0
    /// The per-parameter state, keyed by the parameter's identity.
    ///
    /// The optimizer's properties are not checked for overlapping access at run time (an optimizer
    /// is used from one thread at a time, and each access is short).
    @exclusivity(unchecked) public internal(set) var state: [ObjectIdentifier: ParameterState] = [:]

    /// An optimizer over `params` (one group) followed by `paramGroups`, with `defaults` for unnamed options.
    ///
    /// As in PyTorch, the constructor's arguments (`defaults`) are checked, a group's own values
    /// are not: a group may name a negative learning rate, which then ascends.
    /// - Throws: `OptimizerError` for an empty parameter list, a duplicate parameter, a bad
    ///   constructor argument, or a group value the update cannot run with (`validateLimits`).
    public init(params: [Tensor], paramGroups: [ParamGroup], defaults: [String: Hyperparameter]) throws {
        self.defaults = defaults
        let groups = (params.isEmpty ? [] : [ParamGroup(params: params)]) + paramGroups
        guard !groups.isEmpty else { throw OptimizerError.invalidUsage("optimizer got an empty parameter list") }
        try validate(ParamGroup(params: [], options: defaults))
        for group in groups { try addParamGroup(group) }
    }

    /// Checks the constructor's arguments (given as a group of `defaults`); subclasses throw
    /// PyTorch's message naming the bad value.
    open func validate(_ group: ParamGroup) throws {
        let lr = group.learningRate
        guard lr >= 0 else { throw OptimizerError.invalidHyperparameter("Invalid learning rate: \(lr)") }
    }

    /// Checks what every group must hold for `update` to run at all (counts it loops over);
    /// PyTorch checks nothing of a group, so this refuses only what would hang or trap.
    open func validateLimits(_ group: ParamGroup) throws {}

    /// Checks one parameter's loaded state against what `update` reads: every buffer holds one
    /// value per element of `parameter`, a step count (`"step"`) is a whole number of at most
    /// 2^53, and there are no histories.
    /// - Parameters:
    ///   - total: the number of elements of all parameters (L-BFGS keeps flat vectors).
    ///   - group: the options the state will be used with.
    /// - Throws: `OptimizerError.invalidStateDict` naming the value that does not fit.
    open func validate(state: ParameterState, of parameter: Tensor, total: Int, group: ParamGroup) throws {
        let count = parameter.count
        for (name, buffer) in state.buffers where buffer.count != count {
            throw OptimizerError.invalidStateDict("\(name) has \(counted(buffer.count, "value")), the parameter \(count)")
        }
        try Self.requireCount(state.scalars["step"], "step")
        if let name = state.lists.keys.sorted().first {
            throw OptimizerError.invalidStateDict("\(name) is a history \(type(of: self)) does not keep")
        }
    }

    /// Adds a parameter group; options it does not name take `defaults` (PyTorch's `add_param_group`,
    /// which checks none of the group's values).
    /// - Throws: `OptimizerError` if a parameter is already in another group or a value fails `validateLimits`.
    open func addParamGroup(_ group: ParamGroup) throws {
        var group = group
        for (name, value) in defaults where group.options[name] == nil { group.options[name] = value }
        let existing = Set(paramGroups.flatMap { $0.params.map(ObjectIdentifier.init) })
        let added = group.params.map(ObjectIdentifier.init)
        guard Set(added).count == added.count, existing.isDisjoint(with: added) else {
            throw OptimizerError.invalidUsage("some parameters appear in more than one parameter group")
        }
        try validateLimits(group)
        paramGroups.append(group)
    }

    /// Sets the hyperparameter `name` of group `index` (a scheduler's way to change `"lr"` or `"momentum"`).
    public func setOption(_ name: String, _ value: Hyperparameter, group index: Int) {
        paramGroups[index].options[name] = value
    }

    /// Clears the gradients of every parameter: to nil (`setToNone`, PyTorch's default) or to zeros.
    public func zeroGrad(setToNone: Bool = true) {
        for index in paramGroups.indices {
            for p in paramGroups[index].params { clearGradient(of: p, setToNone: setToNone) }
        }
    }

    /// Performs one optimization step over every parameter that has a gradient.
    /// - Throws: `OptimizerError.invalidUsage` when the step cannot run as asked (a gradient's
    ///   size differs from its parameter's; L-BFGS needs a closure; SparseAdam sparse gradients).
    open func step() throws {
        preconditionFailure("\(type(of: self)) must override step()")
    }

    /// Performs one step with a closure that clears the gradients, recomputes the loss with
    /// gradient recording on and runs backward (PyTorch's `step(closure)`); returns the closure's loss.
    ///
    /// Optimizers that re-evaluate the loss (L-BFGS) call it as often as they need; the others
    /// call it once, then `step()`.
    @discardableResult
    open func step(closure: () throws -> Float) throws -> Float {
        let loss = try setGradEnabled(true) { try closure() }
        try step()
        return loss
    }

    /// Every parameter in group order: the numbering of `stateDict()`.
    public var orderedParams: [Tensor] { paramGroups.flatMap(\.params) }
}
