import NNRuns
import NNStudies
import NNCharts
import NNText

/// Each loss and its gradient against the prediction, and the loss examples of lessons 002 and
/// 003: each with the lesson's inputs, every reduction, and the value the lesson prints.
struct LossesScreen: StudyScreen {
    /// What `i` changes: the study's configuration, and the line being typed with its last refusal.
    struct Settings: Sendable {
        var configuration = LossGallery.Configuration()
        /// The example being typed (`LossRequest(line:)`); nil when not typing.
        var line: String?
        var error: String?
    }

    let study = "losses"
    var settings = LiveSettings(Settings())

    func title(for snapshot: LossGallery.Snapshot?) -> String {
        let typing = settings.value
        guard let line = typing.line else { return "loss functions against the prediction" }
        return "your example: \(line)▏ " + (typing.error.map { "(\($0))" } ?? "(Enter computes, Esc cancels)")
    }

    var isTyping: Bool { settings.value.line != nil }

    var keys: [KeyBinding<StudyAction>] {
        guard isTyping else {
            return [KeyBinding(.character("i"), "i", "your example",
                               "type your own loss example: LOSS; input; target; name=value", .redraw)]
        }
        let text = (0x20...0x7E).compactMap { Unicode.Scalar($0).map { (Key.character(Character($0)), StudyAction.redraw) } }
        return [KeyBinding(.enter, "Enter", "compute", "compute the example typed (restarts the study)", .restart),
                KeyBinding(.escape, "Esc", "cancel", "leave your example as it was", .redraw),
                KeyBinding("text", "type", help: "text ⌫", "type the line: MSELoss; [1, 2]; [3, 5]", text + [(.backspace, .redraw)])]
    }

    /// `i` starts typing one's own example (from the current one); while typing every key edits
    /// the line, Enter computes it (restarting the study with it), Esc leaves it as it was.
    func handle(_ key: Key) -> StudyAction? {
        guard settings.value.line != nil else {
            guard key == .character("i") else { return nil }
            settings.update { $0.line = $0.configuration.own?.line ?? ""; $0.error = nil }
            return .redraw
        }
        switch key {
        case .character(let c) where !c.isNewline && c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }):
            settings.update { $0.line?.append(c); $0.error = nil }
        case .backspace: settings.update { _ = $0.line?.popLast(); $0.error = nil }
        case .escape: settings.update { $0.line = nil; $0.error = nil }
        case .enter:
            return settings.update { (s: inout Settings) -> StudyAction in
                do {
                    let request = try LossRequest(line: s.line ?? "")
                    _ = try request.example()
                    s.configuration.own = request
                    s.line = nil
                    s.error = nil
                    return .restart
                } catch {
                    s.error = "\(error)".displaySafe
                    return .redraw
                }
            }
        default: break
        }
        return .redraw
    }

    /// The values table's columns: the example, its value under each reduction, what the lesson prints.
    static let columns = ["example", "none", "sum", "mean", "lesson prints"]
    /// Which of them stay in a narrow panel: the mean, then what the lesson prints, the sum,
    /// and last every element.
    static let columnPriorities = [5, 1, 2, 4, 3]

    func panels(for snapshot: LossGallery.Snapshot) -> [Panel] {
        var panels = snapshot.curves.map { c in
            Panel(title: c.title, xLabel: "prediction", yLabel: "",
                  series: [Series(label: "loss", x: c.prediction, y: c.loss), Series(label: "d/dpred", x: c.prediction, y: c.grad)])
        }
        // On a small terminal the values fold last and the inputs first (tab shows each).
        for (title, chosen) in Self.groups(snapshot.examples) {
            panels.append(Panel(title: title, content: .table(columns: Self.columns, rows: Self.rows(chosen)),
                                priority: 2, columnPriorities: Self.columnPriorities))
            panels.append(Panel(title: "\(title): inputs",
                                content: .table(columns: ["example", "inputs"], rows: Self.inputRows(chosen))))
        }
        return panels.map { panel in
            var panel = panel
            if case .lines = panel.content { (panel.priority, panel.minimumWidth, panel.minimumHeight) = (1, 30, 8) }
            return panel
        }
    }

    /// The examples in tables short enough for a 24-line terminal: one's own (`--loss`), lesson
    /// 002's classification losses, its other losses, and lesson 003's worked examples.
    static func groups(_ examples: [LossExample]) -> [(String, [LossExample])] {
        let classification: Set<String> = ["CrossEntropyLoss", "NLLLoss", "BCELoss", "BCEWithLogitsLoss"]
        let groups = [
            ("your example", examples.filter { $0.lesson == nil }),
            ("lesson 002: CrossEntropy, NLL, BCE", examples.filter { $0.lesson == 2 && classification.contains($0.loss) }),
            ("lesson 002: the other losses", examples.filter { $0.lesson == 2 && !classification.contains($0.loss) }),
            ("lesson 003: worked examples", examples.filter { $0.lesson == 3 }),
        ]
        return groups.filter { !$0.1.isEmpty }
    }

    /// One row per example: its title, its value under none (every element), sum and mean, and the
    /// lesson's printed values (marked when they differ).
    static func rows(_ examples: [LossExample]) -> [[String]] {
        examples.map { example in
            var mean = example.outcome("mean").map(format) ?? ""
            if let batchmean = example.outcome("batchmean") { mean += " batchmean " + format(batchmean) }
            let printed = example.printed.map { p in
                "\(p.reduction == "none" ? "[\(p.index)] " : "")\(p.text.count > 8 ? NumberFormat.short(Double(p.text) ?? .nan, digits: 5) : p.text)"
                    + (p.agrees ? "" : " (differs)")
            }
            return [example.title, example.outcome("none").map(format) ?? "", example.outcome("sum").map(format) ?? "",
                    mean, printed.joined(separator: ", ")]
        }
    }

    /// One row per example: its title and its inputs with their values.
    static func inputRows(_ examples: [LossExample]) -> [[String]] {
        examples.map { example in
            let inputs = example.inputs.map { input in
                "\(input.name) \(input.summary ?? format(values: input.values, shape: input.shape))"
            }
            return [example.title, inputs.joined(separator: "; ")]
        }
    }

    /// An outcome's values as nested brackets by its shape, four significant digits each.
    static func format(_ outcome: LossExample.Outcome) -> String { format(values: outcome.values, shape: outcome.shape) }

    static func format(values: [Double], shape: [Int]) -> String {
        let texts = values.map { NumberFormat.short($0, digits: 4) }
        guard !shape.isEmpty, texts.count == shape.reduce(1, *) else { return texts.joined(separator: ", ") }
        func nest(_ dims: ArraySlice<Int>, _ items: ArraySlice<String>) -> String {
            guard let first = dims.first, dims.count > 1 else { return "[" + items.joined(separator: ", ") + "]" }
            let size = items.count / Swift.max(first, 1)
            return "[" + (0..<first).map { i in
                nest(dims.dropFirst(), items.dropFirst(i * size).prefix(size))
            }.joined(separator: ", ") + "]"
        }
        return nest(shape[...], texts[...])
    }

    func findings(for snapshot: LossGallery.Snapshot, unicode: Bool) -> [Finding] {
        var lines = [
            Finding(text: "Each panel: the loss of one prediction against a fixed target, and d/dpred from autograd.", tone: .dim),
            Finding(text: ""),
            Finding(text: "MSE's gradient grows with the error; L1's is ±1; SmoothL1 and Huber are quadratic "
                + "near the target and linear beyond beta / delta. BCE's gradient blows up as p → 0; "
                + "with logits it is sigmoid(z) − 1, bounded.", tone: .dim),
            Finding(text: ""),
            Finding(text: "CrossEntropy of [1,2] for class 0 is log(1 + e) = 1.3133; weights divide by the "
                + "summed weights of the targets; pos_weight 3 triples a positive's loss: 0.3133 × 3 = 0.9398.", tone: .dim),
        ]
        let examples = snapshot.examples
        for example in examples where example.lesson == nil {
            let values = example.outcomes.map { "\($0.reduction) \(Self.format($0))" }
            lines.insert(contentsOf: [Finding(text: "Your example, \(example.title): " + values.joined(separator: "; ") + "."), Finding(text: "")],
                         at: 0)
        }
        for example in examples {
            for p in example.printed where !p.agrees {
                lines.append(Finding(text: ""))
                lines.append(Finding(
                    text: "Lesson 00\(example.lesson ?? 0) prints \(example.title) = \(p.text) (\(p.reduction)); PyTorch and "
                        + "nndash give \(NumberFormat.short(p.computed, digits: 5)): \(p.why ?? "the lesson's value differs").",
                    tone: .bad))
            }
        }
        for example in examples {
            guard let note = example.note else { continue }
            lines.append(Finding(text: ""))
            lines.append(Finding(text: "\(example.loss): \(note)", tone: .dim))
        }
        return lines
    }
}
