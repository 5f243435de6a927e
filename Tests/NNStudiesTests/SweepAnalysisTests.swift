import Foundation
import NNStudies
import Testing

@Suite struct SweepAnalysisTests {
    /// Loss curves of exact geometric decay `16 * factor^t`.
    func geometric(_ factor: Double, steps: Int = 50) -> [Double] {
        (0..<steps).map { 16 * pow(factor, Double($0)) }
    }

    @Test func lossFactorIsTheMeanRatePerStep() throws {
        let analysis = SweepAnalysis(learningRates: [0.1], losses: [geometric(0.25)])
        #expect(abs(try #require(analysis.runs[0].lossFactor) - 0.25) < 1e-12)
        // 0.25^t <= 1e-6 first at t = 10 (0.25^10 ≈ 9.5e-7).
        #expect(analysis.runs[0].stepsToTolerance == 10)
    }

    @Test func theFastestConvergingRateIsBest() {
        let analysis = SweepAnalysis(learningRates: [0.01, 0.1, 0.125, 0.3],
                                     losses: [geometric(0.9), geometric(0.2), [16, 0, 0, 0], geometric(1.5)])
        #expect(analysis.best == 2)
        #expect(analysis.runs[2].stepsToTolerance == 1)
        #expect(analysis.runs[3].diverged)
        #expect(!analysis.runs[1].diverged)
    }

    @Test func nonFiniteLossMarksWhereARunDiverged() {
        let analysis = SweepAnalysis(learningRates: [1], losses: [[16, 784, 38416, .infinity, .nan]])
        #expect(analysis.runs[0].divergedAt == 3)
        #expect(analysis.best == nil)
    }
}
