import ArgumentParser
import NNStudies

/// `nndash lr-find`: the learning-rate range test with fastai's and Lightning's suggestions.
struct LRFind: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lr-find",
        abstract: "The learning-rate range test: loss against an exponentially growing learning rate.",
        discussion: """
            Trains the model with a learning rate growing from --start-lr to --end-lr over \
            --num-iter iterations and stops once the smoothed loss exceeds --stop-factor (4) times its best. Marks \
            fastai's suggestions (valley, slide, minimum, steep) and Lightning's (the steepest \
            fall of the smoothed loss). \
            Chart: the loss and smoothed loss against the learning rate (log x), until the smoothed \
            loss passed the stop factor times its best; each suggestion is its letter on the smoothed \
            curve, at the point it picked (V valley, S slide, M minimum, T steep, L Lightning), and \
            the side panel says what each is (minimum: a tenth of the lr at the lowest loss).
            """)

    @OptionGroup var training: TrainingOptions

    @Option(name: .customLong("start-lr"), help: "The first learning rate.")
    var startLR = 1e-7

    @Option(name: .customLong("end-lr"), help: "The last learning rate.")
    var endLR = 10.0

    @Option(name: .customLong("num-iter"), help: "Iterations from --start-lr to --end-lr.")
    var numIter = 100

    @Option(name: .customLong("stop-factor"), help: "Stop once the smoothed loss exceeds this many times its best.")
    var stopFactor = LRFinder.Range().divergenceFactor

    @OptionGroup var options: StudyOptions

    func validate() throws {
        try requireFinite(startLR, "--start-lr", positive: true)
        try requireFinite(endLR, "--end-lr", positive: true)
        if endLR <= startLR { throw ValidationError("--end-lr (\(endLR)) must be above --start-lr (\(startLR))") }
        try requireRange(numIter, "--num-iter", 2...100_000)
        try requireFinite(stopFactor, "--stop-factor")
        if stopFactor <= 1 { throw ValidationError("--stop-factor must be above 1, got \(stopFactor)") }
    }

    func run() throws {
        let configuration = training.configuration
        let dataset = try training.checkedDataset(configuration)
        var range = LRFinder.Range()
        (range.startLR, range.endLR, range.numIter, range.divergenceFactor) = (startLR, endLR, numIter, stopFactor)
        let first = try training.checked(configuration) { try LRFinder(configuration, dataset: dataset, range: range) }
        try StudyLauncher(options: options, screen: LRFindScreen()).launch(first) { [range] in
            do {
                return try LRFinder(configuration, dataset: dataset, range: range)
            } catch {
                // The same construction succeeded for the first run on the same inputs.
                preconditionFailure("lr-find setup failed after validation: \(error)")
            }
        }
    }
}
