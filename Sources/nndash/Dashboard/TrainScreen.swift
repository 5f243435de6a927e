import Foundation
import NNCharts
import NNRuns
import NNStudies
import NNText

/// A training run: loss, accuracy and learning rate, what the model predicts (decision regions
/// of 2-D data or sample images) and the epoch table; `c` saves a checkpoint.
struct TrainScreen: StudyScreen {
    /// Where `c` asks the run to save its state; nil for a replayed run.
    var checkpointRequest: CheckpointRequest?
    let study = "train"

    func title(for snapshot: Training.Snapshot?) -> String { "training a classifier" }

    var keys: [KeyBinding<StudyAction>] {
        guard let checkpointRequest else { return [] }
        let name = checkpointRequest.url.lastPathComponent.displaySafe
        return [KeyBinding(.character("c"), "c", "checkpoint", "save a checkpoint (\(name))",
                           .message("checkpoint asked for: saved to \(name) after this iteration"))]
    }

    func handle(_ key: Key) -> StudyAction? {
        guard let action: StudyAction = keys.action(for: key), let checkpointRequest else { return nil }
        checkpointRequest.request()
        return action
    }

    func news(since old: Training.Snapshot?, now new: Training.Snapshot) -> String? {
        if let saved = new.savedCheckpoint, saved.iteration != old?.savedCheckpoint?.iteration {
            return "checkpoint saved at iteration \(saved.iteration): \(saved.path)"
        }
        if let failed = new.checkpointError, failed.iteration != old?.checkpointError?.iteration {
            return "checkpoint at iteration \(failed.iteration) failed: \(failed.message)"
        }
        return nil
    }

    func panels(for snapshot: Training.Snapshot) -> [Panel] {
        let raw = snapshot.trainLoss
        let losses = [
            raw,
            Series(label: "train loss (smoothed)", x: raw.x.array, y: Self.smoothed(raw.y.array)),
            snapshot.perEpoch("validation loss", panel: "loss", \.validationLoss),
        ]
        return [
            Panel(title: "loss (train per iteration, validation per epoch)", xLabel: "iteration", yLabel: "cross entropy",
                  series: losses),
            Panel(title: "accuracy per epoch", xLabel: "iteration", yLabel: "accuracy",
                  series: [snapshot.perEpoch("train accuracy", panel: "accuracy", \.trainAccuracy),
                           snapshot.perEpoch("validation accuracy", panel: "accuracy", \.validationAccuracy)],
                  yPercent: true),
            Panel(title: "learning rate", xLabel: "iteration", yLabel: "lr",
                  series: [snapshot.learningRate]),
        ] + predictionPanels(snapshot.predictions, classes: snapshot.classes)
    }

    /// The name of class `k`.
    private static func name(_ k: Int, _ classes: [String]) -> String { k < classes.count ? classes[k] : String(k) }

    /// The predicted class over the plane, or the sample images side by side.
    private func predictionPanels(_ view: PredictionView?, classes: [String]) -> [Panel] {
        switch view {
        case nil: return []
        case .boundary(let b):
            let values = (0..<b.rows).map { r in (0..<b.columns).map { Double(b.classes[r * b.columns + $0]) } }
            let count = max(classes.count, (b.classes.max() ?? -1) + 1)
            return [Panel(title: "predicted class", xLabel: "x₁", yLabel: "x₂",
                          content: .heatmap(HeatmapContent(values: values, xRange: b.xRange, yRange: b.yRange, logValues: false,
                                                           classes: (0..<count).map { Self.name($0, classes) })))]
        case .images(let height, let width, let images):
            // One row of images with a one-pixel gap, the gap at the lowest value.
            var values = [[Double]](repeating: [], count: height)
            for (i, image) in images.enumerated() {
                for r in 0..<height {
                    if i > 0 { values[r].append(0) }
                    values[r] += image.pixels[(r * width)..<((r + 1) * width)]
                }
            }
            let captions = images.map { image in
                image.label == image.predicted ? Self.name(image.label, classes)
                    : "\(Self.name(image.label, classes))→\(Self.name(image.predicted, classes))"
            }
            let span = Double(values[0].count)
            return [Panel(title: "validation images: " + captions.joined(separator: " · "), xLabel: "", yLabel: "",
                          content: .heatmap(HeatmapContent(values: values, xRange: 0...span, yRange: 0...Double(height), logValues: false)))]
        }
    }

    func findings(for snapshot: Training.Snapshot, unicode: Bool) -> [Finding] {
        let c = snapshot.configuration
        var lines: [Finding] = []
        let epochs = c.epochs
        lines.append(Finding(text: "\(c.model.rawValue) on \(c.data.description)", tone: .heading))
        lines.append(Finding(text: "\(c.optimizer.rawValue) lr \(NumberFormat.short(c.learningRate)), \(c.scheduler.rawValue)", tone: .dim))
        lines.append(Finding(text: "epoch \(min(snapshot.epoch + 1, epochs))/\(epochs), iteration \(snapshot.iteration)/\(snapshot.totalIterations)"))
        if let saved = snapshot.savedCheckpoint {
            lines.append(Finding(text: "checkpoint at iteration \(saved.iteration): \(saved.path)", tone: .dim))
        }
        if let failed = snapshot.checkpointError {
            lines.append(Finding(text: "checkpoint at iteration \(failed.iteration) failed: \(failed.message)"
                + " (training goes on; the next save tries again)", tone: .bad))
        }
        if let speed = snapshot.iterationsPerSecond, let eta = snapshot.etaSeconds {
            lines.append(Finding(text: "\(NumberFormat.short(speed)) it/s, ETA \(Self.duration(eta))", tone: .dim))
        }
        let rows = snapshot.epochs
        if let last = rows.last {
            let classes = snapshot.classes.count
            let chance = classes > 0 ? 1 / Double(classes) : 0
            lines.append(Finding(text: "validation accuracy \(NumberFormat.percent(last.validationAccuracy))",
                                 tone: last.validationAccuracy > chance + 0.5 * (1 - chance) ? .good : .plain))
        }
        if !rows.isEmpty {
            lines.append(Finding(text: ""))
            lines.append(Finding(text: "epoch  train loss  val loss  val acc", tone: .heading))
            for row in rows.suffix(8) {
                let cells = [String(row.epoch), NumberFormat.short(row.trainLoss), NumberFormat.short(row.validationLoss),
                             NumberFormat.percent(row.validationAccuracy)]
                lines.append(Finding(text: zip(cells, [7, 12, 10, 8]).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                    .joined().trimmingCharacters(in: .whitespaces)))
            }
        }
        if let text = Self.overfittingText(snapshot) {
            lines += [Finding(text: ""), Finding(text: "Train against validation", tone: .heading), Finding(text: text)]
        }
        if let text = Self.scheduleText(snapshot) {
            lines += [Finding(text: ""), Finding(text: "Learning rate by epoch", tone: .heading), Finding(text: text)]
        }
        lines += predictionLines(snapshot.predictions, classes: snapshot.classes)
        return lines
    }

    /// The loss and accuracy charts say what the curves show about overfitting; the learning
    /// rate's chart what the scheduler did, epoch by epoch.
    func caption(for snapshot: Training.Snapshot, panel: Int) -> String? {
        switch panel {
        case 0, 1: Self.overfittingText(snapshot)
        case 2: Self.scheduleText(snapshot)
        default: nil
        }
    }

    /// What the train and validation losses show about overfitting, from this run's epochs.
    static func overfittingText(_ snapshot: Training.Snapshot) -> String? {
        guard let o = snapshot.overfitting else {
            return "Validation loss is measured after each epoch; a model overfits when it rises while training loss falls."
        }
        var text = "Lowest validation loss \(NumberFormat.short(o.bestValidationLoss)) at epoch \(o.bestEpoch) of \(o.lastEpoch); "
            + "validation − training loss now \(NumberFormat.short(o.gap)). "
        if let first = o.risingWhileTrainingFalls.first {
            let epochs = o.risingWhileTrainingFalls.map(String.init).joined(separator: ", ")
            text += "Validation rose while training fell at epoch\(o.risingWhileTrainingFalls.count > 1 ? "s" : "") \(epochs): "
                + "from epoch \(first) the model fits the training set's noise (overfitting); the weights of epoch "
                + "\(o.bestEpoch) generalize best."
        } else if o.bestEpoch == o.lastEpoch {
            text += "Both still fall: no sign of overfitting yet."
        } else {
            text += "Validation is above its best, though training did not fall as it rose: noise, not yet overfitting."
        }
        return text
    }

    /// The learning rate each run of epochs trained at, and whether the scheduler's step came within the run.
    static func scheduleText(_ snapshot: Training.Snapshot) -> String? {
        let runs = snapshot.learningRateByEpoch
        guard !runs.isEmpty else { return nil }
        let c = snapshot.configuration
        var text = runs.map { "lr \(NumberFormat.short($0.lr)) in epoch\($0.first == $0.last ? " \($0.first)" : "s \($0.first)–\($0.last)")" }
            .joined(separator: ", ") + "."
        if c.scheduler == .StepLR {
            text += " StepLR(step_size=\(c.stepSize), gamma=\(NumberFormat.short(c.gamma))) multiplies the lr by "
                + "\(NumberFormat.short(c.gamma)) after every \(c.stepSize) epochs"
            text += c.epochs <= c.stepSize ? ": in \(c.epochs) epochs it never fires." : "."
        }
        return text
    }

    /// An exponential moving average with weight 0.9 on the past, debiased as fastai and
    /// Lightning smooth their loss curves.
    static func smoothed(_ values: [Double]) -> [Double] { ExponentialAverage.of(values, beta: 0.9) }

    /// The size of the decision-region map in characters.
    static let mapWidth = 36, mapHeight = 14

    /// A duration as `42s`, `3m 05s` or `2h 10m`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "—" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m " + String(format: "%02ds", s % 60) }
        return "\(s / 3600)h " + String(format: "%02dm", s / 60 % 60)
    }

    /// The decision regions as a character map (one letter per class, the validation points
    /// in capitals), or the sample images' labels and predictions.
    private func predictionLines(_ view: PredictionView?, classes: [String]) -> [Finding] {
        guard let view else { return [] }
        switch view {
        case .boundary(let b):
            var lines = [Finding(text: ""), Finding(text: "Decision regions", tone: .heading)]
            let letters = Array("abcdefghijklmnopqrstuvwxyz")
            // Nearest-neighbour resampling to a map that fits the side panel.
            let (width, height) = (Self.mapWidth, Self.mapHeight)
            var map = (0..<height).map { r in
                (0..<width).map { c in letters[b.classes[(r * b.rows / height) * b.columns + c * b.columns / width] % 26] }
            }
            let (x0, x1, y0, y1) = (b.xRange.lowerBound, b.xRange.upperBound, b.yRange.lowerBound, b.yRange.upperBound)
            for p in b.points {
                // Clamped as numbers first: a point far outside (a recorded file's) makes no Int overflow.
                let fx = (p.x - x0) / (x1 - x0) * Double(width), fy = (y1 - p.y) / (y1 - y0) * Double(height)
                guard fx.isFinite, fy.isFinite else { continue }
                let c = Int(Swift.min(Double(width - 1), Swift.max(0, fx)))
                let r = Int(Swift.min(Double(height - 1), Swift.max(0, fy)))
                map[r][c] = Character(letters[p.label % 26].uppercased())
            }
            lines += map.map { Finding(text: String($0), tone: .dim) }
            lines.append(Finding(text: "lower case: predicted class; capitals: validation points", tone: .dim))
            return lines
        case .images(_, _, let images):
            var lines = [Finding(text: ""), Finding(text: "Validation samples", tone: .heading)]
            for image in images {
                lines.append(Finding(text: "\(Self.name(image.label, classes)) → \(Self.name(image.predicted, classes))",
                                     tone: image.label == image.predicted ? .good : .bad))
            }
            return lines
        }
    }
}
