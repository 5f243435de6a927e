import ArgumentParser
import NNStudies

/// `nndash activations`: every activation with its autograd gradient.
struct Activations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every activation of the engine beside its gradient from autograd, and softmax's Jacobian.",
        discussion: """
            Charts: one panel per activation, its values and d/dx from y.sum().backward() over the \
            grid from --low to --high; softmax's Jacobian at [1, 2, 3, 4] as a table (every row sums to 0).
            """)

    @Option(help: "The left end of the x grid.")
    var low = -5.0

    @Option(help: "The right end of the x grid.")
    var high = 5.0

    @Option(help: "Points of the x grid.")
    var points = 201

    @OptionGroup var options: StudyOptions

    func validate() throws {
        try requireFinite(low, "--low")
        try requireFinite(high, "--high")
        if low >= high { throw ValidationError("--low (\(low)) must be below --high (\(high))") }
        try requireRange(points, "--points", 2...100_000)
    }

    func run() throws {
        let configuration = ActivationGallery.Configuration(low: low, high: high, points: points)
        try StudyLauncher(options: options, screen: ActivationsScreen())
            .launch { ActivationGallery(configuration) }
    }
}
