import NNEngine
import NNRuns
import NNStudies
import NNCharts
import NNText

/// Lesson 000's optimizer API: the param groups, each parameter's value, gradient and state, the
/// calls so far and the loss; keys make the next call.
struct OptimizerSessionScreen: StudyScreen {
    let settings: LiveSettings<OptimizerSession.Configuration>
    let study = OptimizerSession.name

    func title(for snapshot: OptimizerSession.Snapshot?) -> String {
        let c = snapshot?.configuration ?? settings.value
        let arguments = c.constructorArguments.map { "\($0.0)=\(NumberFormat.short($0.1))" }.joined(separator: ", ")
        return "torch.optim.\(c.optimizer.rawValue)(\(arguments)): param_groups, state, zero_grad, state_dict"
    }

    var keys: [KeyBinding<StudyAction>] {
        [KeyBinding(.character("n"), "n", "step", "one step: zero_grad() if on, backward(), step()", .restart),
         KeyBinding(.character("g"), "g", "zero_grad on/off", "steps call zero_grad() first, or not (gradients add up)",
                    .restart),
         KeyBinding(.character("a"), "a", "add group", "add_param_group({'params': bias, 'lr': group lr})", .restart),
         KeyBinding(.character("c"), "c", "save", "state_dict(): keep the optimizer's state", .restart),
         KeyBinding(.character("o"), "o", "load", "a new optimizer, then load_state_dict(the saved one)", .restart),
         KeyBinding(.character("u"), "u", "undo", "take back the last call", .restart)]
    }

    func handle(_ key: Key) -> StudyAction? {
        let action: SessionAction
        switch key {
        case .character("n"): action = .step
        case .character("g"): action = settings.value.zeroGradAtEnd ? .zeroGradOff : .zeroGradOn
        case .character("a"): action = .addGroup
        case .character("c"): action = .save
        case .character("o"): action = .load
        case .character("u"):
            settings.update { c in if !c.actions.isEmpty { c.actions.removeLast() } }
            return .restart
        default: return nil
        }
        let added = settings.update { c -> Bool in
            guard c.actions.count < OptimizerSession.Configuration.maximumActions else { return false }
            c.actions.append(action)
            return true
        }
        return added ? .restart : .message("at most \(OptimizerSession.Configuration.maximumActions) calls")
    }

    func panels(for snapshot: OptimizerSession.Snapshot) -> [Panel] {
        guard let moment = snapshot.moments.last else { return [] }
        let groups = Self.groupRows(moment)
        let state = Self.stateRows(moment)
        return [
            Panel(title: "param_groups", content: .table(columns: groups.columns, rows: groups.rows)),
            Panel(title: "parameters (w weight, b bias)",
                  content: .table(columns: ["param", "value", ".grad"], rows: Self.parameterRows(moment))),
            Panel(title: "optimizer.state", content: .table(columns: state.columns, rows: state.rows)),
            Panel(title: "calls, latest first", content: .table(columns: Self.callColumns, rows: Self.callRows(snapshot))),
        ]
    }

    /// A number as the tables write it: a whole number (a count such as `step`) in full.
    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : NumberFormat.short(value, digits: 4, suffixes: false)
    }

    /// A parameter's, gradient's or state's value as lesson 000 prints tensors: four decimals,
    /// in exponent form when that would show no digit.
    static func fixed(_ value: Double) -> String {
        value != 0 && abs(value) < 1e-3 || abs(value) >= 1e5 ? NumberFormat.scientific(value, digits: 3) : NumberFormat.fixed(value, decimals: 4)
    }

    /// A group option as the tables write it.
    static func option(_ value: Hyperparameter) -> String {
        switch value {
        case .number(let v): NumberFormat.short(v, digits: 6)
        case .numbers(let v): "(" + v.map(number).joined(separator: ", ") + ")"
        default: value.description
        }
    }

    /// One row per option, one column per group: PyTorch's `param_groups` side by side.
    static func groupRows(_ m: OptimizerSession.Moment) -> (columns: [String], rows: [[String]]) {
        let groups = m.stateDict.paramGroups
        let names = Set(groups.flatMap(\.options.keys)).sorted { a, b in
            (a == "lr" ? 0 : 1, a) < (b == "lr" ? 0 : 1, b)
        }
        let rows = [["params"] + groups.indices.map { m.groupParams($0).joined(separator: ", ") }]
            + names.map { name in [name] + groups.map { $0.options[name].map(option) ?? "–" } }
        return (["option"] + groups.indices.map { "group \($0)" }, rows)
    }

    /// The elements' names: `w[0,0]` … `b[1]` (w the weight, b the bias).
    static let elements: [(parameter: String, index: Int, label: String)] =
        (0..<4).map { ("weight", $0, "w[\($0 / 2),\($0 % 2)]") } + (0..<2).map { ("bias", $0, "b[\($0)]") }

    /// One row per element: its value and its `.grad` (None when it has none).
    static func parameterRows(_ m: OptimizerSession.Moment) -> [[String]] {
        elements.map { e in
            let value = m.params[e.parameter].flatMap { $0.indices.contains(e.index) ? $0[e.index] : nil }
            let grad: String
            if let g = m.grads[e.parameter] ?? nil {
                grad = g.indices.contains(e.index) ? fixed(g[e.index]) : "?"
            } else {
                grad = "None"
            }
            return [e.label, value.map(fixed) ?? "?", grad]
        }
    }

    /// One row per element: each buffer of its parameter's state at the element, and the
    /// parameter's scalars (`step`); `–` where the parameter has no state yet.
    static func stateRows(_ m: OptimizerSession.Moment) -> (columns: [String], rows: [[String]]) {
        let states = OptimizerSession.parameterNames.map { m.state(of: $0) }
        let buffers = Set(states.flatMap(\.buffers.keys)).sorted()
        let scalars = Set(states.flatMap(\.scalars.keys)).sorted()
        let rows = elements.map { e -> [String] in
            let state = m.state(of: e.parameter)
            return [e.label]
                + buffers.map { b in
                    state.buffers[b].flatMap { $0.indices.contains(e.index) ? compact(Double($0[e.index])) : nil } ?? "–"
                }
                + scalars.map { s in state.scalars[s].map(number) ?? "–" }
        }
        return (["param"] + buffers + scalars, rows)
    }

    /// A state value in about seven characters: three significant digits, two where three are wider.
    static func compact(_ value: Double) -> String {
        let text = NumberFormat.short(value, suffixes: false)
        return text.count <= 7 ? text : NumberFormat.short(value, digits: 2, suffixes: false)
    }

    static let callColumns = ["#", "call", "loss", "grad", "Δ old"]

    /// The calls, latest first: each with its loss, whether its backward found `.grad` (`grad`) None or
    /// kept (adding up), and after a load the largest difference to the optimizer it replaced.
    static func callRows(_ s: OptimizerSession.Snapshot) -> [[String]] {
        s.moments.enumerated().reversed().map { i, m in
            let before = m.action == .step ? ((m.gradBefore["weight"] ?? nil) == nil ? "None" : "kept") : ""
            let note = m.refusal != nil ? "refused" : m.gapToUninterrupted.map { NumberFormat.short($0, digits: 2) }
                ?? (m.action == .save ? "saved" : "")
            return ["\(i + 1)", m.action.call, m.loss.map(number) ?? "", before, note]
        }
    }

    func findings(for snapshot: OptimizerSession.Snapshot, unicode: Bool) -> [Finding] {
        guard let m = snapshot.moments.last else { return [Finding(text: "no call yet: n steps", tone: .dim)] }
        let c = snapshot.configuration
        var lines = [Finding(text: "Call \(snapshot.moments.count): \(m.action.call)", tone: .heading)]
        lines.append(Finding(text: Self.explanation(m, configuration: c), tone: m.refusal == nil ? .plain : .bad))
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "zero_grad() before each step: " + (m.zeroGrad ? "on" : "off (gradients add up)"),
                             tone: m.zeroGrad ? .good : .bad))
        if m.numbers["bias"] == nil {
            lines.append(Finding(text: "bias is in no param group: backward() gives it a .grad, but step() never moves it "
                + "and the optimizer's zero_grad() never clears it (a adds it).", tone: .dim))
        }
        lines.append(Finding(text: "state_dict saved: " + (m.saved ? "yes (o loads it)" : "not yet (c saves)")))
        if let gap = m.gapToUninterrupted {
            lines.append(Finding(text: "Reloaded against the optimizer it replaced: max |Δ| = \(Self.number(gap))"
                + (gap == 0 ? ", the same run." : ": the state was not the one the parameters had."),
                tone: gap == 0 ? .good : .bad))
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: "defaults: what an added group does not name (group 0 was made with them): "
            + (m.stateDict.paramGroups.first?.options.sorted { $0.key < $1.key }
                .map { "\($0.key) \(Self.option($0.value))" }.joined(separator: ", ") ?? "–"), tone: .dim))
        lines.append(Finding(text: "state: per parameter, made at its first step(): what the update keeps between steps. "
            + "state_dict() numbers parameters in group order (weight 0, bias 1) and holds no parameter values.", tone: .dim))
        return lines
    }

    /// What the latest call did, in words, with its numbers.
    static func explanation(_ m: OptimizerSession.Moment, configuration c: OptimizerSession.Configuration) -> String {
        if let refusal = m.refusal { return refusal.displaySafe }
        switch m.action {
        case .step:
            let before = m.gradBefore["weight"] ?? nil, after = m.grads["weight"] ?? nil
            let first = { (values: [Double]?) in values.map { number($0.first ?? .nan) } ?? "None" }
            if before == nil {
                return "zero_grad() left weight.grad None; backward() filled it (weight.grad[0,0] = \(first(after))); "
                    + "step() moved each parameter of a group by its gradient and state."
            }
            return "No zero_grad(): backward() added this step's gradient to the one there, weight.grad[0,0] "
                + "\(first(before)) → \(first(after)); step() used the sum."
        case .zeroGradOn: return "From now on each step calls zero_grad() first: .grad becomes None (set_to_none=True)."
        case .zeroGradOff: return "From now on steps skip zero_grad(): each backward() adds to .grad."
        case .addGroup:
            return "add_param_group({'params': bias, 'lr': \(number(c.groupLR))}): the new group names only lr; "
                + "every other option comes from defaults."
        case .save:
            return "state_dict(): {'state': …, 'param_groups': …}, kept to load later (torch.save would write it to a file)."
        case .load:
            return "A new \(c.optimizer.rawValue) over the same values (empty state) loaded the saved dict: state and options are "
                + "back; the replaced optimizer runs on beside it."
        }
    }
}

extension OptimizerSession.Configuration {
    /// Whether steps call `zero_grad()` after the script's last call.
    var zeroGradAtEnd: Bool {
        actions.last { $0 == .zeroGradOn || $0 == .zeroGradOff }.map { $0 == .zeroGradOn } ?? true
    }
}
