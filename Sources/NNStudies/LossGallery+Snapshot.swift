import NNRuns

extension LossGallery.Configuration {
    /// The parameters as `--json` prints them and `run.json` records them.
    public var params: JSONValue {
        guard let own else { return ["points": .int(points)] }
        return ["points": .int(points), "loss": .string(own.loss), "inputs": .array(own.inputs.map { .string($0) }),
                "target": own.target.map { .string($0) } ?? .null, "options": .array(own.options.map { .string($0) })]
    }

    /// The configuration `params` describes.
    public init(params: JSONValue) throws(RecordedRunError) {
        var own: LossRequest?
        if let loss = params["loss"]?.stringValue {
            own = LossRequest(loss: loss, inputs: (params["inputs"]?.arrayValue ?? []).compactMap(\.stringValue),
                              target: params["target"]?.stringValue,
                              options: (params["options"]?.arrayValue ?? []).compactMap(\.stringValue))
        }
        self.init(points: try RecordedParams(params).int("points"), own: own)
    }
}

/// One loss against the prediction for a fixed target, with its gradient from autograd.
public struct LossCurve: Hashable, Sendable {
    public var name: String
    /// The fixed target, in words (`0`, `class 0 of logits (z, 0)`).
    public var target: String
    public var prediction: [Double]
    public var loss: [Double]
    public var grad: [Double]

    public init(name: String, target: String, prediction: [Double], loss: [Double], grad: [Double]) {
        self.name = name
        self.target = target
        self.prediction = prediction
        self.loss = loss
        self.grad = grad
    }

    /// The curve's panel title: its loss and target.
    public var title: String { "\(name) (target \(target))" }
}

extension LossGallery {
    /// The gallery at one moment: the loss curves drawn so far and the lessons' examples.
    public struct Snapshot: StudySnapshot {
        public static let study = LossGallery.name
        public var configuration: Configuration
        public var curves: [LossCurve]
        /// The loss examples of lessons 002 and 003, each with the value the lesson prints.
        public var examples: [LossExample]

        public init(configuration: Configuration, curves: [LossCurve], examples: [LossExample]) {
            self.configuration = configuration
            self.curves = curves
            self.examples = examples
        }

        public var report: StudyReport {
            let series = curves.flatMap { c in
                [Series(label: "loss", params: ["target": .string(c.target)], panel: c.title, x: c.prediction, y: c.loss),
                 Series(label: "d/dpred", params: ["target": .string(c.target)], panel: c.title, x: c.prediction, y: c.grad)]
            }
            return StudyReport(study: Self.study, params: configuration.params, series: series,
                               summary: ["examples": .array(examples.map(\.json))])
        }

        /// Rebuilds the curves from their recorded points (`prediction`, `loss`, `grad`), each
        /// target from its series' parameters; the examples from the recorded findings.
        public init(recorded: StudyReport) throws(RecordedRunError) {
            let configuration = try Configuration(params: recorded.params)
            var names: [String] = []
            for s in recorded.series where !names.contains(s.label) { names.append(s.label) }
            var curves: [LossCurve] = []
            for name in names {
                func metric(_ key: String) -> Series? { recorded.series.first { $0.label == name && $0.panel == key } }
                guard let target = metric("loss")?.params["target"]?.stringValue else {
                    throw RecordedRunError("the loss \(name.displaySafe) has no recorded target")
                }
                let (x, y, grad) = (metric("prediction")?.y ?? [], metric("loss")?.y ?? [], metric("grad")?.y ?? [])
                let n = Swift.min(x.count, y.count, grad.count)
                curves.append(LossCurve(name: name, target: target.displaySafe, prediction: Array(x.prefix(n)),
                                        loss: Array(y.prefix(n)), grad: Array(grad.prefix(n))))
            }
            let examples = (recorded.summary["examples"]?.arrayValue ?? []).compactMap(LossExample.init(json:))
            self.init(configuration: configuration, curves: curves, examples: examples)
        }
    }
}
