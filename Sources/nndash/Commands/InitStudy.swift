import ArgumentParser
import NNStudies

/// `nndash init`: how initialization keeps a deep MLP's activations alive.
struct InitStudy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "A 100-layer MLP's output std per layer under six initializations, its gradients, and the activation gains.",
        discussion: """
            The schemes: N(0, 1) and N(0, 1/n) weights without activation, tanh with N(0, 1/n) \
            (vanishing), tanh with xavier_uniform(gain 5/3), ReLU with kaiming_normal, and ReLU \
            with xavier_uniform(gain 5/3) (exploding, lesson 002's reason for Kaiming). After the \
            last layer the mean of the output is backpropagated and the std of every layer's \
            weight gradient recorded. \
            Charts: the std after each layer of the schemes that hold it, and apart those that \
            overflow, vanish, or drift the way their weights make them; the std of ∂L/∂W by layer; \
            log10 of each scheme's std after the last layer as bars; calculate_gain beside \
            std(x)/std(f(x)) (the lesson's 1.598 for tanh) and rms(x)/rms(f(x)) for x ~ N(0, 1). \
            Beside them: each scheme's verdict, the gradient std at the first and last layer, \
            the Xavier and Kaiming formulas and how the gains relate to the measured ratios.
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
