import NNRuns

extension ActivationGallery.Configuration {
    /// The parameters as `--json` prints them and `run.json` records them.
    public var params: JSONValue {
        ["low": .number(low), "high": .number(high), "points": .int(points),
         "softmax_input": JSONValue(softmaxInput), "leaky_relu_negative_slope": 0.1]
    }

    /// The configuration `params` describes.
    public init(params: JSONValue) throws(RecordedRunError) {
        let reader = RecordedParams(params)
        // The Jacobian takes one backward pass per element: a handful, as the study uses.
        guard let input = params["softmax_input"]?.doubleArray, (1...64).contains(input.count) else {
            throw RecordedRunError("the run's parameter softmax_input is not a list of 1 to 64 numbers")
        }
        self.init(low: try reader.number("low"), high: try reader.number("high"), points: try reader.int("points"),
                  softmaxInput: input)
    }
}

extension ActivationGallery {
    /// One activation on the grid: its values and its gradient from autograd.
    public struct Curve: Hashable, Sendable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        public var grad: [Double]

        public init(name: String, x: [Double], y: [Double], grad: [Double]) {
            self.name = name
            self.x = x
            self.y = y
            self.grad = grad
        }
    }

    /// The gallery at one moment: the activations drawn so far, and softmax's Jacobian.
    public struct Snapshot: StudySnapshot {
        public static let study = ActivationGallery.name
        public var configuration: Configuration
        public var curves: [Curve]
        /// ∂softmax(v)_i/∂v_j at the configuration's input.
        public var softmaxJacobian: [[Double]]
        /// The largest |gradient| of Σ softmax(x): 0 up to rounding, since the sum is always 1.
        public var softmaxSumGradMaxAbs: Double?

        public init(configuration: Configuration, curves: [Curve], softmaxJacobian: [[Double]]) {
            self.configuration = configuration
            self.curves = curves
            self.softmaxJacobian = softmaxJacobian
            softmaxSumGradMaxAbs = curves.first { $0.name == "softmax" }.map { $0.grad.map { Swift.abs($0) }.max() ?? 0 }
        }

        public var report: StudyReport {
            let series = curves.flatMap { c in
                [Series(label: c.name, panel: c.name, x: c.x, y: c.y), Series(label: "d/dx", panel: c.name, x: c.x, y: c.grad)]
            }
            var summary: [(String, JSONValue)] = []
            if let softmaxSumGradMaxAbs { summary.append(("softmax_sum_grad_max_abs", .number(softmaxSumGradMaxAbs))) }
            summary.append(("softmax_jacobian", .array(softmaxJacobian.map { JSONValue($0) })))
            summary.append(("layers", .object(curves.compactMap { c in
                ActivationRole.of(c.name).map { (c.name, JSONValue.string($0.layers)) }
            })))
            return StudyReport(study: Self.study, params: configuration.params, series: series, summary: .object(summary))
        }

        /// Rebuilds the curves from their recorded points (`x`, `y`, `grad`), in the order recorded;
        /// the Jacobian is the one of the recorded softmax input.
        public init(recorded: StudyReport) throws(RecordedRunError) {
            let configuration = try Configuration(params: recorded.params)
            var names: [String] = []
            for s in recorded.series where !names.contains(s.label) { names.append(s.label) }
            let curves = names.map { name -> Curve in
                func metric(_ key: String) -> [Double] { recorded.series.first { $0.label == name && $0.panel == key }.map(\.y.array) ?? [] }
                let (x, y, grad) = (metric("x"), metric("y"), metric("grad"))
                let n = Swift.min(x.count, y.count, grad.count)
                return Curve(name: name, x: Array(x.prefix(n)), y: Array(y.prefix(n)), grad: Array(grad.prefix(n)))
            }
            self.init(configuration: configuration, curves: curves,
                      softmaxJacobian: (try? ActivationGallery.softmaxJacobian(configuration.softmaxInput)) ?? [])
        }
    }
}
