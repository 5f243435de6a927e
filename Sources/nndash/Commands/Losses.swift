import ArgumentParser
import NNEngine
import NNStudies

/// `nndash losses`: every loss and its gradient against the prediction.
struct Losses: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Each loss against the prediction for a fixed target, with its gradient, and worked examples.",
        discussion: """
            Charts: one panel per loss, its value and d/dpred from autograd against the prediction \
            for a fixed target; then lessons 002 and 003's examples as tables of each reduction's \
            values beside the value the lesson prints, marked where it differs (and why, beside).

            Your own example: --loss names the loss, --input and --target give its tensors as \
            nested lists, --option its other arguments. It is shown first, under every reduction:
              nndash losses --loss CrossEntropyLoss --input '[[1, 2], [1, 3]]' --target '[0, 1]' --option 'weight=[0.7, 0.3]'
              nndash losses --loss MarginRanking --input '[1, 2, 3]' --input '[2, 2, 2]' --target '[1, 1, -1]'
            In the dashboard, i types one: LOSS; input; target; name=value (MSELoss; [1, 2]; [3, 5]).
            """)

    @Option(help: "Predictions per curve.")
    var points = 121

    @Option(help: ArgumentHelp(
        "A loss to compute with your own inputs, by PyTorch's name (MSELoss, CrossEntropyLoss, ...; case and 'Loss' optional).",
        valueName: "name"))
    var loss: NamedLoss?

    @Option(help: ArgumentHelp(
        "The loss's input as a number or nested lists ([[1, 2], [1, 3]]); again for a second and third "
            + "input (MarginRanking's input2, Triplet's positive and negative).", valueName: "values"))
    var input: [String] = []

    @Option(help: ArgumentHelp("The target, as --input; class indices where the loss takes them ([0, 1, 1]).", valueName: "values"))
    var target: String?

    @Option(help: ArgumentHelp(
        "Another argument by PyTorch's name, repeatable: weight=[0.7, 0.3], pos_weight=[3], margin=1, "
            + "log_input=False, or a tensor such as CTC's input_lengths=[50, 50].", valueName: "name=value"))
    var option: [String] = []

    @OptionGroup var options: StudyOptions

    /// One's own example, when `--loss` or any of its inputs is given.
    var request: LossRequest? {
        guard loss != nil || !input.isEmpty || target != nil || !option.isEmpty else { return nil }
        return LossRequest(loss: loss?.name ?? "", inputs: input, target: target, options: option)
    }

    func validate() throws {
        try requireRange(points, "--points", 2...100_000)
        // Each value's syntax first, so the error names the value typed.
        for text in input { _ = try checked { () throws(LossRequestError) in try LossRequest.tensor(text, "--input") } }
        if let target { _ = try checked { () throws(LossRequestError) in try LossRequest.tensor(target, "--target") } }
        for text in option { _ = try checked { () throws(LossRequestError) in try LossRequest.argument(text) } }
        guard let request else { return }
        guard loss != nil else { throw ValidationError("--input, --target and --option need --loss NAME") }
        _ = try checked { () throws(LossRequestError) in try request.example() }
    }

    private func checked<T>(_ body: () throws(LossRequestError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let settings = LiveSettings(LossesScreen.Settings(configuration: LossGallery.Configuration(points: points, own: request)))
        try StudyLauncher(options: options, screen: LossesScreen(settings: settings))
            .launch { LossGallery(settings.value.configuration) }
    }
}
