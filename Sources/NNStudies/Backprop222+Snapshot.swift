import NNRuns

extension Backprop222.Configuration {
    /// The parameters as `--json` prints them and `run.json` records them.
    public var params: JSONValue {
        ["input": JSONValue(input.map(Double.init)), "target": JSONValue(target.map(Double.init)),
         "weights1": JSONValue(weights1.map(Double.init)), "weights2": JSONValue(weights2.map(Double.init)),
         "bias1": .number(Double(bias1)), "bias2": .number(Double(bias2)),
         "lr": .number(lr), "steps": .int(steps), "loss": "MSELoss(mean)"]
    }

    /// The configuration `params` describes.
    public init(params: JSONValue) throws(RecordedRunError) {
        let reader = RecordedParams(params)
        self.init(lr: try reader.number("lr"), steps: try reader.int("steps"))
        func floats(_ key: String, _ count: Int) throws(RecordedRunError) -> [Float] {
            guard let values = params[key]?.doubleArray, values.count == count else {
                throw RecordedRunError("the run's parameter \(key) is not \(counted(count, "number"))")
            }
            return values.map { Float($0) }
        }
        input = try floats("input", 2)
        target = try floats("target", 2)
        weights1 = try floats("weights1", 4)
        weights2 = try floats("weights2", 4)
        bias1 = Float(try reader.number("bias1"))
        bias2 = Float(try reader.number("bias2"))
    }
}

extension Backprop222.StepValues {
    /// The tensors of the network and their sizes, in the order they are recorded.
    static let tensors = [("linear1.weight", 4), ("linear1.bias", 2), ("linear2.weight", 4), ("linear2.bias", 2)]

    /// Every value as a named metric (`hidden.0`, `linear1.weight.grad.3`, ...), as the run folder records them.
    public var metrics: [String: Double] {
        var metrics = ["loss": loss]
        for (i, v) in hidden.enumerated() { metrics["hidden.\(i)"] = v }
        for (i, v) in output.enumerated() { metrics["output.\(i)"] = v }
        for (name, _) in Self.tensors {
            for (kind, values) in [("grad", grads[name]), ("before", weightsBefore[name]), ("after", weightsAfter[name])] {
                for (i, v) in (values ?? []).enumerated() { metrics["\(name).\(kind).\(i)"] = v }
            }
        }
        return metrics
    }

    /// The step `metrics` describes; nil when one is missing.
    public init?(metrics: [String: Double]) {
        func values(_ prefix: String, _ count: Int) -> [Double]? {
            let values = (0..<count).compactMap { metrics["\(prefix).\($0)"] }
            return values.count == count ? values : nil
        }
        guard let loss = metrics["loss"], let hidden = values("hidden", 2), let output = values("output", 2) else { return nil }
        var grads: [String: [Double]] = [:], before: [String: [Double]] = [:], after: [String: [Double]] = [:]
        for (name, count) in Self.tensors {
            guard let g = values("\(name).grad", count), let b = values("\(name).before", count),
                let a = values("\(name).after", count)
            else { return nil }
            grads[name] = g
            before[name] = b
            after[name] = a
        }
        self.init(hidden: hidden, output: output, loss: loss, grads: grads, weightsBefore: before, weightsAfter: after)
    }

    /// The value `index` of a tensor's gradient, or of its weights before or after the step.
    public func value(_ tensor: String, _ kind: Kind, _ index: Int) -> Double {
        let values: [Double]? = switch kind {
        case .grad: grads[tensor]
        case .before: weightsBefore[tensor]
        case .after: weightsAfter[tensor]
        }
        guard let values, values.indices.contains(index) else { return .nan }
        return values[index]
    }

    /// Which of a tensor's values.
    public enum Kind: Sendable { case grad, before, after }
}

extension Backprop222 {
    /// The network at one moment: the loss after each step, and everything its first and latest step computed.
    public struct Snapshot: StudySnapshot {
        public static let study = Backprop222.name
        public var configuration: Configuration
        public var losses: [Double]
        public var first: StepValues?
        public var latest: StepValues?

        public init(configuration: Configuration, losses: [Double], first: StepValues?, latest: StepValues?) {
            self.configuration = configuration
            self.losses = losses
            self.first = first
            self.latest = latest
        }

        public var report: StudyReport {
            var summary: [(String, JSONValue)] = []
            func add(_ prefix: String, _ v: StepValues) {
                var members: [(String, JSONValue)] = [
                    ("hidden", JSONValue(v.hidden)), ("output", JSONValue(v.output)), ("loss", .number(v.loss)),
                ]
                for (name, _) in StepValues.tensors {
                    members.append(("\(name).grad", JSONValue(v.grads[name] ?? [])))
                }
                for (name, _) in StepValues.tensors {
                    members.append(("\(name).before_step", JSONValue(v.weightsBefore[name] ?? [])))
                    members.append(("\(name).after_step", JSONValue(v.weightsAfter[name] ?? [])))
                }
                summary.append((prefix, .object(members)))
            }
            if let first { add("first_step", first) }
            if let latest { add("last_step", latest) }
            let series = Series(label: "loss", panel: "loss", x: losses.indices.map(Double.init), y: losses)
            return StudyReport(study: Self.study, params: configuration.params, series: [series], summary: .object(summary))
        }

        public init(recorded: StudyReport) throws(RecordedRunError) {
            let configuration = try Configuration(params: recorded.params)
            let losses = recorded.series.first { $0.label == "loss" && $0.panel == "loss" }?.consecutiveSteps ?? []
            let network = recorded.series.filter { $0.label == "network" }
            func step(_ index: Int) -> StepValues? {
                var metrics: [String: Double] = [:]
                for s in network {
                    guard let name = s.panel, let k = s.x.firstIndex(of: Double(index)) else { continue }
                    metrics[name] = s.y[k]
                }
                return StepValues(metrics: metrics)
            }
            self.init(configuration: configuration, losses: losses, first: losses.isEmpty ? nil : step(0),
                      latest: losses.isEmpty ? nil : step(losses.count - 1))
        }
    }
}
