import ArgumentParser
import NNStudies

/// `nndash momentum`: SGD with momentum against plain SGD, and exponentially weighted averages.
struct Momentum: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "SGD with momentum on f(x) = (2x)², and the weighted averages momentum is built on.",
        discussion: """
            Runs torch.optim.SGD's update for each run of --runs, given as lr:momentum or \
            lr:momentum:nesterov, comma-separated, with --weight-decay and --dampening for all: \
            g = f'(x) + weight_decay·x; v = μ·v + (1 − dampening)·g (v = g at the first step); \
            x −= lr·v, or x −= lr·(g + μ·v) with Nesterov. The default runs are lesson 000's: \
            momentum 0.9 at lr 0.01 against no momentum at lr 0.03 and 0.01, its other momentum \
            0.63, and Nesterov. Keys change the selected run's lr and momentum live. \
            Charts: each run's loss and x by iteration; the weights (1 − β)β^t a weighted average \
            gives past values; the weighted averages of a noisy sequence, raw and bias-corrected. \
            Beside them, per run: the step it first reached 1% of its starting loss (momentum's \
            fast start), the step it reached 1e-6 (where ringing costs momentum), the factor x \
            shrinks by a step in the long run, and how often x crossed 0; the update formula, \
            what the picture shows, and each β's weights summed.
            """)

    @Option(help: ArgumentHelp("The runs, e.g. 0.01:0.9,0.03:0,0.01:0,0.01:0.63,0.01:0.9:nesterov (lesson 000's).",
                               valueName: "runs"))
    var runs = "0.01:0.9,0.03:0,0.01:0,0.01:0.63,0.01:0.9:nesterov"

    @Option(help: "SGD steps per run.")
    var iterations = 100

    @Option(help: "The starting point.")
    var x0 = 2.0

    @Option(name: .customLong("weight-decay"), help: "SGD's weight_decay (L2 penalty) for every run: adds weight_decay·x to the gradient.")
    var weightDecay = 0.0

    @Option(help: "SGD's dampening for every run: the momentum buffer adds (1 − dampening)·g. Nesterov needs 0.")
    var dampening = 0.0

    @Option(help: ArgumentHelp("The weighted averages' β values, comma-separated.", valueName: "betas"))
    var betas = "0.98,0.95,0.9,0.8"

    @Option(help: "Points of the noisy sequence that the averages smooth.")
    var points = 100

    @Option(help: "The seed of the sequence's noise.")
    var seed = 0

    @OptionGroup var options: StudyOptions

    func validate() throws {
        _ = try parsedRuns()
        _ = try parsedBetas()
        try requireRange(iterations, "--iterations", 1...1_000_000)
        try requireFinite(x0, "--x0")
        try requireFinite(weightDecay, "--weight-decay", nonNegative: true)
        guard dampening.isFinite, (0...1).contains(dampening) else {
            throw ValidationError("--dampening must be in [0, 1], got \(dampening)")
        }
        if dampening != 0, let entry = try parsedRuns().first(where: \.nesterov) {
            throw ValidationError("--dampening \(dampening): Nesterov needs zero dampening (run \(entry.label))")
        }
        try requireRange(points, "--points", MomentumComparison.Configuration.pointsRange)
        try requireRange(seed, "--seed", 0...Int(Int32.max))
    }

    /// `--runs` as runs; a bad entry is an error naming it.
    func parsedRuns() throws -> [MomentumComparison.Run] {
        try listEntries(runs, option: "--runs", noun: "runs") { entry, parts in
            guard parts.count == 2 || (parts.count == 3 && parts[2] == "nesterov"),
                  let lr = Double(parts[0]), let momentum = Double(parts[1]) else {
                throw ValidationError("--runs entries must be lr:momentum or lr:momentum:nesterov, got \(entry)")
            }
            try requireFinite(lr, "--runs lr", nonNegative: true)
            guard momentum.isFinite, (0..<1).contains(momentum) else {
                throw ValidationError("--runs momentum must be in [0, 1), got \(entry)")
            }
            if parts.count == 3 && momentum == 0 {
                throw ValidationError("--runs: Nesterov needs a positive momentum, got \(entry)")
            }
            return MomentumComparison.Run(lr: lr, momentum: momentum, nesterov: parts.count == 3)
        }
    }

    /// `--betas` as numbers in (0, 1).
    func parsedBetas() throws -> [Double] {
        try listEntries(betas, option: "--betas", noun: "values") { entry, _ in
            guard let beta = Double(entry), beta.isFinite, beta > 0, beta < 1 else {
                throw ValidationError("--betas values must be in (0, 1), got \(entry)")
            }
            return beta
        }
    }

    func run() throws {
        let configuration = MomentumComparison.Configuration(
            runs: try parsedRuns(), iterations: iterations, x0: x0, weightDecay: weightDecay, dampening: dampening,
            betas: try parsedBetas(), points: points,
            seed: UInt64(seed))
        let settings = LiveSettings(MomentumScreen.Settings(configuration: configuration))
        try StudyLauncher(options: options, screen: MomentumScreen(settings: settings))
            .launch { MomentumComparison(settings.value.configuration) }
    }
}
