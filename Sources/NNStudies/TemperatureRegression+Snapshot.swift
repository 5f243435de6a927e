import NNEngine
import NNRuns

extension TemperatureRegression.Run {
    /// The fit's parameters, as its series records them.
    public var params: JSONValue { ["optimizer": .string(optimizer.rawValue), "lr": .number(lr), "input_scale": .number(inputScale)] }

    init(params: JSONValue) throws(RecordedRunError) {
        let reader = RecordedParams(params)
        self.init(optimizer: try reader.optimizer("optimizer", among: OptimizerName.plainStep), lr: try reader.number("lr"), inputScale: try reader.number("input_scale"))
    }
}

extension TemperatureRegression.Configuration {
    /// The parameters as `--json` prints them and `run.json` records them.
    public var params: JSONValue {
        [
            "runs": .array(runs.map(\.params)), "epochs": .int(epochs), "w0": 1.0, "b0": 0.0,
            "validation_fraction": .number(validationFraction), "seed": .int(Int(seed)),
        ]
    }

    /// The configuration `params` describes.
    public init(params: JSONValue) throws(RecordedRunError) {
        let reader = RecordedParams(params)
        guard let values = params["runs"]?.arrayValue else { throw RecordedRunError("the run's parameter runs is not a list") }
        var runs: [TemperatureRegression.Run] = []
        for value in values.prefix(10) { runs.append(try TemperatureRegression.Run(params: value)) }
        guard (1...9).contains(values.count) else { throw RecordedRunError("the run's parameter runs does not list 1 to 9 fits") }
        let seed = try reader.int("seed"), fraction = try reader.number("validation_fraction")
        guard seed >= 0 else { throw RecordedRunError("the run's parameter seed is negative") }
        guard (0...0.5).contains(fraction) else { throw RecordedRunError("the run's parameter validation_fraction is not in 0...0.5") }
        self.init(runs: runs, epochs: try reader.int("epochs"), validationFraction: fraction, seed: UInt64(seed))
    }
}

extension TemperatureRegression {
    /// One fit epoch by epoch: the loss before each update, and w and b after it.
    public struct Trace: Hashable, Sendable {
        public var run: Run
        public var loss: [Double] = []
        /// w as the model learns it: on the scaled input `inputScale·t_u`.
        public var w: [Double] = []
        public var b: [Double] = []
        /// The loss on the held-out readings in each epoch, at the parameters of that epoch's
        /// training loss (before its update; the split's fit only).
        public var validationLoss: [Double] = []

        public init(run: Run) { self.run = run }

        /// The losses before updates 0, 500, 1000, ...
        public var lossEvery500: [Double] { Swift.stride(from: 0, to: loss.count, by: 500).map { loss[$0] } }

        /// The epochs the lesson prints for its split, counted from 1 as it counts them: 1, 2, 3
        /// and every 500th; each with the training and validation loss computed in that epoch.
        public var lessonLines: [(epoch: Int, train: Double, validation: Double)] {
            let n = Swift.min(loss.count, validationLoss.count)
            return (1...Swift.max(n, 1)).filter { $0 <= n && ($0 <= 3 || $0 % 500 == 0) }
                .map { ($0, loss[$0 - 1], validationLoss[$0 - 1]) }
        }

        /// The fitted line t_c = w·scale·t_u + b at `t_u`, after the latest update.
        public func line(at tu: Double) -> Double? {
            guard let w = w.last, let b = b.last else { return nil }
            return w * run.inputScale * tu + b
        }
    }

    /// The regression at one moment: each fit's trace, and the split's.
    public struct Snapshot: StudySnapshot {
        public static let study = TemperatureRegression.name
        public var configuration: Configuration
        public var fits: [Trace]
        /// The seed's scaled SGD on the training readings, with its validation loss; nil without a split.
        public var split: Trace?
        public var trainingIndices: [Int]
        public var validationIndices: [Int]
        /// Each fit's gradient at the start (w = 1, b = 0), by grad_fn and by autograd.
        public var startGradients: [GradientCheck]
        /// Each fit's gradient at its latest w and b; nil before its first epoch.
        public var gradients: [GradientCheck?]
        /// Whether a loss records the graph in each grad-mode scope.
        public var gradMode: GradModeCheck

        public init(configuration: Configuration, fits: [Trace], split: Trace?) {
            self.configuration = configuration
            self.fits = fits
            self.split = split
            (trainingIndices, validationIndices) = TemperatureRegression.split(configuration)
            let all = Array(TemperatureRegression.tc.indices)
            startGradients = fits.map { TemperatureRegression.gradientCheck($0.run, w: 1, b: 0, indices: all) }
            gradients = fits.map { trace in
                guard let w = trace.w.last, let b = trace.b.last else { return nil }
                return TemperatureRegression.gradientCheck(trace.run, w: w, b: b, indices: all)
            }
            gradMode = .measured()
        }

        /// The readings, in increasing t_u.
        public static var readings: (tu: [Double], tc: [Double]) {
            let order = tu.indices.sorted { tu[$0] < tu[$1] }
            return (order.map { Double(tu[$0]) }, order.map { Double(tc[$0]) })
        }

        /// The span of t_u the fitted lines are drawn over.
        public static var span: [Double] { [Double(tu.min() ?? 0), Double(tu.max() ?? 1)] }

        public var report: StudyReport {
            func epochs(_ values: [Double]) -> [Double] { values.indices.map(Double.init) }
            let losses = fits.map { Series(label: $0.run.label, params: $0.run.params, panel: "loss", x: epochs($0.loss), y: $0.loss) }
            var split: [Series] = [Series(label: "train", panel: "split"), Series(label: "validation", panel: "split")]
            if let trace = self.split {
                split = [Series(label: "train", panel: "split", x: epochs(trace.loss), y: trace.loss),
                         Series(label: "validation", panel: "split", x: epochs(trace.validationLoss), y: trace.validationLoss)]
            }
            let readings = Self.readings
            let data = Series(label: "data", panel: "fit", x: readings.tu, y: readings.tc)
            let lines = fits.map { trace in
                let ends = trace.w.isEmpty ? [] : Self.span
                return Series(label: trace.run.label, panel: "fit", x: ends, y: ends.compactMap(trace.line(at:)))
            }
            let runs = fits.filter { !$0.loss.isEmpty }.map { trace -> JSONValue in
                [
                    "label": .string(trace.run.label), "optimizer": .string(trace.run.optimizer.rawValue), "lr": .number(trace.run.lr),
                    "input_scale": .number(trace.run.inputScale),
                    "final_params": JSONValue([trace.w.last!, trace.b.last!]),
                    "final_loss": .number(trace.loss.last!), "loss_every_500": JSONValue(trace.lossEvery500),
                ]
            }
            var splitSummary: [(String, JSONValue)] = [
                ("train_indices", .array(trainingIndices.map { .int($0) })),
                ("validation_indices", .array(validationIndices.map { .int($0) })),
            ]
            if let trace = self.split, let w = trace.w.last, let b = trace.b.last {
                splitSummary.append(("final_params", JSONValue([w, b])))
                splitSummary.append(("train_loss", .number(trace.loss.last ?? .nan)))
                splitSummary.append(("validation_loss", .number(trace.validationLoss.last ?? .nan)))
                splitSummary.append(("lesson_lines", .array(trace.lessonLines.map {
                    ["epoch": .int($0.epoch), "train_loss": .number($0.train), "validation_loss": .number($0.validation)]
                })))
            }
            func check(_ c: GradientCheck) -> JSONValue {
                ["w": .number(c.w), "b": .number(c.b), "grad_fn": JSONValue(c.manual), "autograd": JSONValue(c.autograd)]
            }
            let gradientRows = fits.indices.map { i -> JSONValue in
                ["label": .string(fits[i].run.label), "start": check(startGradients[i]),
                 "latest": gradients[i].map(check) ?? .null]
            }
            let modes: JSONValue = [
                "plain": .bool(gradMode.plain), "no_grad": .bool(gradMode.noGrad),
                "set_grad_enabled_false": .bool(gradMode.disabled),
                "set_grad_enabled_true_inside_no_grad": .bool(gradMode.enabledInsideNoGrad),
            ]
            return StudyReport(study: Self.study, params: configuration.params, series: losses + split + [data] + lines,
                               summary: ["runs": .array(runs), "split": .object(splitSummary),
                                         "gradients": .array(gradientRows), "loss_requires_grad": modes])
        }

        /// Rebuilds the fits from their recorded `loss`, `w` and `b` metrics, each fit found by its series' parameters.
        public init(recorded: StudyReport) throws(RecordedRunError) {
            let configuration = try Configuration(params: recorded.params)
            func metric(_ label: String, _ name: String) -> [Double] {
                recorded.series.first { $0.label == label && $0.panel == name }?.consecutiveSteps ?? []
            }
            func trace(of run: Run, in label: String, loss: String) -> Trace {
                var trace = Trace(run: run)
                let (l, w, b) = (metric(label, loss), metric(label, "w"), metric(label, "b"))
                let n = Swift.min(l.count, w.count, b.count)
                (trace.loss, trace.w, trace.b) = (Array(l.prefix(n)), Array(w.prefix(n)), Array(b.prefix(n)))
                return trace
            }
            // The fits' series in recorded order, each with the parameters it was recorded with.
            var labels: [String] = []
            for s in recorded.series where s.panel == "loss" && s.label != "split" && !labels.contains(s.label) {
                labels.append(s.label)
            }
            guard labels.count == configuration.runs.count else {
                throw RecordedRunError("the run records \(counted(labels.count, "fit")) but its parameters list \(configuration.runs.count)")
            }
            var fits: [Trace] = []
            for (label, run) in zip(labels, configuration.runs) {
                let params = recorded.series.first { $0.label == label }?.params
                guard params == run.params else { throw RecordedRunError("the fit \(label.displaySafe) was recorded with other parameters") }
                fits.append(trace(of: run, in: label, loss: "loss"))
            }
            var split: Trace?
            if !TemperatureRegression.split(configuration).validation.isEmpty {
                var trace = trace(of: TemperatureRegression.splitRun, in: "split", loss: "train_loss")
                trace.validationLoss = Array(metric("split", "val_loss").prefix(trace.loss.count))
                trace.loss = Array(trace.loss.prefix(trace.validationLoss.count))
                trace.w = Array(trace.w.prefix(trace.loss.count))
                trace.b = Array(trace.b.prefix(trace.loss.count))
                split = trace
            }
            self.init(configuration: configuration, fits: fits, split: split)
        }
    }
}
