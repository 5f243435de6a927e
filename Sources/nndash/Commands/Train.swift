import ArgumentParser
import Foundation
import NNStudies

/// `nndash train`: a classifier trained live.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a classifier (MLP or LeNet) live: loss, accuracy, learning rate and predictions.",
        discussion: """
            Each step is one mini-batch; every epoch ends with a validation pass in evaluation mode. \
            The defaults follow the seed's run: SGD, lr 0.0125, momentum 0.9, StepLR. With \
            --checkpoint the run saves its complete state after every epoch; --resume continues \
            such a run on exactly the trajectory it would have followed. The seed's small SGD \
            rate learns these datasets slowly: `nndash lr-find` with the same --model and --data \
            suggests a better --lr (or try --optimizer Adam --lr 0.01).
            """)

    @OptionGroup var training: TrainingOptions

    @Option(help: "The learning rate.")
    var lr = 0.0125

    @Option(help: "The schedule, stepped each epoch: \(SchedulerKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scheduler = "StepLR"

    @Option(name: .customLong("step-size"), help: "StepLR's period in epochs (MultiStepLR: its milestones' spacing).")
    var stepSize = 7

    @Option(help: "The decay factor of StepLR, MultiStepLR and ExponentialLR.")
    var gamma = 0.1

    @Option(help: "Passes over the training data.")
    var epochs = 10

    @Option(help: ArgumentHelp("Continue the run saved in this checkpoint.", valueName: "file"))
    var resume: String?

    @Option(help: ArgumentHelp("Save the run's state to this file after every epoch (and when c is pressed; default for c: nndash-checkpoint.json).", valueName: "file"))
    var checkpoint: String?

    @OptionGroup var options: StudyOptions

    func validate() throws {
        try requireFinite(lr, "--lr", nonNegative: true)
        try requireFinite(gamma, "--gamma", positive: true)
        guard SchedulerKind(rawValue: scheduler) != nil else {
            throw ValidationError("--scheduler must be one of \(SchedulerKind.allCases.map(\.rawValue).joined(separator: ", ")), got \(scheduler)")
        }
        try requireRange(stepSize, "--step-size", 1...1_000_000)
        try requireRange(epochs, "--epochs", 1...100_000)
        if let checkpoint, checkpoint.isEmpty { throw ValidationError("--checkpoint must not be empty") }
        if let resume, !FileManager.default.isReadableFile(atPath: resume) {
            throw ValidationError("--resume must name a readable checkpoint file, got \(resume)")
        }
    }

    var trainingConfiguration: TrainingConfiguration {
        var c = training.configuration
        c.learningRate = lr
        c.scheduler = SchedulerKind(rawValue: scheduler) ?? .none
        c.stepSize = stepSize
        c.gamma = gamma
        c.epochs = epochs
        return c
    }

    func run() throws {
        let configuration = trainingConfiguration
        let dataset = try training.checkedDataset(configuration)
        var saved: TrainingCheckpoint?
        if let resume {
            do {
                let checkpoint = try TrainingCheckpoint.read(from: URL(fileURLWithPath: resume))
                _ = try Training(configuration, dataset: dataset, resumingFrom: checkpoint)
                saved = checkpoint
            } catch let error as TrainingError {
                throw ValidationError("--resume \(resume): \(error)")
            } catch let error as DecodingError {
                throw ValidationError("--resume \(resume): not a checkpoint (\(error.localizedDescription))")
            } catch {
                throw ValidationError("--resume \(resume): \(error.localizedDescription)")
            }
        }
        let checkpointURL = checkpoint.map { URL(fileURLWithPath: $0) }
        let request = CheckpointRequest(url: checkpointURL ?? URL(fileURLWithPath: "nndash-checkpoint.json"))
        let start = saved
        try StudyLauncher(options: options, screen: TrainScreen(checkpointRequest: request)).launch {
            do {
                var study = try start.map { try Training(configuration, dataset: dataset, resumingFrom: $0) }
                    ?? Training(configuration, dataset: dataset)
                study.checkpointURL = checkpointURL
                study.checkpointRequest = request
                return study
            } catch {
                // The same construction succeeded above on the same inputs.
                preconditionFailure("training setup failed after validation: \(error)")
            }
        }
    }
}
