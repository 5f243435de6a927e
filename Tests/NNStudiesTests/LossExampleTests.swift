import Foundation
import NNRuns
import Testing
@testable import NNStudies

/// The lessons' loss examples against PyTorch's values in `lesson_cases.json`.
@Suite struct LossExampleTests {
    static let reference: [String: JSONValue] = {
        let url = Golden.fixtures.appendingPathComponent("golden/lesson_cases.json")
        guard let data = try? Data(contentsOf: url), let document = try? JSONValue(parsing: data) else {
            fatalError("cannot read \(url.path)")
        }
        return Dictionary((document["cases"]?.arrayValue ?? []).compactMap { c in c["id"]?.stringValue.map { ($0, c) } },
                          uniquingKeysWith: { first, _ in first })
    }()

    /// The reference cases of each example, by its title and lesson.
    static let caseIDs: [String: String] = [
        "2 CrossEntropyLoss": "loss/CrossEntropyLoss/lesson002",
        "2 CrossEntropyLoss(weight=[1, 2])": "loss/CrossEntropyLoss/lesson002_w1.0_2.0",
        "2 CrossEntropyLoss(weight=[0.7, 0.3])": "loss/CrossEntropyLoss/lesson002_w0.7_0.3",
        "2 NLLLoss(weight=[1, 1])": "loss/NLLLoss/lesson002",
        "2 BCELoss(weight=[1, 1])": "loss/BCELoss/lesson002",
        "2 BCEWithLogitsLoss(weight=[1, 1])": "loss/BCEWithLogitsLoss/lesson002",
        "2 BCEWithLogitsLoss(weight=[1, 1], pos_weight=[3])": "loss/BCEWithLogitsLoss/lesson002_pos_weight3",
        "2 L1Loss": "loss/L1Loss/lesson002", "2 MSELoss": "loss/MSELoss/lesson002",
        "2 PoissonNLLLoss(log_input=True, full=False)": "loss/PoissonNLLLoss/lesson002",
        "2 KLDivLoss": "loss/KLDivLoss/lesson002", "2 MarginRankingLoss(margin=0)": "loss/MarginRankingLoss/lesson002_tie",
        "2 MultiLabelMarginLoss": "loss/MultiLabelMarginLoss/lesson002", "2 SoftMarginLoss": "loss/SoftMarginLoss/lesson002",
        "2 MultiLabelSoftMarginLoss": "loss/MultiLabelSoftMarginLoss/lesson002",
        "2 MultiMarginLoss": "loss/MultiMarginLoss/lesson002",
        "2 TripletMarginLoss(margin=1.0, p=1)": "loss/TripletMarginLoss/lesson002",
        "2 HingeEmbeddingLoss(margin=1)": "loss/HingeEmbeddingLoss/lesson002",
        "2 CosineEmbeddingLoss(margin=0)": "loss/CosineEmbeddingLoss/lesson002",
        "2 CTCLoss(blank=0)": "loss/CTCLoss/lesson002",
        "3 L1Loss": "loss/L1Loss/lesson003", "3 MSELoss": "loss/MSELoss/lesson003", "3 SmoothL1Loss": "loss/SmoothL1Loss/lesson003",
        "3 CrossEntropyLoss": "loss/CrossEntropyLoss/lesson003", "3 BCELoss": "loss/BCELoss/lesson003",
    ]

    @Test func everyExampleAndReductionIsPyTorchs() throws {
        let examples = try LossExample.lessonExamples()
        #expect(examples.count == Self.caseIDs.count)
        for example in examples {
            let id = try #require(Self.caseIDs["\(example.lesson ?? 0) \(example.title)"], "no reference for \(example.title)")
            #expect(example.outcomes.map(\.reduction) == (example.loss == "KLDivLoss" ? ["none", "sum", "mean", "batchmean"] : ["none", "sum", "mean"]))
            for outcome in example.outcomes {
                let reference = try #require(Self.reference["\(id)/\(outcome.reduction)"], "\(id)/\(outcome.reduction)")
                let expected = try #require(reference["output"]?["data"]?.doubleArray)
                #expect(outcome.values.count == expected.count, "\(id)/\(outcome.reduction)")
                for (a, e) in zip(outcome.values, expected) {
                    #expect(close(a, e, rtol: 1e-4, atol: 1e-5), "\(id)/\(outcome.reduction): \(a) against PyTorch's \(e)")
                }
            }
        }
    }

    @Test func onlyLesson003sCrossEntropyDiffersFromItsPrintedValueAndSaysWhy() throws {
        let printed = try LossExample.lessonExamples().flatMap(\.printed)
        #expect(printed.count == 10)
        let differing = printed.filter { !$0.agrees }
        #expect(differing.map(\.text) == ["1.2465587854385376"])
        #expect(differing.allSatisfy { $0.why?.contains("[1, 2]") == true })
        #expect(printed.filter(\.agrees).allSatisfy { $0.why == nil })
        // The lesson's value is the loss for targets one class on: (-log 0.3199 - log 0.2584) / 2.
        #expect(abs(differing[0].computed - 0.8966) < 1e-4)
    }
}
