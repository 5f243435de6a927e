import NNEngine
import NNRuns
import NNStudies

/// Checks experiment `optimizer_session`: `nndash optim-api`'s own session (lesson 000's
/// optimizer API) run with the case's parameters, and after every call its parameters,
/// gradients (None as null), loss, state dict and the gap to the optimizer a load replaced.
extension ParityRunner {
    func checkOptimizerSession(_ c: ParityCase) throws {
        let configuration: OptimizerSession.Configuration
        do {
            configuration = try OptimizerSession.Configuration(params: try c.require("params"))
        } catch {
            throw ParityError.malformed("params: \(error)")
        }
        guard let expected = c.field("moments")?.arrayValue, expected.count == configuration.actions.count else {
            throw ParityError.malformed("moments needs one entry per action")
        }
        var study = try OptimizerSession.checked(configuration)
        while try study.step() != nil {}
        guard let snapshot = study.snapshot as? OptimizerSession.Snapshot else { throw ParityError.malformed("no session") }
        for (i, (e, m)) in zip(expected, snapshot.moments).enumerated() {
            try compare(c, e, m, at: "moments[\(i)] \(m.action.rawValue)")
        }
    }

    private func compare(_ c: ParityCase, _ e: JSONValue, _ m: OptimizerSession.Moment, at: String) throws(ParityError) {
        func absent(_ what: String, expected: String, actual: String) {
            c.fail("\(at) \(what) is \(actual), expected \(expected)", expected: .nan, actual: .nan, largestError: .infinity)
        }
        switch (c.field("loss", in: e)?.doubleValue, m.loss) {
        case let (expected?, actual?): c.compare("\(at) loss", expected: expected, actual: actual)
        case (nil, nil): break
        case (let expected, _): absent("loss", expected: expected == nil ? "none" : "a number", actual: m.loss == nil ? "none" : "a number")
        }
        for name in OptimizerSession.parameterNames {
            c.compare("\(at) \(name)", expected: try c.numbers(name, in: try c.require("params", in: e)), actual: m.params[name] ?? [])
            try compareGrad("\(at) \(name).grad", e["grads"]?[name], m.grads[name] ?? nil, c)
            if let before = e["grad_before_backward"] {
                try compareGrad("\(at) \(name).grad before backward", before[name], m.gradBefore[name] ?? nil, c)
            }
        }
        let states = c.field("state", in: e)?.objectValue ?? []
        let keys = Set(states.map(\.0)), actualKeys = Set(m.stateDict.state.keys)
        if keys != actualKeys {
            absent("state's parameters", expected: keys.sorted().description, actual: actualKeys.sorted().description)
        }
        for (key, members) in states {
            let state = m.stateDict.state[key] ?? ParameterState()
            for (name, value) in members.objectValue ?? [] {
                if let number = value.doubleValue {
                    c.compare("\(at) state[\(key)].\(name)", expected: number, actual: state.scalars[name] ?? .nan)
                } else if let values = value.doubleArray {
                    c.compare("\(at) state[\(key)].\(name)", expected: values, actual: (state.buffers[name] ?? []).map(Double.init))
                } else {
                    throw .malformed("\(at) state[\(key)].\(name) is neither a number nor numbers")
                }
            }
        }
        let groups = c.field("param_groups", in: e)?.arrayValue ?? []
        guard groups.count == m.stateDict.paramGroups.count else {
            absent("param_groups' count", expected: "\(groups.count)", actual: "\(m.stateDict.paramGroups.count)")
            return
        }
        for (g, (expected, actual)) in zip(groups, m.stateDict.paramGroups).enumerated() {
            c.compare("\(at) param_groups[\(g)].params", expected: try c.numbers("params", in: expected),
                      actual: actual.params.map(Double.init))
            for (name, value) in actual.options.sorted(by: { $0.key < $1.key }) {
                let what = "\(at) param_groups[\(g)].\(name)"
                guard let reference = expected[name] else {
                    absent(what, expected: "absent", actual: value.description)
                    continue
                }
                switch value {
                case .number(let v): c.compare(what, expected: reference.doubleValue ?? .nan, actual: v)
                case .numbers(let v): c.compare(what, expected: reference.doubleArray ?? [], actual: v)
                case .flag(let v):
                    if reference.boolValue != v { absent(what, expected: reference.jsonText, actual: value.description) }
                case .text(let v):
                    if reference.stringValue != v { absent(what, expected: reference.jsonText, actual: v) }
                case .null:
                    if !reference.isNull { absent(what, expected: reference.jsonText, actual: "None") }
                }
            }
        }
        switch (c.field("gap_to_uninterrupted", in: e)?.doubleValue, m.gapToUninterrupted) {
        case let (expected?, actual?): c.compare("\(at) gap to the uninterrupted optimizer", expected: expected, actual: actual)
        case (nil, nil): break
        default: absent("gap to the uninterrupted optimizer", expected: "\(c.field("gap_to_uninterrupted", in: e) != nil)",
                        actual: "\(m.gapToUninterrupted != nil)")
        }
    }

    /// Compares a gradient, where null (PyTorch's None) must be nil.
    private func compareGrad(_ what: String, _ expected: JSONValue?, _ actual: [Double]?, _ c: ParityCase) throws(ParityError) {
        guard let expected, !expected.isNull else {
            if actual != nil { c.fail("\(what) has values, expected None", expected: .nan, actual: .nan, largestError: .infinity) }
            return
        }
        guard let values = expected.doubleArray else { throw .malformed("\(what) is neither null nor numbers") }
        guard let actual else {
            c.fail("\(what) is None, expected values", expected: .nan, actual: .nan, largestError: .infinity)
            return
        }
        c.compare(what, expected: values, actual: actual)
    }
}
