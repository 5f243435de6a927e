import Foundation
import NNRuns
import NNText
import Testing
@testable import NNStudies

/// Lesson 000's momentum experiments as `nndash momentum` runs them by default, the update's
/// options, and the weights of the exponentially weighted average.
@Suite struct MomentumLessonTests {
    static func finish(_ configuration: MomentumComparison.Configuration) throws -> MomentumComparison.Snapshot {
        var study = MomentumComparison(configuration)
        while try study.step() != nil {}
        return try #require(study.snapshot as? MomentumComparison.Snapshot)
    }

    @Test func momentumGetsASmallLearningRateThereFirstThenRings() throws {
        let s = try Self.finish(.init())
        let runs = s.configuration.runs
        let boosted = try #require(runs.firstIndex(of: .init(lr: 0.01, momentum: 0.9)))
        let fast = try #require(runs.firstIndex(of: .init(lr: 0.03, momentum: 0)))
        let slow = try #require(runs.firstIndex(of: .init(lr: 0.01, momentum: 0)))
        // The lesson's point: m = 0.9 at lr 0.01 is first near the minimum ...
        let near = s.stepsToNear.map { $0 ?? .max }
        #expect(near[boosted] < near[fast] && near[fast] < near[slow], "\(near)")
        // First of all: a run with momentum (plain or Nesterov).
        let first = try #require(s.firstNear)
        #expect(runs[first].momentum > 0 && near[first] <= near[boosted])
        // ... and its ringing makes it last to 1e-6 of the start among those that get there.
        let tolerance = s.analysis.runs.map { $0.stepsToTolerance ?? .max }
        #expect(tolerance[boosted] > tolerance[fast], "\(tolerance)")
        #expect(s.crossings[boosted] > 0 && s.crossings[fast] == 0)
    }

    @Test func contractionIsWhatTheRunsMeasure() throws {
        let s = try Self.finish(.init(iterations: 100, weightDecay: 0.5))
        for (i, run) in s.configuration.runs.enumerated() {
            // The envelope of |x| over 20 steps against 20 steps earlier.
            let x = s.positions[i].map(abs)
            let late = x[60..<80].max()!, early = x[40..<60].max()!
            guard late > 1e-30 else { continue }
            let measured = Foundation.pow(late / early, 1.0 / 20)
            #expect(abs(measured - s.contractions[i]) < 0.02, "\(run.label): measured \(measured), formula \(s.contractions[i])")
        }
        // Without momentum the factor is |1 − lr·(8 + weight_decay)|.
        let plain = try #require(s.configuration.runs.firstIndex(of: .init(lr: 0.03, momentum: 0)))
        #expect(abs(s.contractions[plain] - abs(1 - 0.03 * 8.5)) < 1e-12)
    }

    @Test func weightDecayAndDampeningEnterTheUpdateAsPyTorchsSGD() throws {
        let run = MomentumComparison.Run(lr: 0.01, momentum: 0.9)
        let s = try Self.finish(.init(runs: [run], iterations: 3, weightDecay: 0.5, dampening: 0.3))
        // g = 8x + 0.5x; v = g at the first step, then 0.9·v + 0.7·g; x −= 0.01·v.
        var x = 2.0, v = 0.0
        var expected: [Double] = []
        for step in 0..<3 {
            expected.append(x)
            let g = 8.5 * x
            v = step == 0 ? g : 0.9 * v + 0.7 * g
            x -= 0.01 * v
        }
        #expect(zip(s.positions[0], expected).allSatisfy { abs($0 - $1) < 1e-5 }, "\(s.positions[0]) against \(expected)")
    }

    @Test func averageWeightsSumAsTheLessonPrints() throws {
        let s = try Self.finish(.init(iterations: 1, betas: [0.9, 0.98]))
        // Lesson 000: 100 weights of β = 0.9 sum to 0.99997.
        #expect(NumberFormat.fixed(s.weightSums[0], decimals: 5) == "0.99997")
        #expect(abs(s.weightSums[1] - (1 - Foundation.pow(0.98, 100))) < 1e-12)
        let weights = try #require(s.averages.first { $0.panel == "weights" && $0.label == "beta=0.9" })
        #expect(weights.y.count == 100 && abs(weights.y[0] - 0.1) < 1e-15 && abs(weights.y[3] - 0.1 * 0.729) < 1e-15)
    }
}
