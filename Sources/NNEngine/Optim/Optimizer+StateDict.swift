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
    /// - Throws: `OptimizerError.invalidStateDict` when the group or parameter counts differ.
    public func loadStateDict(_ dict: OptimizerStateDict) throws {
        guard dict.paramGroups.count == paramGroups.count else {
            throw OptimizerError.invalidStateDict(
                "loaded state dict has \(dict.paramGroups.count) parameter groups, the optimizer has \(paramGroups.count)")
        }
        for (index, saved) in dict.paramGroups.enumerated() where saved.params.count != paramGroups[index].params.count {
            throw OptimizerError.invalidStateDict(
                "loaded state dict contains a parameter group that doesn't match the size of optimizer's group \(index)")
        }
        let total = orderedParams.reduce(0) { $0 + $1.toArray().count }
        var restored: [ObjectIdentifier: ParameterState] = [:]
        for (index, saved) in dict.paramGroups.enumerated() {
            for (p, number) in zip(paramGroups[index].params, saved.params) {
                if let s = dict.state[String(number)] {
                    let count = p.toArray().count
                    guard s.buffers.values.allSatisfy({ $0.count == count || $0.count == total }) else {
                        throw OptimizerError.invalidStateDict("state of parameter \(number) does not match its size")
                    }
                    restored[ObjectIdentifier(p)] = s
                }
            }
            for (name, value) in saved.options { setOption(name, value, group: index) }
        }
        state = restored
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
