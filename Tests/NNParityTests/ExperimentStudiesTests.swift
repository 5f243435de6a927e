import Foundation
import NNRuns
import NNStudies
import Testing
@testable import NNParity

/// `experiment` cases run the seed studies' own code: the golden cases pass with the studies as
/// they are, and fail, every one of them, when a study's maths change.
@Suite struct ExperimentStudiesTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden/torch_reference.json").path

    /// Each experiment, and a change to the maths of the study it runs.
    static let changes: [(String, @Sendable (inout ExperimentStudies) -> Void)] = [
        ("gd_quadratic", { studies in
            studies.gradientDescent = { c in GradientDescent(.init(lr: c.lr * 1.01, x0: c.x0, iterations: c.iterations)) }
        }),
        ("lr_sweep", { studies in
            studies.sweep = { c in
                var c = c
                c.function = .shifted
                return LearningRateSweep(c)
            }
        }),
        ("backprop_2_2_2", { studies in
            studies.backprop = { c in
                var c = c
                c.bias2 += 0.01
                return Backprop222(c)
            }
        }),
        ("momentum", { studies in
            studies.momentum = { c in
                var c = c
                c.weightDecay = 0.01
                return MomentumComparison(c)
            }
        }),
        ("temperature_regression", { studies in
            studies.regression = { c in
                var c = c
                c.runs = c.runs.map { run in
                    var run = run
                    run.inputScale *= 1.01
                    return run
                }
                return TemperatureRegression(c)
            }
        }),
    ]

    /// The golden file's cases of experiment `name`.
    static func document(_ name: String) throws -> JSONValue {
        let document = try ParityRunner.load(path: golden)
        let cases = (document["cases"]?.arrayValue ?? []).filter {
            $0["kind"]?.stringValue == "experiment" && $0["name"]?.stringValue == name
        }
        return ["meta": document["meta"] ?? [:], "cases": .array(cases)]
    }

    @Test(arguments: changes.map(\.0))
    func aStudyWithOtherMathsFailsItsCases(experiment: String) throws {
        let document = try Self.document(experiment)
        let count = document["cases"]?.arrayValue?.count ?? 0
        #expect(count > 0)
        let asTheyAre = ParityRunner().run(document)
        #expect(asTheyAre.count == count && asTheyAre.allSatisfy(\.passed), "\(asTheyAre.compactMap(\.failureLine))")

        var changed = ParityRunner()
        try #require(Self.changes.first { $0.0 == experiment }).1(&changed.studies)
        let outcomes = changed.run(document)
        #expect(outcomes.count == count)
        for outcome in outcomes {
            #expect(!outcome.passed && outcome.error == nil && !outcome.mismatches.isEmpty, "\(outcome.id)")
        }
    }
}
