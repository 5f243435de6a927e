import ArgumentParser
import NNStudies

/// `nndash sweep`: gradient descent at many learning rates, side by side.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Gradient descent on f(x) = (2x)² at many learning rates, side by side.",
        discussion: """
            Runs plain gradient descent x -= lr * x.grad from x0 for every learning rate in \
            linspace(lr-min, lr-max, num) and draws each loss curve live. The error shrinks by \
            |1 - 8·lr| per step: lr = 0.125 reaches the minimum in one step, lr > 0.25 diverges.
            """)

    @Option(name: .customLong("lr-min"), help: "The smallest learning rate.")
    var lrMin = 0.01

    @Option(name: .customLong("lr-max"), help: "The largest learning rate.")
    var lrMax = 0.2

    @Option(help: "How many learning rates.")
    var num = 10

    @Option(help: "Gradient-descent steps per learning rate.")
    var iterations = 100

    @Option(help: "The starting point.")
    var x0 = 2.0

    @OptionGroup var options: StudyOptions

    func validate() throws {
        try requireFinite(lrMin, "--lr-min", nonNegative: true)
        try requireFinite(lrMax, "--lr-max", nonNegative: true)
        try requireFinite(x0, "--x0")
        if lrMin > lrMax { throw ValidationError("--lr-min (\(lrMin)) must not be above --lr-max (\(lrMax))") }
        try requireRange(num, "--num", 1...1_000)
        try requireRange(iterations, "--iterations", 1...1_000_000)
    }

    var configuration: LearningRateSweep.Configuration {
        .init(lrMin: lrMin, lrMax: lrMax, num: num, iterations: iterations, x0: x0)
    }

    func run() throws {
        let configuration = self.configuration
        try StudyLauncher(options: options, screen: SweepScreen())
            .launch { LearningRateSweep(configuration) }
    }
}
