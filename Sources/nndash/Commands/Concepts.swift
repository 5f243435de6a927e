import ArgumentParser
import NNStudies

/// `nndash concepts`: loss, cost and objective; entropy, cross-entropy and KL divergence; the chain rule.
struct Concepts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Loss, cost and objective; entropy, cross-entropy and KL divergence; lesson 003's chain rule, with numbers computed live.",
        discussion: """
            Loss is one sample's error, cost their mean over the data, objective the cost plus a \
            regularization term (lesson 000), on lesson 003's MSE example (targets 3, 5, 2.5, \
            predictions 4.5, 5, 2) with λ·Σθ² taking the predictions as the parameters. Entropy \
            H(p), cross-entropy H(p, q) and KL(p‖q) of lesson 002's KLDivLoss distributions and of \
            lesson 000's CrossEntropy example, by the engine's crossEntropy and klDiv, with \
            H(p, q) = H(p) + KL(p‖q) checked on each; the binary entropy H(p), largest at p = 0.5. \
            Lesson 003's chain rule: fc2 = 2·sigmoid(x·w − b) + 1 at x = 1, w = b = 0, by autograd \
            and by multiplying the factors.
            """)

    @Option(help: "λ of the objective's regularization term λ·Σθ².")
    var lambda = 0.01

    @Option(help: "Points of the binary entropy curve.")
    var points = 101

    @OptionGroup var options: StudyOptions

    func validate() throws {
        try requireFinite(lambda, "--lambda", nonNegative: true)
        try requireRange(points, "--points", LossConcepts.Configuration.pointsRange)
    }

    func run() throws {
        let configuration = LossConcepts.Configuration(lambda: lambda, points: points)
        try StudyLauncher(options: options, screen: ConceptsScreen())
            .launch { LossConcepts(configuration) }
    }
}
