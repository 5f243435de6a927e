import ArgumentParser
import NNStudies

/// `nndash losses`: every loss and its gradient against the prediction.
struct Losses: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Each loss against the prediction for a fixed target, with its gradient, and worked examples.",
        discussion: """
            Charts: one panel per loss, its value and d/dpred from autograd against the prediction \
            for a fixed target; then lessons 002 and 003's examples as tables of each reduction's \
            values beside the value the lesson prints, marked where it differs (and why, beside).
            """)

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
