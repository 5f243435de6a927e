import Foundation

/// What a set of loss curves says about their learning rates: how fast each converges,
/// which diverge, and which is best. Computed from the runs, not assumed.
public struct SweepAnalysis: Hashable, Sendable {
    /// The verdict on one curve.
    public struct Run: Hashable, Sendable {
        public var learningRate: Double
        /// The loss's mean factor per step, `(final / initial)^(1/steps)`; below 1 converges.
        public var lossFactor: Double
        /// The first step whose loss is at most `tolerance` times the initial loss; nil if none.
        public var stepsToTolerance: Int?
        /// The first step whose loss is not finite or exceeds `divergenceFactor` times the initial one.
        public var divergedAt: Int?
        public var finalLoss: Double

        public var diverged: Bool { divergedAt != nil || lossFactor > 1 }
    }

    public var runs: [Run]
    /// The index in `runs` of the fastest converging learning rate; nil when none converges.
    public var best: Int?

    /// Losses this many times the initial loss count as reached.
    public static let tolerance = 1e-6
    /// Losses this many times the initial loss count as diverged.
    public static let divergenceFactor = 1e6

    /// - Parameters:
    ///   - learningRates: one per curve.
    ///   - losses: each curve's loss at steps 0, 1, 2, ...
    public init(learningRates: [Double], losses: [[Double]]) {
        runs = zip(learningRates, losses).map { Self.analyze(learningRate: $0, losses: $1) }
        let converging = runs.indices.filter { !runs[$0].diverged && runs[$0].lossFactor < 1 }
        best = converging.min { a, b in
            let ra = runs[a], rb = runs[b]
            let sa = ra.stepsToTolerance ?? Int.max, sb = rb.stepsToTolerance ?? Int.max
            if sa != sb { return sa < sb }
            return ra.lossFactor < rb.lossFactor
        }
    }

    static func analyze(learningRate: Double, losses: [Double]) -> Run {
        let initial = losses.first ?? .nan
        var stepsToTolerance: Int?
        var divergedAt: Int?
        for (step, loss) in losses.enumerated() {
            if !loss.isFinite || (initial > 0 && loss > initial * divergenceFactor) {
                divergedAt = step
                break
            }
            if stepsToTolerance == nil, loss <= initial * tolerance { stepsToTolerance = step }
        }
        // The rate is measured up to the last step whose loss is still above zero: once a run
        // has landed on the minimum exactly, later steps say nothing about its speed.
        let end = divergedAt ?? losses.count
        let last = (0..<end).last { losses[$0] > 0 } ?? 0
        var factor = 1.0
        if divergedAt != nil {
            factor = .infinity
        } else if last > 0, initial > 0 {
            factor = Foundation.pow(losses[last] / initial, 1 / Double(last))
        } else if end > 1 {
            factor = 0
        }
        return Run(learningRate: learningRate, lossFactor: factor, stepsToTolerance: stepsToTolerance,
                   divergedAt: divergedAt, finalLoss: losses.last ?? .nan)
    }
}
