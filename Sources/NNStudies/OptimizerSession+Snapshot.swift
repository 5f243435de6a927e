import NNEngine
import NNRuns

extension OptimizerSession.Configuration {
    /// The parameters as `--json` prints them and `run.json` records them.
    public var params: JSONValue {
        ["optimizer": .string(optimizer.rawValue), "lr": .number(lr), "momentum": .number(momentum), "group_lr": .number(groupLR),
         "loss": .string(loss.rawValue), "seed": .int(Int(seed)),
         "actions": .array(actions.map { .string($0.rawValue) })]
    }

    /// The configuration `params` describes.
    public init(params: JSONValue) throws(RecordedRunError) {
        let reader = RecordedParams(params)
        var actions: [SessionAction] = []
        for value in params["actions"]?.arrayValue ?? [] {
            guard let action = value.stringValue.flatMap(SessionAction.init(rawValue:)) else {
                throw RecordedRunError("the run's parameter actions holds \(value.jsonText.displaySafe), not a call")
            }
            actions.append(action)
        }
        guard actions.count <= Self.maximumActions else {
            throw RecordedRunError("the run's parameter actions holds more than \(Self.maximumActions) calls")
        }
        self.init(actions: actions)
        optimizer = try reader.optimizer("optimizer", among: Self.optimizers)
        lr = try reader.number("lr")
        momentum = try reader.number("momentum")
        groupLR = try reader.number("group_lr")
        guard let loss = SessionLoss(rawValue: try reader.string("loss")) else {
            throw RecordedRunError("the run's parameter loss is not one of \(SessionLoss.allCases.map(\.rawValue))")
        }
        self.loss = loss
        let seed = try reader.int("seed")
        guard seed >= 0 else { throw RecordedRunError("the run's parameter seed is negative") }
        self.seed = UInt64(seed)
    }
}

extension OptimizerStateDict {
    /// The state dict as PyTorch prints it: `{"state": {"0": {...}}, "param_groups": [{..., "params": [0]}]}`.
    public var json: JSONValue {
        let states: [(String, JSONValue)] = state.keys.sorted { (Int($0) ?? 0, $0) < (Int($1) ?? 0, $1) }.map { key in
            let s = state[key] ?? ParameterState()
            let members = s.scalars.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.number($0.value)) }
                + s.buffers.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) }
            return (key, .object(members))
        }
        let groups: [JSONValue] = paramGroups.map { group in
            .object(group.options.sorted { $0.key < $1.key }.map { ($0.key, $0.value.json) }
                + [("params", .array(group.params.map { .int($0) }))])
        }
        return ["state": .object(states), "param_groups": .array(groups)]
    }
}

extension Hyperparameter {
    /// The value as JSON: numbers, booleans, strings, lists of numbers, null.
    var json: JSONValue {
        switch self {
        case .number(let v): .number(v)
        case .flag(let v): .bool(v)
        case .text(let v): .string(v)
        case .numbers(let v): JSONValue(v)
        case .null: .null
        }
    }
}

extension OptimizerSession.Moment {
    /// Every value as a named metric, as the run folder records them: `param.weight.0`,
    /// `grad.bias.1` (absent: None), `state.weight.momentum_buffer.3`, `group.1.lr`, ...
    public var metrics: [String: Double] {
        var m: [String: Double] = [
            "action": Double(SessionAction.allCases.firstIndex(of: action) ?? 0), "steps": Double(steps),
            "zero_grad": zeroGrad ? 1 : 0, "saved": saved ? 1 : 0,
        ]
        if let loss { m["loss"] = loss }
        if let gapToUninterrupted { m["gap"] = gapToUninterrupted }
        if let refusal { m["refused"] = refusal.hasPrefix(Self.nothingSaved) ? 1 : 2 }
        func put(_ prefix: String, _ values: [Double]) {
            for (i, v) in values.enumerated() { m["\(prefix).\(i)"] = v }
        }
        for name in OptimizerSession.parameterNames {
            put("param.\(name)", params[name] ?? [])
            if let g = grads[name] ?? nil { put("grad.\(name)", g) }
            if let g = gradBefore[name] ?? nil { put("grad_before.\(name)", g) }
            if gradBefore[name] != nil { m["stepped.\(name)"] = 1 }
            guard let number = numbers[name] else { continue }
            m["number.\(name)"] = Double(number)
            guard let s = stateDict.state[String(number)] else { continue }
            m["state.\(name)"] = 1
            for (key, value) in s.scalars { m["state.\(name).\(key)"] = value }
            for (key, values) in s.buffers { put("state.\(name).\(key)", values.map(Double.init)) }
        }
        for (g, group) in stateDict.paramGroups.enumerated() {
            put("group.\(g).params", group.params.map(Double.init))
            for (name, value) in group.options {
                switch value {
                case .number(let v): m["group.\(g).number.\(name)"] = v
                case .flag(let v): m["group.\(g).flag.\(name)"] = v ? 1 : 0
                case .numbers(let v): put("group.\(g).numbers.\(name)", v)
                case .null: m["group.\(g).null.\(name)"] = 0
                case .text: break
                }
            }
        }
        return m
    }

    /// The start of the refusal of a load with nothing saved.
    static let nothingSaved = "nothing saved yet"

    /// The moment `metrics` describes; nil when a value it needs is missing.
    public init?(metrics m: [String: Double]) {
        guard let code = m["action"].flatMap({ Int(exactly: $0) }), SessionAction.allCases.indices.contains(code),
              let steps = m["steps"].flatMap({ Int(exactly: $0) }), let zeroGrad = m["zero_grad"],
              let saved = m["saved"]
        else { return nil }
        func list(_ prefix: String) -> [Double]? {
            var values: [Double] = []
            while let v = m["\(prefix).\(values.count)"] { values.append(v) }
            return values.isEmpty ? nil : values
        }
        var params: [String: [Double]] = [:], grads: [String: [Double]?] = [:], before: [String: [Double]?] = [:]
        var numbers: [String: Int] = [:], states: [String: ParameterState] = [:]
        for name in OptimizerSession.parameterNames {
            params[name] = list("param.\(name)") ?? []
            grads[name] = list("grad.\(name)")
            if m["stepped.\(name)"] != nil { before[name] = list("grad_before.\(name)") }
            guard let number = m["number.\(name)"].flatMap({ Int(exactly: $0) }) else { continue }
            numbers[name] = number
            guard m["state.\(name)"] != nil else { continue }
            var s = ParameterState()
            let prefix = "state.\(name)."
            for (key, value) in m where key.hasPrefix(prefix) {
                let rest = key.dropFirst(prefix.count).split(separator: ".")
                if rest.count == 1 {
                    s.scalars[String(rest[0])] = value
                } else if rest.count == 2, s.buffers[String(rest[0])] == nil, let values = list(prefix + rest[0]) {
                    s.buffers[String(rest[0])] = values.map { Float($0) }
                }
            }
            states[String(number)] = s
        }
        var groups: [OptimizerStateDict.Group] = []
        while let members = list("group.\(groups.count).params") {
            let g = groups.count
            var options: [String: Hyperparameter] = [:]
            let prefix = "group.\(g)."
            for (key, value) in m where key.hasPrefix(prefix) {
                let rest = key.dropFirst(prefix.count).split(separator: ".").map(String.init)
                guard rest.count >= 2 else { continue }
                switch rest[0] {
                case "number": options[rest[1]] = .number(value)
                case "flag": options[rest[1]] = .flag(value != 0)
                case "null": options[rest[1]] = .null
                case "numbers": options[rest[1]] = list("group.\(g).numbers.\(rest[1])").map { .numbers($0) }
                default: break
                }
            }
            groups.append(.init(options: options, params: members.compactMap { Int(exactly: $0) }))
        }
        let refusal: String? = switch m["refused"] {
        case 1: Self.nothingSaved + ": state_dict() comes first"
        case .some: "load_state_dict refused"
        case nil: nil
        }
        self.init(action: SessionAction.allCases[code], steps: steps, zeroGrad: zeroGrad != 0, loss: m["loss"],
                  gradBefore: before, params: params, grads: grads,
                  stateDict: OptimizerStateDict(state: states, paramGroups: groups), numbers: numbers, saved: saved != 0,
                  gapToUninterrupted: m["gap"], refusal: refusal)
    }

    /// The moment as `--json` prints it: the call, the loss, parameters, gradients (null: None) and the state dict.
    public var json: JSONValue {
        func tensors(_ values: [String: [Double]?]) -> JSONValue {
            .object(OptimizerSession.parameterNames.compactMap { name in
                values[name].map { (name, $0.map { JSONValue($0) } ?? .null) }
            })
        }
        var members: [(String, JSONValue)] = [
            ("call", .string(action.rawValue)), ("steps", .int(steps)), ("zero_grad", .bool(zeroGrad)),
            ("loss", loss.map(JSONValue.number) ?? .null),
        ]
        if !gradBefore.isEmpty { members.append(("grad_before_backward", tensors(gradBefore))) }
        members += [("params", tensors(params.mapValues { Optional($0) })), ("grads", tensors(grads)),
                    ("state_dict", stateDict.json), ("saved", .bool(saved))]
        if let gapToUninterrupted { members.append(("gap_to_uninterrupted", .number(gapToUninterrupted))) }
        if let refusal { members.append(("refusal", .string(refusal))) }
        return .object(members)
    }
}

extension OptimizerSession {
    /// The session so far: every call and what it left behind.
    public struct Snapshot: StudySnapshot {
        public static let study = OptimizerSession.name
        public var configuration: Configuration
        public var moments: [Moment]

        public init(configuration: Configuration, moments: [Moment]) {
            self.configuration = configuration
            self.moments = moments
        }

        /// The loss at each step's backward pass, by step.
        public var losses: [(step: Int, loss: Double)] {
            moments.compactMap { m in m.loss.map { (m.steps, $0) } }
        }

        public var report: StudyReport {
            let losses = self.losses
            let series = Series(label: "loss", panel: "loss", x: losses.map { Double($0.step) }, y: losses.map(\.loss))
            return StudyReport(study: Self.study, params: configuration.params, series: [series],
                               summary: ["moments": .array(moments.map(\.json))])
        }

        /// Rebuilds every call's moment from its recorded metrics.
        public init(recorded: StudyReport) throws(RecordedRunError) {
            let configuration = try Configuration(params: recorded.params)
            var byStep: [Int: [String: Double]] = [:]
            for s in recorded.series where s.label == "session" {
                guard let name = s.panel else { continue }
                for (x, y) in zip(s.x, s.y) {
                    guard let step = Int(exactly: x), step >= 0, step < configuration.actions.count else { continue }
                    byStep[step, default: [:]][name] = y
                }
            }
            var moments: [Moment] = []
            while let metrics = byStep[moments.count], let moment = Moment(metrics: metrics) { moments.append(moment) }
            self.init(configuration: configuration, moments: moments)
        }
    }
}
