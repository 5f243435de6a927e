import ArgumentParser
import NNStudies

/// `nndash backprop`: the 2-2-2 sigmoid network's forward values and gradients as a diagram.
struct Backprop: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Backpropagation through the seed's 2-2-2 sigmoid network, drawn as a diagram.",
        discussion: """
            Inputs 0.05 and 0.10, weights w1…w8 = 0.15 … 0.55, biases 0.35 and 0.60, targets 0.01 \
            and 0.99, MSE loss. Shows the forward values, every gradient and the weights after a step; \
            --steps N repeats the step to watch the loss fall. \
            Charts: the latest step as a diagram, a table of every weight before the step, its \
            gradient and after, and the loss by step.
            """)

    @Option(help: "The SGD learning rate (the classic example's 0.5).")
    var lr = 0.5

    @Option(help: "SGD steps.")
    var steps = 1

    @OptionGroup var options: StudyOptions

    func validate() throws {
        try requireFinite(lr, "--lr", nonNegative: true)
        try requireRange(steps, "--steps", 1...1_000_000)
    }

    func run() throws {
        let configuration = Backprop222.Configuration(lr: lr, steps: steps)
        try StudyLauncher(options: options, screen: BackpropScreen())
            .launch { Backprop222(configuration) }
    }
}
