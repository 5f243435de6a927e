import ArgumentParser
import NNStudies

/// `nndash sweep`: gradient descent at many learning rates, side by side.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Gradient descent on f(x) = (2x)² (or --function) at many learning rates, side by side.",
        discussion: """
            Runs plain gradient descent x -= lr * x.grad from x0 for every learning rate in \
            linspace(lr-min, lr-max, num) (or a geometric spacing with --scale log) and draws each \
            curve of the loss above the minimum live. On (2x)² the error shrinks by |1 - 8·lr| per \
            step: lr = 0.125 reaches the minimum in one step, lr > 0.25 diverges. \
            Charts: every rate's loss above the minimum by iteration (log y), a curve ending with ✕ \
            at the step its loss left the finite range or 1e6 times its start; beside it the fastest \
            rate and each rate's loss factor per step and verdict (converged in N, converging, \
            stalls, diverging, diverged at N).
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

    @Option(help: ArgumentHelp(
        "The function: quadratic (2x)^2, min 0 at 0; shifted 3(x-1)^2+0.5, min 0.5 at 1; quartic x^4, min 0 at 0; logcosh log(cosh(2x)), min 0 at 0; abs1.5 |x|^1.5, min 0 at 0.",
        valueName: "name"))
    var function = SweepFunction.quadratic

    @Option(help: ArgumentHelp("How the learning rates are spaced: linear or log (geometric).", valueName: "linear|log"))
    var scale = LearningRateSweep.Spacing.linear

    @OptionGroup var options: StudyOptions

    func validate() throws {
        try requireFinite(lrMin, "--lr-min", nonNegative: true)
        try requireFinite(lrMax, "--lr-max", nonNegative: true)
        try requireFinite(x0, "--x0")
        if lrMin > lrMax { throw ValidationError("--lr-min (\(lrMin)) must not be above --lr-max (\(lrMax))") }
        try requireRange(num, "--num", 1...1_000)
        try requireRange(iterations, "--iterations", 1...1_000_000)
        if scale == .log && lrMin <= 0 { throw ValidationError("--lr-min must be positive with --scale log, got \(lrMin)") }
    }

    var configuration: LearningRateSweep.Configuration {
        .init(lrMin: lrMin, lrMax: lrMax, num: num, iterations: iterations, x0: x0,
              function: function, scale: scale)
    }

    func run() throws {
        let configuration = self.configuration
        try StudyLauncher(options: options, screen: SweepScreen(function: configuration.function))
            .launch { LearningRateSweep(configuration) }
    }
}
