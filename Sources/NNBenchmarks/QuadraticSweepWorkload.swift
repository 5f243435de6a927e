import NNStudies

/// `sweep-quadratic`: the seed's learning-rate sweep on f(x) = (2x)², autograd every step, as
/// `nndash sweep` runs it: the study itself, 10 learning rates in linspace(0.01, 0.2) for 100
/// iterations each from x = 2, every loss read.
public struct QuadraticSweepWorkload: Workload {
    public static let name = "sweep-quadratic"
    public let configuration: LearningRateSweep.Configuration
    private var study: LearningRateSweep
    /// The loss of every run's last iteration, one per learning rate.
    public private(set) var finalLosses: [Double] = []

    public init() { self.init(LearningRateSweep.Configuration()) }

    public init(_ configuration: LearningRateSweep.Configuration) {
        self.configuration = configuration
        study = LearningRateSweep(configuration)
    }

    /// A fresh sweep from x0.
    public mutating func reset() {
        study = LearningRateSweep(configuration)
        finalLosses = []
    }

    /// Runs the sweep to its end; returns the sum of the final losses.
    public mutating func run() throws -> Double {
        while try study.advance() {}
        finalLosses = study.lastLosses
        return finalLosses.reduce(0, +)
    }
}
