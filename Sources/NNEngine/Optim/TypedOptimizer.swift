import NNText

/// A parameter group's options as an update reads them: numbers and flags in fields, read from the
/// group's String-keyed dictionary once, not on every step.
public protocol GroupOptions {
    /// Reads `group`'s options (an absent or mistyped number reads 0, a flag false, as `ParamGroup`'s accessors).
    init(_ group: ParamGroup)
}

/// An optimizer whose step updates each parameter on its own, in place.
///
/// `step()` reads each group's options into `Options` again only when the groups changed (a
/// scheduler's `setOption`, `addParamGroup`, `loadStateDict`), then calls
/// `update(_:gradient:state:options:)` with the parameter's and the gradient's own memory and the
/// parameter's state taken out of `state` (its buffers are then the only references, updated
/// without a copy). A state the update leaves empty is not stored, as SGD without momentum keeps none.
open class TypedOptimizer<Options: GroupOptions>: Optimizer {
    @exclusivity(unchecked) private var cachedOptions: (revision: Int, options: [Options]) = (-1, [])
    /// The state handed to updates that keep none, made once rather than every step (its three
    /// empty dictionaries cost more than SGD's update of a scalar).
    @exclusivity(unchecked) private var noState = ParameterState()

    /// Each group's options, in group order.
    public var groupOptions: [Options] {
        if cachedOptions.revision != paramGroupsRevision {
            cachedOptions = (paramGroupsRevision, paramGroups.map(Options.init))
        }
        return cachedOptions.options
    }

    /// Updates every parameter that has a gradient.
    /// - Throws: `OptimizerError.invalidUsage` when a gradient's size differs from its parameter's.
    override open func step() throws { try updateEveryParameter() }

    /// The step of every typed optimizer. A subclass whose step is hot overrides `step()` with a
    /// call of this, which the compiler then specializes for its options and update (SGD does).
    @inline(__always)
    final func updateEveryParameter() throws {
        let options = groupOptions, groups = paramGroups
        // A parameter's state is only ever stored by its own update: none has any when none had any.
        let hadState = !state.isEmpty
        for index in groups.indices {
            let groupOptions = options[index]
            let stateful = updatesState(with: groupOptions)
            for p in groups[index].params {
                guard let grad = p.grad else { continue }
                guard grad.count == p.count else {
                    throw OptimizerError.invalidUsage(
                        "gradient of \(counted(grad.count, "value")) for a parameter of shape \(p.shape)")
                }
                guard stateful else {
                    if p.isContiguous && grad.isContiguous {
                        // The parameter's and the gradient's own memory, without taking references.
                        withExtendedLifetime(p) {
                            withExtendedLifetime(grad) {
                                update(UnsafeMutableBufferPointer(start: p.base, count: p.count),
                                       gradient: UnsafeBufferPointer(start: grad.base, count: grad.count),
                                       state: &noState, options: groupOptions)
                            }
                        }
                        continue
                    }
                    Self.withValues(of: p) { values in
                        grad.withUnsafeBufferPointer { g in update(values, gradient: g, state: &noState, options: groupOptions) }
                    }
                    continue
                }
                let id = ObjectIdentifier(p)
                // Moved out of `state`, so that its buffers have no other reference while updated.
                var stored = hadState ? state.removeValue(forKey: id) : nil
                let existed = stored != nil
                var parameterState = stored.take() ?? ParameterState()
                Self.withValues(of: p) { values in
                    grad.withUnsafeBufferPointer { g in
                        update(values, gradient: g, state: &parameterState, options: groupOptions)
                    }
                }
                if existed || !parameterState.isEmpty { state[id] = parameterState }
            }
        }
    }

    /// False when an update with `options` neither reads nor writes the parameter's state (SGD
    /// without momentum): the step then leaves `state` alone.
    open func updatesState(with options: Options) -> Bool { true }

    /// Applies one update to one parameter.
    /// - Parameters:
    ///   - parameter: the parameter's values, updated in place.
    ///   - gradient: its gradient, of the same count.
    ///   - state: its state, empty before the first update.
    ///   - options: the options of its group.
    open func update(
        _ parameter: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
        state: inout ParameterState, options: Options
    ) {
        preconditionFailure("\(type(of: self)) must override update(_:gradient:state:options:)")
    }

    /// Runs `body` on `p`'s values: its own memory when contiguous, else a copy written back after.
    static func withValues(of p: Tensor, _ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let values = p.contiguousValues()
        withExtendedLifetime(values) { body(UnsafeMutableBufferPointer(start: values.base, count: values.count)) }
        if values !== p { p.copy(from: values) }
    }
}

extension ParameterState {
    /// True when the state holds nothing.
    var isEmpty: Bool { scalars.isEmpty && buffers.isEmpty && lists.isEmpty }

    /// Takes the buffer `name` out of `buffers` (`count` copies of `fill` when absent), so that the
    /// caller holds its only reference and updates it without a copy; assign it back to `buffers[name]`.
    mutating func take(_ name: String, count: Int, fill: Float = 0) -> [Float] {
        buffers.removeValue(forKey: name) ?? [Float](repeating: fill, count: count)
    }
}
