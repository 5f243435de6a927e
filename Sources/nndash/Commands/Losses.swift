import ArgumentParser
import NNStudies

/// `nndash losses`: every loss and its gradient against the prediction.
struct Losses: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Each loss against the prediction for a fixed target, with its gradient, and worked examples.")

    @Option(help: "Predictions per curve.")
    var points = 121

    @OptionGroup var options: StudyOptions

    func validate() throws {
        try requireRange(points, "--points", 2...100_000)
    }

    func run() throws {
        let configuration = LossGallery.Configuration(points: points)
        try StudyLauncher(options: options, screen: LossesScreen())
            .launch { LossGallery(configuration) }
    }
}
