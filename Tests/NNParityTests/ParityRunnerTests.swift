import Foundation
import NNEngine
import NNRuns
import Testing
@testable import NNParity

@Suite("Parity runner")
struct ParityRunnerTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let golden = fixtures.appendingPathComponent("golden/torch_reference.json").path

    /// Ops another part of the engine implements (convolution, pooling, batch norm).
    static let otherOps: Set<String> = ["conv2d", "max_pool2d", "avg_pool2d", "batch_norm"]
    static let ownExperiments: Set<String> = ["gd_quadratic", "lr_sweep", "backprop_2_2_2"]

    @Test func goldenOpsGainsInitsAndExperimentsPass() throws {
        let document = try ParityRunner.load(path: Self.golden)
        let cases = document["cases"]?.arrayValue ?? []
        let outcomes = ParityRunner().run(document)
        #expect(outcomes.count == cases.count)
        var checked = 0
        for (json, outcome) in zip(cases, outcomes) {
            let kind = json["kind"]?.stringValue ?? "", name = json["name"]?.stringValue ?? ""
            let mine = (kind == "op" && !Self.otherOps.contains(name)) || kind == "gain" || kind == "init"
                || (kind == "experiment" && Self.ownExperiments.contains(name))
            guard mine else { continue }
            checked += 1
            #expect(outcome.passed, "\(outcome.failureLine ?? "")")
        }
        #expect(checked == 78)
    }

    /// A one-case document with the standard tolerance.
    func document(_ caseJSON: String) throws -> JSONValue {
        try JSONValue(parsing: #"{"meta": {"tolerance": {"rtol": 1e-4, "atol": 1e-5}}, "cases": [\#(caseJSON)]}"#)
    }

    @Test func wrongOutputIsReportedWithItsValues() throws {
        let doc = try document(#"""
            {"id": "op/exp/x", "kind": "op", "name": "exp", "params": {},
             "inputs": {"x": {"shape": [2], "data": [0.0, 1.0]}},
             "output": {"shape": [2], "data": [1.0, 2.8]}}
            """#)
        let outcome = try #require(ParityRunner().run(doc).first)
        #expect(!outcome.passed)
        let line = try #require(outcome.failureLine)
        #expect(line.hasPrefix("FAIL op/exp/x: output[1]: expected 2.8, actual 2.71828"))
        #expect(line.contains("largest error"))
    }

    @Test func wrongGradientIsReported() throws {
        let doc = try document(#"""
            {"id": "op/mul/g", "kind": "op", "name": "mul", "params": {},
             "inputs": {"a": {"shape": [2], "data": [1.0, 2.0]}, "b": {"shape": [], "data": [3.0]}},
             "output": {"shape": [2], "data": [3.0, 6.0]},
             "grad_output": {"shape": [2], "data": [1.0, 1.0]},
             "grads": {"a": {"shape": [2], "data": [3.0, 3.0]}, "b": {"shape": [], "data": [4.0]}}}
            """#)
        let outcome = try #require(ParityRunner().run(doc).first)
        // d(sum(a * b))/db = 1 + 2 = 3, not 4; a's gradient is right.
        #expect(outcome.mismatches.map(\.what) == ["grads.b"])
    }

    @Test func unsupportedKindAndNameFailWithReason() throws {
        let doc = try JSONValue(parsing: #"""
            {"meta": {}, "cases": [
              {"id": "op/frobnicate/0", "kind": "op", "name": "frobnicate", "params": {}, "inputs": {}},
              {"id": "weird/0", "kind": "weird", "name": "w"}]}
            """#)
        let lines = ParityRunner().run(doc).compactMap(\.failureLine)
        #expect(lines == ["FAIL op/frobnicate/0: unsupported: op frobnicate", "FAIL weird/0: unsupported: kind weird"])
    }

    @Test func initStatisticsOutsideTheLawFail() throws {
        // U(-0.3, 0.7) cannot have a minimum of -0.5 nor a mean of 0.3 over 90,000 draws.
        let doc = try document(#"""
            {"id": "init/uniform_/bad", "kind": "init", "name": "uniform_", "params": {"a": -0.3, "b": 0.7},
             "shape": [300, 300], "expected": {"mean": 0.3, "std": 0.2887, "min": -0.5, "max": 0.69999}}
            """#)
        let outcome = try #require(ParityRunner().run(doc).first)
        let what = outcome.mismatches.map(\.what)
        #expect(what.contains { $0.hasPrefix("torch mean") })
        #expect(what.contains { $0.hasPrefix("torch min") })
        #expect(!what.contains { $0.hasPrefix("nndash") })
    }

    @Test func malformedCasesFailInsteadOfTrapping() throws {
        let doc = try JSONValue(parsing: #"""
            {"meta": {}, "cases": [
              {"id": "a", "kind": "op", "name": "add", "params": {},
               "inputs": {"a": {"shape": [2, 3], "data": [1, 2, 3, 4, 5, 6]}, "b": {"shape": [4], "data": [1, 2, 3, 4]}},
               "output": {"shape": [2], "data": [0, 0]}},
              {"id": "b", "kind": "op", "name": "sum", "params": {"dim": 3},
               "inputs": {"x": {"shape": [2], "data": [1, 2]}}, "output": {"shape": [], "data": [3]}},
              {"id": "c", "kind": "op", "name": "exp", "params": {},
               "inputs": {"x": {"shape": [2, 2], "data": [1, 2]}}, "output": {"shape": [2], "data": [0, 0]}},
              {"kind": "op"}]}
            """#)
        let lines = ParityRunner().run(doc).compactMap(\.failureLine)
        #expect(lines == [
            "FAIL a: malformed case: shapes [2, 3] and [4] do not broadcast",
            "FAIL b: malformed case: dim [3] does not fit a tensor of 1 dimensions",
            "FAIL c: malformed case: 2 values do not fill shape [2, 2]",
            "FAIL case #3: malformed case: a case needs string fields id, kind and name",
        ])
    }

    @Test func caseToleranceIsRelative() throws {
        let doc = try document(#"""
            {"id": "experiment/gd_quadratic/t", "kind": "experiment", "name": "gd_quadratic",
             "params": {"lr": 0.1, "x0": 2.0, "iterations": 2}, "tolerance": 0.01,
             "x": [2.0, 0.401], "grad": [16.0, 3.2], "loss": [16.0, 0.64]}
            """#)
        #expect(try #require(ParityRunner().run(doc).first).passed)
    }

    @Test func toleranceRule() {
        let t = Tolerance(rtol: 1e-4, atol: 1e-5)
        #expect(t.accepts(expected: 100, actual: 100.01))
        #expect(!t.accepts(expected: 100, actual: 100.02))
        #expect(t.accepts(expected: .nan, actual: .nan))
        #expect(!t.accepts(expected: 1, actual: .nan))
        #expect(!t.accepts(expected: .infinity, actual: 1e30))
    }

    @Test func unreadableFilesThrow() {
        #expect(throws: ParityError.self) { try ParityRunner.load(path: "/nonexistent/reference.json") }
    }
}
