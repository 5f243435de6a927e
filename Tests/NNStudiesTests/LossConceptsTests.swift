import Foundation
import NNRuns
import Testing
@testable import NNStudies

/// The concepts' numbers as the engine computes them, against PyTorch's (torch 2.15:
/// `-(p*p.log()).sum(1)`, `-(p*q.log()).sum(1)`, `F.kl_div(q.log(), p, reduction='none').sum(1)`,
/// `F.cross_entropy`) and lesson 003's printed ones.
@Suite struct LossConceptsTests {
    static func finish(_ c: LossConcepts.Configuration = .init()) throws -> LossConcepts.Snapshot {
        var study = LossConcepts(c)
        while try study.step() != nil {}
        return try #require(study.snapshot as? LossConcepts.Snapshot)
    }

    @Test func lossCostAndObjective() throws {
        let c = try #require(try Self.finish(.init(lambda: 0.1)).costParts)
        #expect(c.losses == [2.25, 0, 0.25])
        #expect(abs(c.cost - 0.8333333) < 1e-6)  // the lesson's MSELoss
        #expect(abs(c.penalty - 0.1 * (4.5 * 4.5 + 25 + 4)) < 1e-5)
        #expect(abs(c.objective - (c.cost + c.penalty)) < 1e-12)
    }

    @Test func crossEntropyIsEntropyPlusKL() throws {
        let rows = try Self.finish().entropyRows
        #expect(rows.count == 4)
        let torch: [(h: Double, ce: Double, kl: Double)] = [
            (0.3944, 0.7645, 0.3701), (0.8018, 1.1424, 0.3405), (0, 1.3133, 1.3133), (0, 0.1269, 0.1269),
        ]
        for (row, expected) in zip(rows, torch) {
            #expect(abs(row.entropy - expected.h) < 1e-4, "\(row.source)")
            #expect(abs(row.crossEntropy - expected.ce) < 1e-4, "\(row.source)")
            #expect(abs(row.kl - expected.kl) < 1e-4, "\(row.source)")
            #expect(abs(row.crossEntropy - row.entropy - row.kl) < 1e-5, "\(row.source)")
        }
    }

    @Test func binaryEntropyPeaksAtOneHalf() throws {
        let curve = try Self.finish(.init(points: 11)).entropyCurve
        #expect(curve.count == 11)
        let top = try #require(curve.max { $0[1] < $1[1] })
        #expect(top[0] == 0.5 && abs(top[1] - log(2.0)) < 1e-6)
        #expect(curve.first?[1] == 0 && curve.last?[1] == 0)
    }

    @Test func theLessonsChainRule() throws {
        let c = try #require(try Self.finish().chainRule)
        #expect(c.fc1 == 0.5 && c.fc2 == 2)
        #expect(c.fc1Grad == 2 && c.wGrad == 0.5 && c.bGrad == -0.5)
        #expect(c.handW == c.wGrad && c.handB == c.bGrad)
    }

    @Test func aRecordedRunRebuildsEveryNumber() throws {
        var study = LossConcepts(.init(lambda: 0.05, points: 21))
        let recorded = try study.recordedToTheEnd()
        let live = try #require(study.snapshot as? LossConcepts.Snapshot)
        let rebuilt = try LossConcepts.Snapshot(recorded: recorded)
        #expect(rebuilt.costParts == live.costParts)
        #expect(rebuilt.entropyRows == live.entropyRows)
        #expect(rebuilt.entropyCurve == live.entropyCurve)
        #expect(rebuilt.chainRule == live.chainRule)
    }
}
