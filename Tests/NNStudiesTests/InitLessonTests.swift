import Foundation
import NNRuns
import NNTestSupport
import Testing
@testable import NNStudies

/// Lesson 002's deep network: ReLU under Xavier explodes, tanh under 1/√n vanishes, the
/// gradients follow, and the gains relate to the lesson's std ratio.
@Suite struct InitLessonTests {
    /// The lesson's network: 100 layers of 256, batch 16 (run once for every suite that reads it).
    static var lesson: InitializationDepth.Snapshot { InitLesson.snapshot }

    static func index(_ scheme: InitializationDepth.Scheme) -> Int { InitializationDepth.Scheme.allCases.firstIndex(of: scheme)! }

    @Test func reluUnderXavierExplodesAndTanhUnderScaledNormalVanishes() throws {
        let s = Self.lesson
        let relu = s.outcomes[Self.index(.reluXavier)], tanh = s.outcomes[Self.index(.tanh)]
        let kaiming = s.outcomes[Self.index(.reluKaiming)], xavier = s.outcomes[Self.index(.tanhXavier)]
        // (5/3)/√2 a layer: 1.3e7 over 100 layers in expectation; the lesson's draw gave 7.6e6.
        let reluStd = try #require(relu.finalStd)
        #expect(relu.isGrowing && !relu.isHealthy && reluStd > 1e5 && reluStd < 1e9, "\(reluStd)")
        let tanhStd = try #require(tanh.finalStd)
        #expect(tanh.isShrinking && !tanh.isHealthy && tanhStd < 0.15, "\(tanhStd)")
        #expect(kaiming.isHealthy && xavier.isHealthy)
    }

    @Test func gradientsAreRecordedForEveryLayerAndFollowTheForwardPass() throws {
        let s = Self.lesson
        for i in InitializationDepth.Scheme.allCases.indices where s.outcomes[i].overflowLayer == nil {
            #expect(s.gradientStds[i].count == s.stds[i].count)
        }
        // ∂L/∂W_l = δ_lᵀ·h_{l−1}: with tanh under 1/√n the last layer's inputs are ~9× smaller than the first's.
        let g = s.gradientStds[Self.index(.tanh)]
        #expect(g.allSatisfy { $0.isFinite && $0 > 0 })
        // Under ReLU with Xavier both ends explode: layer 1's δ grew through 99 layers backward, the
        // last layer's input through 99 forward; Kaiming keeps both near their size.
        let relu = s.gradientStds[Self.index(.reluXavier)], kaiming = s.gradientStds[Self.index(.reluKaiming)]
        #expect(relu.first! > 100 * kaiming.first! && relu.last! > 100 * kaiming.last!, "\(relu) against \(kaiming)")
    }

    @Test func gainsAgainstTheLessonsRatio() throws {
        let s = Self.lesson
        let tanh = try #require(s.gains.first { $0.nonlinearity == "tanh" })
        let relu = try #require(s.gains.first { $0.nonlinearity == "relu" })
        // The lesson prints std(x)/std(tanh(x)) = 1.598 for 10,000 draws; calculate_gain says 5/3.
        #expect(abs(tanh.inverseStdRatio - 1.598) < 0.03 && abs(tanh.inverseStdRatio * tanh.stdRatio - 1) < 1e-12)
        #expect(abs(relu.rmsRatio - 2.0.squareRoot()) < 0.01 && abs(relu.gain - 2.0.squareRoot()) < 1e-12)
    }

    @Test func replayReadsTheGradients() throws {
        var study = InitializationDepth(.init(layers: 5, width: 16, batch: 4, seed: 3))
        var records: [MetricRecord] = []
        while let step = try study.step() { records += step }
        let live = try #require(study.snapshot as? InitializationDepth.Snapshot)
        let grads = records.filter { $0.values["grad_std"] != nil }
        #expect(grads.count == InitializationDepth.Scheme.allCases.count * 5)
        let replayed = try InitializationDepth.Snapshot(recorded: live.report)
        #expect(replayed.gradientStds == live.gradientStds)
    }
}
