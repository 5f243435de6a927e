import Foundation

extension Optimizer {
    /// The optimizer's state with parameters numbered in group order.
    public func stateDict() -> OptimizerStateDict {
        var number = 0
        var states: [String: ParameterState] = [:]
        var groups: [OptimizerStateDict.Group] = []
        for group in paramGroups {
            var numbers: [Int] = []
            for p in group.params {
                if let s = state[ObjectIdentifier(p)] { states[String(number)] = s }
                numbers.append(number)
                number += 1
            }
            groups.append(.init(options: group.options, params: numbers))
        }
        return OptimizerStateDict(state: states, paramGroups: groups)
    }

    /// Restores options and state saved by `stateDict()` onto this optimizer's parameters.
    ///
    /// A state dict may come from a file anyone can edit: the options are checked by
    /// `validateLimits` (PyTorch checks none; the rest is left to the update, as there), and each
    /// parameter's state by `validate(state:of:total:)`, before anything is changed.
    /// - Throws: `OptimizerError.invalidStateDict` when the group or parameter counts differ or a
    ///   state does not fit its parameter, `OptimizerError.invalidHyperparameter` for a bad option.
    public func loadStateDict(_ dict: OptimizerStateDict) throws {
        guard dict.paramGroups.count == paramGroups.count else {
            throw OptimizerError.invalidStateDict(
                "loaded state dict has \(dict.paramGroups.count) parameter groups, the optimizer has \(paramGroups.count)")
        }
        for (index, saved) in dict.paramGroups.enumerated() where saved.params.count != paramGroups[index].params.count {
            throw OptimizerError.invalidStateDict(
                "loaded state dict contains a parameter group that doesn't match the size of optimizer's group \(index)")
        }
        var groups = paramGroups
        for (index, saved) in dict.paramGroups.enumerated() {
            for (name, value) in saved.options { groups[index].options[name] = value }
            try validateLimits(groups[index])
        }
        let total = orderedParams.reduce(0) { $0 + $1.count }
        var restored: [ObjectIdentifier: ParameterState] = [:]
        for (index, saved) in dict.paramGroups.enumerated() {
            for (p, number) in zip(paramGroups[index].params, saved.params) {
                guard let s = dict.state[String(number)] else { continue }
                do {
                    try validate(state: s, of: p, total: total, group: groups[index])
                } catch let OptimizerError.invalidStateDict(problem) {
                    throw OptimizerError.invalidStateDict("state of parameter \(number): \(problem)")
                }
                restored[ObjectIdentifier(p)] = s
            }
        }
        for (index, group) in groups.enumerated() {
            for (name, value) in group.options { setOption(name, value, group: index) }
        }
        state = restored
    }

    /// Throws unless `value` (when present) is a whole number in 0...2^53, the counts a state
    /// dict holds as numbers.
    static func requireCount(_ value: Double?, _ name: String) throws {
        guard let value else { return }
        guard value >= 0, value <= 9_007_199_254_740_992, value.rounded() == value else {
            throw OptimizerError.invalidStateDict("its \(name) is \(value), not a count")
        }
    }

    /// Writes `stateDict()` as JSON to `url` (floats round-trip exactly).
    public func save(to url: URL) throws {
        try StateDictCoding.encoder().encode(stateDict()).write(to: url, options: .atomic)
    }

    /// Loads a state dict written by `save(to:)`.
    public func load(from url: URL) throws {
        try loadStateDict(StateDictCoding.decoder().decode(OptimizerStateDict.self, from: Data(contentsOf: url)))
    }
}
