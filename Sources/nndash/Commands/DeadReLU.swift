import ArgumentParser
import NNStudies

/// `nndash dead-relu`: ReLU units that stop learning, beside leaky ReLU, live.
struct DeadReLU: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-relu",
        abstract: "Dead ReLU units, live: the same network trained with ReLU and with leaky ReLU.",
        discussion: """
            Trains a 2-HIDDEN-2 network on seeded moons (300 points) by full-batch SGD with \
            cross-entropy, twice from the same initial weights: with ReLU and with leaky ReLU \
            (lesson 003's slope 0.1). A hidden unit is dead when w·x + b ≤ 0 for every input: ReLU \
            then gives it no gradient, so it never learns again. A large --lr kills units, and so \
            does a negative --bias. Keys: [ ] divide or multiply the lr by 1.5, { } shift the \
            biases by 0.25; each restarts the run. \
            Charts: the dead units by step (% of the hidden layer), the loss, and the units that \
            got a zero gradient. Beside them, per network: dead now, the most at once, without a \
            gradient, come back to life, the loss; what the curves show.
            """)

    @Option(help: "SGD's learning rate for both networks (large rates kill ReLU units).")
    var lr = 6.0

    @Option(help: "Units of the hidden layer.")
    var hidden = 32

    @Option(help: "Full-batch SGD steps.")
    var steps = 200

    @Option(help: "Added to every hidden bias after PyTorch's default initialization (negative starts units dead).")
    var bias = 0.0

    @Option(name: .customLong("negative-slope"), help: "Leaky ReLU's slope below 0.")
    var negativeSlope = 0.1

    @Option(help: "The seed of the data's noise and of the initial weights.")
    var seed = 0

    @OptionGroup var options: StudyOptions

    func validate() throws {
        try requireFinite(lr, "--lr", positive: true)
        if lr > 1e6 { throw ValidationError("--lr must be at most 1e6, got \(lr)") }
        try requireRange(hidden, "--hidden", DeadUnits.Configuration.hiddenRange)
        try requireRange(steps, "--steps", DeadUnits.Configuration.stepsRange)
        try requireFinite(bias, "--bias")
        if abs(bias) > 100 { throw ValidationError("--bias must be within ±100, got \(bias)") }
        guard negativeSlope.isFinite, negativeSlope > 0, negativeSlope <= 1 else {
            throw ValidationError("--negative-slope must be in (0, 1], got \(negativeSlope)")
        }
        try requireRange(seed, "--seed", 0...Int(Int32.max))
    }

    func run() throws {
        let settings = LiveSettings(DeadUnits.Configuration(lr: lr, hidden: hidden, steps: steps, biasShift: bias,
                                                            negativeSlope: negativeSlope, seed: UInt64(seed)))
        try StudyLauncher(options: options, screen: DeadReLUScreen(settings: settings))
            .launch { DeadUnits(settings.value) }
    }
}
