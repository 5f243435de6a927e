import NNRuns

extension Training {
    /// A training run at one moment: the loss and learning rate of every iteration, each
    /// finished epoch's metrics, and what the model predicts.
    public struct Snapshot: StudySnapshot {
        public static let study = Training.name
        public var configuration: TrainingConfiguration
        public var iterationsPerEpoch: Int
        /// The class names of the data, by class number.
        public var classes: [String]
        /// The loss of each iteration's batch, before its update (x: the iteration, from 1).
        public var trainLoss: Series
        /// The learning rate each iteration used.
        public var learningRate: Series
        /// The metrics of each finished epoch.
        public var epochs: [EpochMetrics]
        public var predictions: PredictionView?
        /// The measured speed; nil in a replay.
        public var iterationsPerSecond: Double?
        /// The last checkpoint saved on request, and the last that failed.
        public var savedCheckpoint: (iteration: Int, path: String)?
        public var checkpointError: (iteration: Int, message: String)?

        public init(configuration: TrainingConfiguration, iterationsPerEpoch: Int, classes: [String], trainLoss: Series,
                    learningRate: Series, epochs: [EpochMetrics], predictions: PredictionView?) {
            self.configuration = configuration
            self.iterationsPerEpoch = iterationsPerEpoch
            self.classes = classes
            self.trainLoss = trainLoss
            self.learningRate = learningRate
            self.epochs = epochs
            self.predictions = predictions
        }

        /// Iterations done.
        public var iteration: Int { trainLoss.x.last.flatMap { Int(exactly: $0) } ?? 0 }
        /// Epochs finished.
        public var epoch: Int { epochs.count }
        public var totalIterations: Int {
            let (total, overflow) = configuration.epochs.multipliedReportingOverflow(by: iterationsPerEpoch)
            return overflow ? .max : total
        }
        /// The seconds left at the measured speed.
        public var etaSeconds: Double? { iterationsPerSecond.map { (Double(totalIterations) - Double(iteration)) / $0 } }

        /// A per-epoch metric as a series against the iteration the epoch ended at.
        public func perEpoch(_ label: String, panel: String, _ value: (EpochMetrics) -> Double) -> Series {
            Series(label: label, panel: panel, x: epochs.map { Double($0.iteration) }, y: epochs.map(value))
        }

        public var report: StudyReport {
            var series = [
                trainLoss, perEpoch("validation loss", panel: "loss", \.validationLoss),
                perEpoch("train accuracy", panel: "accuracy", \.trainAccuracy),
                perEpoch("validation accuracy", panel: "accuracy", \.validationAccuracy), learningRate,
            ]
            (series[0].label, series[0].panel, series[4].label, series[4].panel) = ("train loss", "loss", "lr", "lr")
            var summary: [(String, JSONValue)] = [
                ("epoch", .int(epoch)), ("iteration", .int(iteration)), ("total_iterations", .int(totalIterations)),
                ("classes", .array(classes.map { .string($0) })),
                ("epochs", .array(epochs.map(\.json))),
            ]
            if let last = epochs.last {
                summary.append(("final_validation_accuracy", .number(last.validationAccuracy)))
                summary.append(("final_validation_loss", .number(last.validationLoss)))
            }
            if let iterationsPerSecond, let etaSeconds {
                summary.append(("iterations_per_second", .number(iterationsPerSecond)))
                summary.append(("eta_seconds", .number(etaSeconds)))
            }
            if let savedCheckpoint {
                summary.append(("saved_checkpoint", ["iteration": .int(savedCheckpoint.iteration), "path": .string(savedCheckpoint.path)]))
            }
            if let checkpointError {
                summary.append(("checkpoint_error", ["iteration": .int(checkpointError.iteration), "message": .string(checkpointError.message)]))
            }
            summary.append(("predictions", predictions?.json ?? .null))
            return StudyReport(study: Self.study, params: configuration.params, series: series, summary: .object(summary))
        }

        /// Rebuilds the run from its recorded `train` metrics (every iteration) and `validation`
        /// metrics (every epoch); the predictions, class names and checkpoints come from the
        /// recorded findings, and only when they describe the same iteration.
        public init(recorded: StudyReport) throws(RecordedRunError) {
            let configuration: TrainingConfiguration
            do {
                configuration = try TrainingConfiguration(params: recorded.params)
            } catch {
                guard case .invalidCheckpoint(let message) = error else { throw RecordedRunError(error.description) }
                throw RecordedRunError("the run's settings are not a training run's: \(message.displaySafe)")
            }
            func metric(_ record: String, _ name: String) -> Series? {
                recorded.series.first { $0.label == record && $0.panel == name }
            }
            let loss = metric("train", "loss") ?? Series(label: "train"), lr = metric("train", "lr") ?? Series(label: "train")
            let n = Swift.min(loss.x.count, lr.x.count)
            let trainLoss = Series(label: "train loss", panel: "loss", x: Array(loss.x.prefix(n)), y: Array(loss.y.prefix(n)))
            let learningRate = Series(label: "lr", panel: "lr", x: Array(lr.x.prefix(n)), y: Array(lr.y.prefix(n)))
            // Each validation record ends an epoch: its metrics, at the learning rate of that iteration.
            var epochs: [EpochMetrics] = []
            if let validation = metric("validation", "loss") {
                let rate = Dictionary(zip(learningRate.x, learningRate.y), uniquingKeysWith: { $1 })
                func value(_ name: String, _ i: Int) -> Double? {
                    guard let s = metric("validation", name), i < s.x.count, s.x[i] == validation.x[i] else { return nil }
                    return s.y[i]
                }
                for i in validation.x.indices {
                    guard let accuracy = value("accuracy", i), let trainLoss = value("train_loss", i),
                          let trainAccuracy = value("train_accuracy", i), let lr = rate[validation.x[i]],
                          let at = Int(exactly: validation.x[i]) else { break }
                    epochs.append(EpochMetrics(epoch: epochs.count + 1, iteration: at, trainLoss: trainLoss,
                                               trainAccuracy: trainAccuracy, validationLoss: validation.y[i],
                                               validationAccuracy: accuracy, learningRate: lr))
                }
            }
            let summary = recorded.summary
            // The first iteration of the second epoch tells the epoch's length.
            let epochOf = metric("train", "epoch")
            let secondEpoch = epochOf.flatMap { e in e.y.firstIndex { $0 >= 1 }.flatMap { Int(exactly: e.x[$0] - 1) } }
            let iterationsPerEpoch = Swift.max(0, epochs.first?.iteration ?? secondEpoch
                ?? (summary["total_iterations"]?.intValue ?? 0) / configuration.epochs)
            let classes = (summary["classes"]?.arrayValue ?? []).compactMap(\.stringValue).map(\.displaySafe)
            self.init(configuration: configuration, iterationsPerEpoch: iterationsPerEpoch, classes: classes,
                      trainLoss: trainLoss, learningRate: learningRate, epochs: epochs, predictions: nil)
            // The findings recorded at the end describe the run at that iteration only.
            guard summary["iteration"]?.intValue == iteration else { return }
            predictions = summary["predictions"].flatMap(PredictionView.init(json:))
            if let saved = summary["saved_checkpoint"], let at = saved["iteration"]?.intValue {
                savedCheckpoint = (at, (saved["path"]?.stringValue ?? "").displaySafe)
            }
            if let failed = summary["checkpoint_error"], let at = failed["iteration"]?.intValue {
                checkpointError = (at, (failed["message"]?.stringValue ?? "").displaySafe)
            }
        }
    }
}
