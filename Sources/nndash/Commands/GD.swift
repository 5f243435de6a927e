import ArgumentParser
import NNStudies

/// `nndash gd`: gradient descent at one learning rate, loss and path side by side.
struct GD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gd",
        abstract: "Gradient descent on f(x) = (2x)² at one learning rate: the loss and the path of x.",
        discussion: """
            x ← x − lr·f′(x) multiplies x by 1 − 8·lr each step. Try the seed's rates 1, 0.5, 0.2, \
            0.125, 0.1 and 0.02 ([ and ] switch between them live). \
            Charts: the loss by iteration; the points (x_t, f(x_t)) joined in the order visited, \
            over the curve; x and its gradient by iteration.
            """)

    @Option(help: "The learning rate.")
    var lr = 0.2

    @Option(help: "The starting point.")
    var x0 = 2.0

    @Option(help: "Gradient-descent steps.")
    var iterations = 20

    @OptionGroup var options: StudyOptions

    func validate() throws {
        try requireFinite(lr, "--lr", nonNegative: true)
        try requireFinite(x0, "--x0")
        try requireRange(iterations, "--iterations", 1...1_000_000)
    }

    func run() throws {
        let settings = LiveSettings(GradientDescent.Configuration(lr: lr, x0: x0, iterations: iterations))
        try StudyLauncher(options: options, screen: GradientDescentScreen(settings: settings))
            .launch { GradientDescent(settings.value) }
    }
}
