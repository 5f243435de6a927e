import ArgumentParser
import NNEngine
import NNStudies

/// `nndash regression`: the seed's temperature model trained live.
struct Regression: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit t_c = w·t_u + b to the seed's thermometer readings: raw or scaled input, SGD or Adam.",
        discussion: """
            --runs lists optimizer:lr:input-scale fits on all eleven readings, comma-separated. A \
            seeded split holds out the last int(--val-fraction·11) readings of randperm(11), as lesson \
            004 does, and fits SGD lr=0.01 on 0.1·t_u on the rest; each epoch computes the validation \
            loss with gradients off (set_grad_enabled(False), like no_grad) before step(). The default \
            seed, 58, holds out the lesson's readings, so the split prints the lesson's lines \
            (epoch 3000: training 3.1869, validation 2.2012). \
            Charts: each fit's loss by epoch, the fitted lines over the readings, train against \
            validation loss, the split's lines as the lesson prints them, and each fit's gradient \
            by the lesson's hand-written grad_fn beside autograd's; beside them w on the scaled input \
            and on raw t_u, b, the loss, and what no_grad and set_grad_enabled did to a loss.
            """)

    @Option(help: ArgumentHelp("The fits, e.g. SGD:1e-4:1,SGD:1e-2:0.1,Adam:1e-1:1,Adam:1e-1:0.1 (the seed's).", valueName: "runs"))
    var runs = "SGD:1e-4:1,SGD:1e-2:0.1,Adam:1e-1:1,Adam:1e-1:0.1"

    @Option(help: "Epochs of every fit.")
    var epochs = 5000

    @Option(name: .customLong("val-fraction"), help: "The share of readings held out for validation (0 disables the split).")
    var validationFraction = 0.2

    @Option(help: "The seed of the split's randperm (58 holds out the lesson's readings).")
    var seed = Int(TemperatureRegression.Configuration.lessonSeed)

    @OptionGroup var options: StudyOptions

    func validate() throws {
        _ = try parsedRuns()
        try requireRange(epochs, "--epochs", 1...1_000_000)
        try requireFinite(validationFraction, "--val-fraction", nonNegative: true)
        if validationFraction > 0.5 { throw ValidationError("--val-fraction must be at most 0.5, got \(validationFraction)") }
        try requireRange(seed, "--seed", 0...Int(Int32.max))
    }

    /// `--runs` as fits; a bad entry is an error naming it.
    func parsedRuns() throws -> [TemperatureRegression.Run] {
        try listEntries(runs, option: "--runs", noun: "fits") { entry, parts in
            guard parts.count == 3, let lr = Double(parts[1]), let scale = Double(parts[2]) else {
                throw ValidationError("--runs entries must be optimizer:lr:input-scale, got \(entry)")
            }
            guard let optimizer = OptimizerName(rawValue: parts[0]), OptimizerName.plainStep.contains(optimizer) else {
                throw ValidationError("--runs: unknown optimizer \(parts[0]) in \(entry)")
            }
            guard lr.isFinite, lr > 0, scale.isFinite, scale > 0 else {
                throw ValidationError("--runs: lr and input scale must be positive finite numbers, got \(entry)")
            }
            return TemperatureRegression.Run(optimizer: optimizer, lr: lr, inputScale: scale)
        }
    }

    func run() throws {
        let configuration = TemperatureRegression.Configuration(
            runs: try parsedRuns(), epochs: epochs, validationFraction: validationFraction, seed: UInt64(seed))
        try StudyLauncher(options: options, screen: RegressionScreen())
            .launch { TemperatureRegression(configuration) }
    }
}
