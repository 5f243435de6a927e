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

    @Option(help: ArgumentHelp("The optimizers, comma-separated (default: all).", valueName: "names"))
    var optimizers = OptimizerPaths.optimizerNames.joined(separator: ",")

    @OptionGroup var options: StudyOptions

    func validate() throws {
        if let lr { try requireFinite(lr, "--lr", positive: true) }
        try requireRange(iterations, "--iterations", 1...100_000)
        _ = try names()
    }

    func names() throws -> [String] {
        let names = optimizers.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for name in names where !OptimizerPaths.optimizerNames.contains(name) {
            throw ValidationError("--optimizers: unknown optimizer \(name) (known: \(OptimizerPaths.optimizerNames.joined(separator: ", ")))")
        }
        return names
    }

    func run() throws {
        let settings = LiveSettings(OptimizerPaths.Configuration(
            function: function, lr: lr, iterations: iterations,
            optimizers: try names()))
        try StudyLauncher(options: options, screen: OptimizersScreen(settings: settings))
            .launch { OptimizerPaths(settings.value) }
    }
}
