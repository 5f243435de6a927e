import ArgumentParser
import Foundation
import NNStudies

/// `nndash train`: a classifier trained live.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a classifier (MLP or LeNet) live: loss, accuracy, learning rate and predictions.",
        discussion: """
            Each step is one mini-batch; every epoch ends with a validation pass in evaluation mode. \
            The defaults are the usual first classifier of a course, chosen to learn visibly within \
            a short run: LeNet on 28x28 digits drawn from a built-in bitmap font (no network \
            needed; --data mnist downloads the real ones), SGD with lr 0.01 and momentum 0.9, \
            batches of 64, 5 epochs, StepLR cutting the rate tenfold after epoch 4. Without --model, \
            point data (spiral, moons, blobs) gets the MLP. --recipe lesson001 takes lesson 001's \
            settings instead (its transforms, batch 16, SGD lr 0.0125 momentum 0.9, StepLR step 10 \
            gamma 0.1, 10 epochs) for --data folder:PATH; options given beside it change it. \
            With --checkpoint the run saves its complete state after every epoch (a save that fails \
            is reported and tried again at the next one); --resume continues such a run on exactly \
            the trajectory it would have followed, with the settings it was saved with: beside \
            --resume, --epochs may lengthen the run, and any other option must repeat the saved \
            value. `nndash lr-find` with the same --model and --data suggests a learning rate.
            """)

    private static let defaults = TrainingConfiguration()

    @OptionGroup var training: TrainingOptions

    @Option(help: ArgumentHelp("Start from a named recipe's settings: lesson001 (lesson 001's LeNet on an image folder: Resize((32,32)), RandomCrop(32,padding=4), RandomGrayscale(0.8), ImageNet's Normalize, batch 16, SGD lr 0.0125 momentum 0.9, StepLR step 10 gamma 0.1, 10 epochs; give --data folder:PATH).",
                               valueName: "name"))
    var recipe: TrainingConfiguration.Recipe?

    @Option(help: "The learning rate (default: \(defaults.learningRate)).")
    var lr: Double?

    @Option(help: "The schedule, stepped each epoch (default: \(defaults.scheduler.rawValue)).")
    var scheduler: SchedulerKind?

    @Option(name: .customLong("step-size"), help: "StepLR's period in epochs (MultiStepLR: its milestones' spacing; default: \(defaults.stepSize)).")
    var stepSize: Int?

    @Option(help: "The decay factor of StepLR, MultiStepLR and ExponentialLR (default: \(defaults.gamma)).")
    var gamma: Double?

    @Option(help: "Passes over the training data (default: \(defaults.epochs)).")
    var epochs: Int?

    @Option(help: ArgumentHelp("Continue the run saved in this checkpoint, with its settings.", valueName: "file"), completion: .file())
    var resume: String?

    @Option(help: ArgumentHelp("Save the run's state to this file after every epoch (and when c is pressed; default for c: nndash-checkpoint.json).", valueName: "file"),
            completion: .file())
    var checkpoint: String?

    @OptionGroup var options: StudyOptions

    func validate() throws {
        if let lr { try requireFinite(lr, "--lr", nonNegative: true) }
        if let gamma { try requireFinite(gamma, "--gamma", positive: true) }
        if let stepSize { try requireRange(stepSize, "--step-size", TrainingConfiguration.stepSizeRange) }
        if let epochs { try requireRange(epochs, "--epochs", TrainingConfiguration.epochsRange) }
        if let checkpoint, checkpoint.isEmpty { throw ValidationError("--checkpoint must not be empty") }
        if let resume, resume.isEmpty { throw ValidationError("--resume must not be empty") }
        if let recipe {
            if resume != nil { throw ValidationError("--recipe \(recipe.rawValue) with --resume: a resumed run keeps the settings it was saved with") }
            if training.data == nil {
                throw ValidationError("--recipe \(recipe.rawValue) needs --data, e.g. folder:PATH with PATH/train and PATH/valid holding a folder per class")
            }
        }
    }

    /// `base` (the defaults, or a resumed run's settings) with every option given applied.
    func configuration(over base: TrainingConfiguration) -> TrainingConfiguration {
        var c = training.applied(to: base)
        if let lr { c.learningRate = lr }
        if let scheduler { c.scheduler = scheduler }
        if let stepSize { c.stepSize = stepSize }
        if let gamma { c.gamma = gamma }
        if let epochs { c.epochs = epochs }
        return c
    }

    /// The options given, each with its key in `TrainingConfiguration.params`.
    var given: [(option: String, key: String)] {
        training.given + [("--lr", "lr", lr != nil), ("--scheduler", "scheduler", scheduler != nil),
                          ("--step-size", "step_size", stepSize != nil), ("--gamma", "gamma", gamma != nil),
                          ("--epochs", "epochs", epochs != nil)]
            .filter(\.2).map { ($0.0, $0.1) }
    }

    /// The checkpoint of `--resume` and the configuration the resumed run continues with: the
    /// checkpoint's settings; `--epochs` may change the length, any other option given must
    /// repeat the saved value.
    func resumed(from path: String) throws -> (TrainingCheckpoint, TrainingConfiguration) {
        let checkpoint: TrainingCheckpoint, saved: TrainingConfiguration
        do {
            checkpoint = try TrainingCheckpoint.read(from: URL(fileURLWithPath: path))
            saved = try checkpoint.configuration
        } catch {
            throw ValidationError("--resume \(path): \(error)")
        }
        let configuration = configuration(over: saved)
        for (option, key) in given where key != "epochs" && configuration.params[key] != saved.params[key] {
            throw ValidationError(
                "\(option) \(configuration.params[key]?.jsonText ?? "") differs from the checkpoint's \(saved.params[key]?.jsonText ?? "null"): a resumed run keeps the settings it was saved with")
        }
        if configuration.epochs != saved.epochs, [.CosineAnnealingLR, .PolynomialLR].contains(configuration.scheduler) {
            throw ValidationError(
                "--epochs \(configuration.epochs) differs from the checkpoint's \(saved.epochs): the length of \(configuration.scheduler.rawValue)'s schedule cannot change when resuming")
        }
        return (checkpoint, configuration)
    }

    func run() throws {
        let fresh = recipe.map { self.configuration(over: $0.configuration) }
            ?? training.withDefaultModel(self.configuration(over: TrainingConfiguration()))
        let (saved, configuration): (TrainingCheckpoint?, TrainingConfiguration) = try resume.map { try resumed(from: $0) }
            ?? (nil, fresh)
        let dataset = try training.checkedDataset(configuration)
        try RunBudget.require(points: Training.estimatedPoints(configuration, dataset: dataset),
                              for: "--epochs \(configuration.epochs) --batch-size \(configuration.batchSize) on \(dataset.name)", study: options)
        let checkpointURL = checkpoint.map { URL(fileURLWithPath: $0) }
        let request = CheckpointRequest(url: checkpointURL ?? URL(fileURLWithPath: "nndash-checkpoint.json"))
        let start = saved
        /// The run: resumed from the checkpoint, or fresh.
        @Sendable func makeRun() throws -> Training {
            var study = try start.map { try Training(configuration, dataset: dataset, resumingFrom: $0) }
                ?? Training(configuration, dataset: dataset)
            study.checkpointURL = checkpointURL
            study.checkpointRequest = request
            return study
        }
        let first: Training
        if let resume {
            do {
                first = try makeRun()
            } catch {
                throw ValidationError("--resume \(resume): \(error)")
            }
        } else {
            first = try training.checked(configuration, makeRun)
        }
        try StudyLauncher(options: options, screen: TrainScreen(checkpointRequest: request)).launch(first) {
            do {
                return try makeRun()
            } catch {
                // The same construction succeeded for the first run on the same inputs.
                preconditionFailure("training setup failed after validation: \(error)")
            }
        }
    }
}
