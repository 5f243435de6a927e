import Foundation
import NNEngine
import NNRuns

/// A classifier trained live: one step is one training iteration (a mini-batch), and each
/// epoch ends with a validation pass in evaluation mode under `noGrad`.
///
/// Series: `train loss` and `lr` per iteration, `validation loss`, `train accuracy` and
/// `validation accuracy` per epoch (x is the iteration count at the epoch's end). The summary
/// holds the per-epoch metrics and, for 2-D data, the predicted class over a grid of the plane;
/// for images, a few validation images with their predictions.
public struct Training: Study {
    public static let name = "train"

    public let configuration: TrainingConfiguration
    public let trainSet: Dataset
    public let validationSet: Dataset
    public let loader: DataLoader
    /// Prepares augmented batches ahead, off the training queue; nil when batches are plain copies.
    let prefetcher: BatchPrefetcher?
    public let model: Sequential
    public let optimizer: Optimizer
    public let scheduler: LRScheduler?
    public internal(set) var epoch = 0
    public internal(set) var batchIndex = 0
    public internal(set) var iteration = 0
    public internal(set) var epochs: [EpochMetrics] = []
    var order: [Int]
    var series: [Series]
    /// Sums over the current epoch's batches: loss·n, correct, n.
    var epochLoss = 0.0, epochCorrect = 0, epochSeen = 0
    /// The latest `predictionView()`.
    var view: PredictionView?
    /// When the previous step ended, and the smoothed wall time between steps (pauses excluded).
    private var lastStep: ContinuousClock.Instant?
    private var secondsPerIteration: Double?

    /// Series indices.
    static let trainLoss = 0, validationLoss = 1, trainAccuracy = 2, validationAccuracy = 3, learningRate = 4

    /// Where the run saves a checkpoint after every epoch; nil for none.
    public var checkpointURL: URL?
    /// Asks for a checkpoint at the next step (from the dashboard's key).
    public var checkpointRequest: CheckpointRequest?
    /// The iteration and file of the last checkpoint saved on request.
    var lastSaved: (iteration: Int, path: String)?
    /// Why the last checkpoint could not be saved; cleared by the next save that succeeds.
    public internal(set) var checkpointProblem: (iteration: Int, error: FileWriteError)?

    /// Sets up a run: loads or generates the data, then as `init(_:dataset:)`.
    public init(_ configuration: TrainingConfiguration) throws {
        try self.init(configuration, dataset: configuration.loadData().dataset)
    }

    /// Sets up a run on `dataset`: splits it, builds the model, optimizer and scheduler.
    public init(_ configuration: TrainingConfiguration, dataset: Dataset) throws {
        self.configuration = configuration
        guard TrainingConfiguration.optimizers.contains(configuration.optimizer) else {
            // SparseAdam, the one optimizer of the engine a run cannot use.
            throw TrainingError.unsupportedOptimizer(
                "\(configuration.optimizer.rawValue): \(SparseAdam.denseGradientRefusal) (every model here has dense gradients)")
        }
        guard dataset.count >= 2 else {
            throw TrainingError.tooFewExamples("\(dataset.name) holds \(counted(dataset.count, "example")); training needs at least 2")
        }
        (trainSet, validationSet) = dataset.split(validationFraction: configuration.validationFraction, seed: configuration.seed)
        loader = DataLoader(trainSet, batchSize: configuration.batchSize, seed: configuration.seed)
        prefetcher = trainSet.augmentation == nil ? nil : BatchPrefetcher(loader)
        model = try configuration.model.make(for: dataset, hidden: configuration.hidden,
                                             generator: Generator(seed: configuration.seed))
        var options: [String: Hyperparameter] = ["lr": .number(configuration.learningRate)]
        if configuration.optimizer.takesMomentum {
            options["momentum"] = .number(configuration.momentum)
        }
        optimizer = try Optimizer.named(configuration.optimizer, paramGroups: [ParamGroup(params: model.parameters, options: options)])
        scheduler = try configuration.scheduler.make(optimizer: optimizer, epochs: configuration.epochs,
                                                     stepSize: configuration.stepSize, gamma: configuration.gamma)
        order = loader.order(epoch: 0)
        series = [
            Series(label: "train loss", panel: "loss"), Series(label: "validation loss", panel: "loss"),
            Series(label: "train accuracy", panel: "accuracy"), Series(label: "validation accuracy", panel: "accuracy"),
            Series(label: "lr", panel: "lr"),
        ]
        view = predictionView()
    }

    public var params: JSONValue { configuration.params }

    /// The number of iterations of the whole run.
    public var totalIterations: Int { configuration.epochs * loader.count }

    public mutating func step() throws -> [MetricRecord]? {
        guard epoch < configuration.epochs else { return nil }
        let batch = prefetcher.map { $0.batch(batchIndex, epoch: epoch, order: order) }
            ?? loader.batch(batchIndex, order: order, epoch: epoch)
        let lr = optimizer.paramGroups[0].learningRate
        let (loss, correct) = try trainingStep(batch)
        let n = batch.indices.count
        epochLoss += Double(loss) * Double(n)
        epochCorrect += correct
        epochSeen += n
        iteration += 1
        batchIndex += 1
        series[Self.trainLoss].append(x: Double(iteration), y: Double(loss))
        series[Self.learningRate].append(x: Double(iteration), y: lr)
        var records = [MetricRecord(series: "train", step: iteration, values: [
            "loss": Double(loss), "accuracy": Double(correct) / Double(n), "lr": lr, "epoch": Double(epoch),
        ])]
        if batchIndex == loader.count { records.append(try endEpoch(learningRate: lr)) }
        measureSpeed()
        if let checkpointRequest, checkpointRequest.take(), trySavingCheckpoint(to: checkpointRequest.url) {
            lastSaved = (iteration, checkpointRequest.url.path)
        }
        return records
    }

    /// One optimizer update on `batch`: the batch's loss before the update and how many it classified right.
    func trainingStep(_ batch: DataLoader.Batch) throws -> (Float, Int) {
        try Self.update(model, optimizer, inputs: batch.inputs, targets: batch.targets)
    }

    /// One optimizer update of `model` by cross entropy on a batch, as a training step makes it
    /// (and the engine's training benchmarks): the loss before the update and how many examples
    /// the model classified right. The loss is computed in a closure, which L-BFGS calls again.
    public static func update(_ model: Sequential, _ optimizer: Optimizer, inputs: Tensor, targets: IntTensor) throws
        -> (loss: Float, correct: Int)
    {
        var first: (Float, Int)?
        let closure = { () throws -> Float in
            optimizer.zeroGrad()
            let logits = model(inputs)
            let loss = try crossEntropy(logits, targets)
            try loss.backward()
            if first == nil { first = (loss.item(), correct(logits, targets.data)) }
            return loss.item()
        }
        try optimizer.step(closure: closure)
        return first ?? (.nan, 0)
    }

    /// Validates, records the epoch's metrics, steps the scheduler and moves to the next epoch.
    private mutating func endEpoch(learningRate lr: Double) throws -> MetricRecord {
        let (validationLoss, validationAccuracy) = evaluate(validationSet)
        let metrics = EpochMetrics(
            epoch: epoch + 1, iteration: iteration, trainLoss: epochLoss / Double(epochSeen),
            trainAccuracy: Double(epochCorrect) / Double(epochSeen), validationLoss: validationLoss,
            validationAccuracy: validationAccuracy, learningRate: lr)
        epochs.append(metrics)
        let x = Double(iteration)
        series[Self.validationLoss].append(x: x, y: validationLoss)
        series[Self.trainAccuracy].append(x: x, y: metrics.trainAccuracy)
        series[Self.validationAccuracy].append(x: x, y: validationAccuracy)
        try scheduler?.step()
        epoch += 1
        batchIndex = 0
        (epochLoss, epochCorrect, epochSeen) = (0, 0, 0)
        order = loader.order(epoch: epoch)
        view = predictionView()
        if let checkpointURL { trySavingCheckpoint(to: checkpointURL) }
        return MetricRecord(series: "validation", step: iteration, values: [
            "loss": validationLoss, "accuracy": validationAccuracy, "epoch": Double(epoch),
            "train_loss": metrics.trainLoss, "train_accuracy": metrics.trainAccuracy,
        ])
    }

    /// Saves a checkpoint; a failed save (full disk, read-only folder, a directory in the way) is
    /// reported in the summary and training goes on: the next save tries again.
    @discardableResult
    private mutating func trySavingCheckpoint(to url: URL) -> Bool {
        do {
            try checkpoint.write(to: url)
            checkpointProblem = nil
            return true
        } catch {
            checkpointProblem = (iteration, error)
            return false
        }
    }

    /// Updates the moving average of the time per iteration; gaps over 2 s (a pause) are left out.
    private mutating func measureSpeed() {
        let now = ContinuousClock.now
        defer { lastStep = now }
        guard let lastStep else { return }
        let seconds = Double((now - lastStep).components.attoseconds) / 1e18 + Double((now - lastStep).components.seconds)
        guard seconds < 2 else { return }
        secondsPerIteration = secondsPerIteration.map { 0.9 * $0 + 0.1 * seconds } ?? seconds
    }

    /// The mean cross entropy and the accuracy of the model on `dataset`, in evaluation mode.
    public func evaluate(_ dataset: Dataset) -> (loss: Double, accuracy: Double) {
        model.eval()
        defer { model.train() }
        return noGrad {
            var loss = 0.0, correct = 0
            for start in stride(from: 0, to: dataset.count, by: 256) {
                let indices = Array(start..<Swift.min(start + 256, dataset.count))
                let logits = model(dataset.inputs(indices))
                let targets = indices.map { dataset.labels[$0] }
                let batchLoss = (try? crossEntropy(logits, IntTensor(classes: targets), reduction: .sum).item()) ?? .nan
                loss += Double(batchLoss)
                correct += Self.correct(logits, targets)
            }
            return (loss / Double(dataset.count), Double(correct) / Double(dataset.count))
        }
    }

    /// The predicted class of every row of `inputs`, in evaluation mode.
    public func predict(_ inputs: Tensor) -> [Int] {
        model.eval()
        defer { model.train() }
        let logits = noGrad { model(inputs) }
        return Self.argmax(logits)
    }

    static func argmax(_ logits: Tensor) -> [Int] {
        let classes = logits.shape[1], values = logits.toArray()
        return (0..<logits.shape[0]).map { row in
            let slice = values[(row * classes)..<((row + 1) * classes)]
            return (slice.indices.max { slice[$0] < slice[$1] } ?? row * classes) - row * classes
        }
    }

    static func correct(_ logits: Tensor, _ targets: [Int]) -> Int {
        zip(argmax(logits), targets).filter { $0 == $1 }.count
    }

    public var snapshot: any StudySnapshot {
        var state = Snapshot(configuration: configuration, iterationsPerEpoch: loader.count,
                             classes: trainSet.classNames, trainLoss: series[Self.trainLoss], learningRate: series[Self.learningRate],
                             epochs: epochs, predictions: view)
        if let secondsPerIteration, secondsPerIteration > 0 { state.iterationsPerSecond = 1 / secondsPerIteration }
        state.savedCheckpoint = lastSaved
        state.checkpointError = checkpointProblem.map { ($0.iteration, $0.error.description) }
        return state
    }
}

extension EpochMetrics {
    /// The metrics as `--json` prints them.
    public var json: JSONValue {
        [
            "epoch": .int(epoch), "iteration": .int(iteration), "train_loss": .number(trainLoss),
            "train_accuracy": .number(trainAccuracy), "val_loss": .number(validationLoss),
            "val_accuracy": .number(validationAccuracy), "lr": .number(learningRate),
        ]
    }
}
