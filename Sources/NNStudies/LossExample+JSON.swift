import NNRuns

/// A loss example as `--json` prints it and a recorded run keeps it, and read back from there.
extension LossExample {
    public var json: JSONValue {
        func shape(_ s: [Int]) -> JSONValue { .array(s.map { .int($0) }) }
        return [
            "lesson": lesson.map { .int($0) } ?? .null, "loss": .string(loss), "options": .string(options),
            "inputs": .array(inputs.map { input in
                ["name": .string(input.name), "shape": shape(input.shape), "values": JSONValue(input.values),
                 "summary": input.summary.map { .string($0) } ?? .null]
            }),
            "outcomes": .array(outcomes.map { ["reduction": .string($0.reduction), "shape": shape($0.shape), "values": JSONValue($0.values)] }),
            "printed": .array(printed.map { p in
                ["reduction": .string(p.reduction), "index": .int(p.index), "text": .string(p.text), "computed": .number(p.computed),
                 "agrees": .bool(p.agrees), "why": p.why.map { .string($0) } ?? .null]
            }),
            "note": note.map { .string($0) } ?? .null,
        ]
    }

    /// The example `json` describes, or nil when a field is missing or of the wrong type.
    public init?(json: JSONValue) {
        /// A shape: sizes of at least 0 whose product (the element count, which screens nest
        /// values by) is an `Int`.
        func shape(_ value: JSONValue?) -> [Int]? {
            guard let items = value?.arrayValue else { return nil }
            let ints = items.compactMap(\.intValue).filter { $0 >= 0 }
            var count = 1
            for size in ints {
                let (product, overflow) = count.multipliedReportingOverflow(by: size)
                guard !overflow else { return nil }
                count = product
            }
            return ints.count == items.count ? ints : nil
        }
        let lesson = json["lesson"]?.intValue
        guard lesson != nil || json["lesson"]?.isNull == true, let loss = json["loss"]?.stringValue,
              let options = json["options"]?.stringValue, let inputs = json["inputs"]?.arrayValue,
              let outcomes = json["outcomes"]?.arrayValue, let printed = json["printed"]?.arrayValue
        else { return nil }
        var operands: [Operand] = []
        for input in inputs {
            guard let name = input["name"]?.stringValue, let s = shape(input["shape"]), let values = input["values"]?.doubleArray
            else { return nil }
            operands.append(Operand(name: name, shape: s, values: values, summary: input["summary"]?.stringValue))
        }
        var results: [Outcome] = []
        for outcome in outcomes {
            guard let reduction = outcome["reduction"]?.stringValue, let s = shape(outcome["shape"]),
                  let values = outcome["values"]?.doubleArray
            else { return nil }
            results.append(Outcome(reduction: reduction, shape: s, values: values))
        }
        var lines: [Printed] = []
        for p in printed {
            guard let reduction = p["reduction"]?.stringValue, let index = p["index"]?.intValue, let text = p["text"]?.stringValue,
                  let computed = p["computed"]?.doubleValue
            else { return nil }
            lines.append(Printed(reduction: reduction, index: index, text: text, computed: computed, why: p["why"]?.stringValue))
        }
        self.init(lesson: lesson, loss: loss, options: options, inputs: operands, outcomes: results, printed: lines,
                  note: json["note"]?.stringValue)
    }
}
