import Foundation
import Testing
@testable import NNStudies

@Suite("Learning-rate range test")
struct LRFinderTests {
    /// Ten decades: lr_i = 10^(i-5).
    static let lrs = (0..<10).map { pow(10, Double($0 - 5)) }
    /// Flat, a steady fall to the bottom at 7, then a blow-up.
    static let losses: [Double] = [3, 3, 3, 2.5, 1.5, 1, 0.75, 0.5, 2, 4]

    @Test func valleyIsAboutHalfWayDownTheLongestDecrease() throws {
        // Longest decreasing run ends at 7 with length 6, so start = 1; 1 + ⌊6/3⌋ + ⌊6/6⌋ = 4.
        let s = try #require(LRSuggestions.valley(lrs: Self.lrs, losses: Self.losses))
        #expect(s.lr == Self.lrs[4] && s.pointLoss == 1.5)
    }

    @Test func minimumIsATenthOfTheLowestLoss() throws {
        let s = try #require(LRSuggestions.minimum(lrs: Self.lrs, losses: Self.losses))
        #expect(abs(s.lr - Self.lrs[7] / 10) < 1e-15 && s.pointLR == Self.lrs[7] && s.pointLoss == 0.5)
    }

    @Test func steepIsTheSteepestFall() throws {
        // The fall from index 3 to 4 drops 1 per decade, the others at most 0.5.
        let s = try #require(LRSuggestions.steep(lrs: Self.lrs, losses: Self.losses))
        #expect(s.lr == Self.lrs[3])
    }

    @Test func slideStopsWhereTheGradientsAgree() throws {
        // Flat to 19, then 1 + 0.02 (i - 20)²: the gradient is 0 up to 19, 0.01 at 20 and
        // 0.04 (i - 20) after; the window of 15 slides left while its ends' gradients differ
        // by more than 0.005, the last time with its left end at 5 (right end 20).
        let lrs = (0..<40).map { pow(10, Double($0) / 8 - 4) }
        let losses = (0..<40).map { i -> Double in
            let d = Double(Swift.max(i - 20, 0))
            return 1 + 0.02 * d * d
        }
        let s = try #require(LRSuggestions.slide(lrs: lrs, losses: losses))
        #expect(abs(s.lr - lrs[5]) < 1e-12)
        #expect(s.pointLoss == 1)
        #expect(LRSuggestions.slide(lrs: Array(lrs.prefix(15)), losses: Array(losses.prefix(15))) == nil)
    }

    @Test func lightningTakesTheSteepestGradientAfterSkipping() throws {
        // A tanh step centred at 18: the central difference is largest in magnitude there.
        let lrs = (0..<30).map { pow(10, Double($0) / 5 - 5) }
        let losses = (0..<30).map { 3 - tanh((Double($0) - 18) / 3) }
        let s = try #require(LRSuggestions.lightning(lrs: lrs, losses: losses))
        #expect(s.lr == lrs[18])
        // Skipping begins at 10: a steeper fall before it is ignored.
        var early = losses
        early[3] = -10
        #expect(LRSuggestions.lightning(lrs: lrs, losses: early)?.lr == lrs[18])
    }

    @Test func fastaiTrimsTheFirstTenthAndTheLastFive() {
        let lrs = (0..<100).map { pow(10, Double($0) / 12.5 - 7) }
        var losses = (0..<100).map { 2 - Double($0) / 100 }
        // A minimum inside the trimmed ends is ignored.
        losses[2] = -5
        losses[97] = -5
        let minimum = LRSuggestions.fastai(lrs: lrs, losses: losses, numIter: 100).first { $0.name == "minimum" }
        #expect(minimum?.pointLR == lrs[94])
    }

    @Test func rangeTestGrowsExponentiallyAndStopsOnDivergence() throws {
        var configuration = TrainingConfiguration()
        configuration.model = .mlp
        configuration.data = .blobs
        var range = LRFinder.Range()
        range.startLR = 1e-4
        range.endLR = 1e4
        range.numIter = 60
        var finder = try LRFinder(configuration, range: range)
        #expect(abs(finder.learningRate(0) - 1e-4) < 1e-16 && abs(finder.learningRate(59) - 1e4) < 1e-9)
        #expect(abs(finder.learningRate(1) / finder.learningRate(0) - pow(1e8, 1.0 / 59)) < 1e-12)
        var steps = 0
        while try finder.step() != nil { steps += 1 }
        let summary = finder.report.summary
        let smoothed = summary["smoothed_losses"]?.arrayValue?.compactMap(\.doubleValue) ?? []
        #expect(smoothed.count == steps)
        // SGD with momentum at lr 1e4 diverges: the test stops early, on the 4x rule.
        #expect(steps < 60)
        #expect(summary["stop_reason"]?.stringValue?.contains("4x") == true)
        let best = smoothed.dropLast().min() ?? 0
        #expect(smoothed.last! > 4 * best)
        #expect(smoothed.dropLast().allSatisfy { $0 <= 4 * best })
    }
}
