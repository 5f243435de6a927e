import Foundation
import NNRuns
import Testing
@testable import NNParity

@Suite("Layer parity")
struct LayerParityTests {
    static let layerOps: Set<String> = ["conv2d", "max_pool2d", "avg_pool2d", "batch_norm"]

    @Test func goldenLayerCasesAndTheWholeFilePass() throws {
        let document = try ParityRunner.load(path: ParityRunnerTests.golden)
        let cases = document["cases"]?.arrayValue ?? []
        let outcomes = ParityRunner().run(document)
        var layers = 0
        for (json, outcome) in zip(cases, outcomes) {
            #expect(outcome.passed, "\(outcome.failureLine ?? "")")
            if json["kind"]?.stringValue == "op", Self.layerOps.contains(json["name"]?.stringValue ?? "") { layers += 1 }
        }
        #expect(layers == 11)
        #expect(outcomes.count == 244)
    }

    @Test func layerVariantsPass() throws {
        let path = ParityRunnerTests.fixtures.appendingPathComponent("golden/layer_variants.json").path
        let outcomes = ParityRunner().run(try ParityRunner.load(path: path))
        #expect(outcomes.count == 13)
        for outcome in outcomes { #expect(outcome.passed, "\(outcome.failureLine ?? "")") }
    }

    @Test func wrongRunningStatisticsAreReported() throws {
        // Batch [1, 3]: mean 2, unbiased variance 2; momentum 0.5 from (0, 1) gives mean 1 and variance 1.5.
        let doc = try JSONValue(parsing: #"""
            {"meta": {"tolerance": {"rtol": 1e-4, "atol": 1e-5}}, "cases": [
             {"id": "op/batch_norm/r", "kind": "op", "name": "batch_norm",
              "params": {"training": true, "momentum": 0.5, "eps": 0.0, "running_mean": [0.0], "running_var": [1.0]},
              "inputs": {"x": {"shape": [2, 1], "data": [1.0, 3.0]}},
              "output": {"shape": [2, 1], "data": [-1.0, 1.0]},
              "running_after": {"mean": {"shape": [1], "data": [1.0]}, "var": {"shape": [1], "data": [1.6]}}}]}
            """#)
        let outcome = try #require(ParityRunner().run(doc).first)
        #expect(outcome.mismatches.map(\.what) == ["running_after.var"])
    }

    @Test func listKernelSizesAndMissingStrideAreAccepted() throws {
        // A 1x2 window with the default stride (the kernel size) over one row.
        let doc = try JSONValue(parsing: #"""
            {"meta": {"tolerance": {"rtol": 1e-4, "atol": 1e-5}}, "cases": [
             {"id": "op/max_pool2d/l", "kind": "op", "name": "max_pool2d", "params": {"kernel_size": [1, 2]},
              "inputs": {"x": {"shape": [1, 1, 1, 4], "data": [1.0, 4.0, 3.0, 2.0]}},
              "output": {"shape": [1, 1, 1, 2], "data": [4.0, 3.0]}}]}
            """#)
        let outcome = try #require(ParityRunner().run(doc).first)
        #expect(outcome.passed, "\(outcome.failureLine ?? "")")
    }
}
