import ArgumentParser
import NNStudies

/// `nndash optimizers`: every optimizer's path over a 2-D function.
struct Optimizers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every optimizer of the engine on a 2-D function: paths over its heatmap, and losses.",
        discussion: """
            Functions: rosenbrock (min 0 at (1, 1)), beale (min 0 at (3, 0.5)), saddle x²−y²+y⁴/4 \
            (min −1 at (0, ±√2)), ill-conditioned (x²+25y²)/2 (min 0 at (0, 0)). f switches live. \
            Charts: each optimizer's path over the function's heatmap (log of f − min), ending with \
            ✕ where its loss diverged; the losses above the minimum; beside them the distances to \
            the minimum, ties within 1e-6 named as ties.
            """)

    @Option(help: ArgumentHelp("rosenbrock, beale, saddle or ill-conditioned.", valueName: "name"))
    var function = SurfaceFunction.rosenbrock

    @Option(help: "The learning rate of every optimizer (default: one at which SGD is stable on the function).")
    var lr: Double?

    @Option(help: "Steps per optimizer.")
    var iterations = 500

    @Option(help: ArgumentHelp(
        "The optimizers, comma-separated, of \(OptimizerPaths.Choice.all.map(\.name).joined(separator: ", ")) "
            + "(Momentum: SGD with momentum 0.9; default: all).", valueName: "names"),
        transform: Self.choices)
    var optimizers = OptimizerPaths.Choice.all

    @OptionGroup var options: StudyOptions

    func validate() throws {
        if let lr { try requireFinite(lr, "--lr", positive: true) }
        try requireRange(iterations, "--iterations", 1...100_000)
    }

    /// `--optimizers`' comma-separated list.
    /// - Throws: `ValidationError` naming the first entry that is no optimizer, and the choices.
    static func choices(_ text: String) throws -> [OptimizerPaths.Choice] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { name in
            guard let choice = OptimizerPaths.Choice(name: String(name)) else {
                throw ValidationError("unknown optimizer \(name) (known: \(OptimizerPaths.Choice.all.map(\.name).joined(separator: ", ")))")
            }
            return choice
        }
    }

    func run() throws {
        let settings = LiveSettings(OptimizerPaths.Configuration(
            function: function, lr: lr, iterations: iterations,
            optimizers: optimizers))
        try StudyLauncher(options: options, screen: OptimizersScreen(settings: settings))
            .launch { OptimizerPaths(settings.value) }
    }
}
