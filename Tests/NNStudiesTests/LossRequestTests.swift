import Foundation
import NNRuns
import Testing
@testable import NNStudies

/// Loss examples with one's own inputs: the same values as the lessons' examples (checked against
/// PyTorch in `LossExampleTests`) when given the lessons' inputs, and one-line refusals naming
/// the value otherwise.
@Suite struct LossRequestTests {
    static func lessonExample(_ lesson: Int, _ title: String) throws -> LossExample {
        try #require(try LossExample.lessonExamples().first { $0.lesson == lesson && $0.title == title }, "\(title)")
    }

    @Test(arguments: [
        (LossRequest(loss: "CrossEntropyLoss", inputs: ["[[1, 2], [1, 3], [1, 3]]"], target: "[0, 1, 1]", options: ["weight=[0.7, 0.3]"]),
         2, "CrossEntropyLoss(weight=[0.7, 0.3])"),
        (LossRequest(loss: "bcewithlogits", inputs: ["[[1, 2], [2, 2], [3, 4], [4, 5]]"], target: "[[1, 0], [1, 0], [0, 1], [0, 1]]",
                     options: ["weight=[1, 1]", "pos_weight=[3]"]), 2, "BCEWithLogitsLoss(weight=[1, 1], pos_weight=[3])"),
        (LossRequest(loss: "MarginRanking", inputs: ["[1, 2, 3]", "[2, 2, 2]"], target: "[1, 1, -1]", options: ["margin=0"]),
         2, "MarginRankingLoss(margin=0)"),
        (LossRequest(loss: "TripletMarginLoss", inputs: ["[[1]]", "[[2]]", "[[0.5]]"], target: nil, options: ["margin=1.0", "p=1"]),
         2, "TripletMarginLoss(margin=1.0, p=1)"),
        (LossRequest(loss: "KLDivLoss", inputs: ["[[-0.6931472, -1.2039728, -1.6094379], [-1.6094379, -1.2039728, -0.6931472]]"],
                     target: "[[0.9, 0.05, 0.05], [0.1, 0.7, 0.2]]", options: []), 2, "KLDivLoss"),
        (LossRequest(loss: "BCELoss", inputs: ["[[0.1], [0.2], [0.7]]"], target: "[[1], [0], [1]]", options: []), 3, "BCELoss"),
        (LossRequest(loss: "SmoothL1", inputs: ["[4.5, 5.0, 2.0]"], target: "[3.0, 5.0, 2.5]", options: []), 3, "SmoothL1Loss"),
    ])
    func theLessonsInputsGiveTheLessonsValues(_ request: LossRequest, _ lesson: Int, _ title: String) throws {
        let own = try request.example()
        let reference = try Self.lessonExample(lesson, title)
        #expect(own.lesson == nil)
        #expect(own.title == reference.title)
        #expect(own.outcomes.map(\.reduction) == reference.outcomes.map(\.reduction))
        for (a, b) in zip(own.outcomes, reference.outcomes) {
            #expect(a.shape == b.shape)
            for (x, y) in zip(a.values, b.values) { #expect(abs(x - y) <= 1e-5 + 1e-4 * abs(y), "\(title) \(a.reduction): \(x) against \(y)") }
        }
    }

    /// Typed in, the lesson's weighted CrossEntropy gives PyTorch's values under every reduction.
    @Test func aTypedExampleIsPyTorchs() throws {
        let example = try LossRequest(loss: "crossentropy", inputs: ["[[1, 2], [1, 3], [1, 3]]"], target: "[0, 1, 1]",
                                      options: ["weight=[0.7, 0.3]"]).example()
        for outcome in example.outcomes {
            let id = "loss/CrossEntropyLoss/lesson002_w0.7_0.3/\(outcome.reduction)"
            let expected = try #require(LossExampleTests.reference[id]?["output"]?["data"]?.doubleArray, "\(id)")
            #expect(outcome.values.count == expected.count)
            for (a, e) in zip(outcome.values, expected) { #expect(abs(a - e) <= 1e-5 + 1e-4 * abs(e), "\(id): \(a) against \(e)") }
        }
    }

    @Test(arguments: [
        (LossRequest(loss: "Bogus", inputs: ["[1]"], target: "[1]", options: []), "'Bogus'"),
        (LossRequest(loss: "MSELoss", inputs: ["[[1, 2], [3]]"], target: "[1]", options: []), "[[1, 2], [3]]"),
        (LossRequest(loss: "MSELoss", inputs: ["[1, 2]"], target: nil, options: []), "needs --target"),
        (LossRequest(loss: "MSELoss", inputs: ["[1, 2]", "[1, 2]"], target: "[1, 2]", options: []), "got 2"),
        (LossRequest(loss: "MSELoss", inputs: ["[1, 2]"], target: "[1, 2]", options: ["margin=1"]), "'margin'"),
        (LossRequest(loss: "NLLLoss", inputs: ["[[1, 2]]"], target: "[0.5]", options: []), "0.5"),
        (LossRequest(loss: "NLLLoss", inputs: ["[[1, 2]]"], target: "[7]", options: []), "NLLLoss"),
        (LossRequest(loss: "MSELoss", inputs: ["[1, 2, 3]"], target: "[1, 2]", options: []), "MSELoss"),
        (LossRequest(loss: "MSELoss", inputs: ["[1, 2]"], target: "[1, 2]", options: ["weight"]), "'weight'"),
        (LossRequest(loss: "MSELoss", inputs: ["[1, 1e999]"], target: "[1, 2]", options: []), "1e999"),
    ])
    func aBadRequestIsOneLineNamingTheValue(_ request: LossRequest, _ quoted: String) {
        do {
            _ = try request.example()
            Issue.record("accepted \(request)")
        } catch {
            #expect(error.description.contains(quoted), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func ctcTakesItsLengthsAsOptions() throws {
        let request = LossRequest(loss: "CTCLoss", inputs: ["[[[-1.2, -0.4, -2.3]], [[-0.7, -1.1, -1.6]], [[-2.0, -0.3, -1.9]]]"],
                                  target: "[[1, 2]]", options: ["input_lengths=[3]", "target_lengths=[2]", "blank=0"])
        let example = try request.example()
        #expect(example.title == "CTCLoss(blank=0)")
        #expect(example.inputs.map(\.name) == ["log_probs", "targets", "input_lengths", "target_lengths"])
        let none = try #require(example.outcome("none")?.values.first)
        #expect(none.isFinite && none > 0)
    }

    @Test func aRecordedRequestComesBack() throws {
        let request = LossRequest(loss: "HingeEmbedding", inputs: ["[[1, 0.8, 0.5]]"], target: "[[1, 1, -1]]", options: ["margin=1"])
        let configuration = LossGallery.Configuration(points: 5, own: request)
        #expect(try LossGallery.Configuration(params: configuration.params) == configuration)
        var gallery = LossGallery(configuration)
        _ = try gallery.step()
        #expect(gallery.examples.first?.title == "HingeEmbeddingLoss(margin=1)")
        let first = try #require(gallery.examples.first)
        #expect(LossExample(json: first.json) == first)
    }
}
