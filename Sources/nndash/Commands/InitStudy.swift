import ArgumentParser
import NNStudies

/// `nndash init`: how initialization keeps a deep MLP's activations alive.
struct InitStudy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "A 100-layer MLP's output std per layer under five initializations, and the activation gains.",
        discussion: """
            Charts: the std after each layer of the schemes that stay finite, and apart those \
            that overflow or vanish; log10 of each scheme's std after the last layer as bars; \
            calculate_gain and the std each activation keeps.
            """)

    @Option(help: "Linear layers (no bias).")
    var layers = 100

    @Option(help: "Neurons per layer.")
    var width = 256

    @Option(help: "Rows of the input batch.")
    var batch = 16

    @Option(help: "The seed of the engine's generator, for the input and the weights.")
    var seed = 0

    @OptionGroup var options: StudyOptions

    func validate() throws {
        try requireRange(layers, "--layers", 1...1_000)
        try requireRange(width, "--width", 2...4_096)
        try requireRange(batch, "--batch", 2...4_096)
        try requireRange(seed, "--seed", 0...Int(Int32.max))
    }

    func run() throws {
        let configuration = InitializationDepth.Configuration(layers: layers, width: width, batch: batch, seed: UInt64(seed))
        try StudyLauncher(options: options, screen: InitScreen(layers: layers))
            .launch { InitializationDepth(configuration) }
    }
}
