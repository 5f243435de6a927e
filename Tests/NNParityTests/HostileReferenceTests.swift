import Foundation
import NNRuns
import Testing
@testable import NNParity

/// Edited reference files: every count, shape and number read from one is checked before it
/// sizes an allocation or a loop, so a hostile case is a clear failure naming the bad value,
/// never a crash (an overflow, a failed precondition, a huge allocation) or an endless loop.
@Suite struct HostileReferenceTests {
    static let x = #"{"shape": [2, 1, 2, 2], "data": [1, 2, 3, 4, 5, 6, 7, 8]}"#

    /// A case and a word its failure must name.
    static let cases: [(String, String)] = [
        (#"{"id": "a", "kind": "op", "name": "sigmoid", "inputs": {"x": {"shape": [4294967296, 4294967296], "data": [1]}}, "output": {"shape": [1], "data": [1]}}"#,
         "4294967296"),
        (#"{"id": "a", "kind": "op", "name": "sigmoid", "inputs": {"x": {"shape": [-1], "data": []}}, "output": {"shape": [1], "data": [1]}}"#,
         "-1"),
        (#"{"id": "a", "kind": "init", "name": "sparse_", "shape": [20, 10], "expected": {"mean": 0, "std": 0.01, "min": 0, "max": 0}}"#,
         "sparsity"),
        (#"{"id": "a", "kind": "init", "name": "sparse_", "params": {"sparsity": 1e300}, "shape": [20, 10], "expected": {"mean": 0, "std": 0.01, "min": 0, "max": 0}}"#,
         "sparsity"),
        (#"{"id": "a", "kind": "op", "name": "celu", "params": {"alpha": 0}, "inputs": {"x": {"shape": [1], "data": [-1]}}, "output": {"shape": [1], "data": [1]}}"#,
         "alpha"),
        (#"{"id": "a", "kind": "experiment", "name": "gd_quadratic", "params": {"lr": 0.1, "x0": 1, "iterations": -1}, "x": [], "grad": [], "loss": []}"#,
         "-1"),
        (#"{"id": "a", "kind": "experiment", "name": "gd_quadratic", "params": {"lr": 0.1, "x0": 1, "iterations": 1e300}, "x": [], "grad": [], "loss": []}"#,
         "1e+300"),
        (#"{"id": "a", "kind": "experiment", "name": "lr_sweep", "params": {"lr_min": 0.1, "lr_max": 0.2, "num": 100000, "iterations": 100000, "x0": 1}, "loss": []}"#,
         "100000"),
        (#"{"id": "a", "kind": "experiment", "name": "momentum", "params": {"lr": 0.1, "x0": 1, "iterations": 9007199254740992}, "loss": [1]}"#,
         "9007199254740992"),
        (#"{"id": "a", "kind": "experiment", "name": "temperature_regression", "params": {"lr": 0.1, "epochs": -5, "t_c": [1], "t_u": [1]}, "final_params": [0, 0], "final_loss": 0, "loss_every_500": []}"#,
         "-5"),
        (#"{"id": "a", "kind": "loss", "name": "NLLLoss", "inputs": {"input": {"shape": [1, 2], "data": [1, 2]}, "target": {"shape": [1], "dtype": "int", "data": [1e300]}}, "output": {"shape": [], "data": [1]}}"#,
         "1e+300"),
        (#"{"id": "a", "kind": "loss", "name": "NLLLoss", "inputs": {"input": {"shape": [1, 2], "data": [1, 2]}, "target": {"shape": [1], "dtype": "int", "data": [NaN]}}, "output": {"shape": [], "data": [1]}}"#,
         "NaN"),
        (#"{"id": "a", "kind": "loss", "name": "NLLLoss", "params": {"ignore_index": 1e300}, "inputs": {"input": {"shape": [1, 2], "data": [1, 2]}, "target": {"shape": [1], "dtype": "int", "data": [0]}}, "output": {"shape": [], "data": [1]}}"#,
         "1e+300"),
        (#"{"id": "a", "kind": "op", "name": "max_pool2d", "params": {"kernel_size": 1e12}, "inputs": {"x": \#(x)}, "output": {"shape": [1], "data": [1]}}"#,
         "1000000000000"),
        (#"{"id": "a", "kind": "op", "name": "max_pool2d", "params": {"kernel_size": 2, "stride": 1e12, "dilation": 1e12}, "inputs": {"x": \#(x)}, "output": {"shape": [1], "data": [1]}}"#,
         "1000000000000"),
        (#"{"id": "a", "kind": "op", "name": "avg_pool2d", "params": {"kernel_size": 16777216, "padding": 8388608}, "inputs": {"x": \#(x)}, "output": {"shape": [1], "data": [1]}}"#,
         "padding"),
        (#"{"id": "a", "kind": "op", "name": "conv2d", "params": {"padding": 16777216}, "inputs": {"x": \#(x), "weight": {"shape": [1, 1, 1, 1], "data": [1]}}, "output": {"shape": [1], "data": [1]}}"#,
         "padding"),
        (#"{"id": "a", "kind": "op", "name": "sum", "params": {"dim": 1e300}, "inputs": {"x": {"shape": [1], "data": [1]}}, "output": {"shape": [], "data": [1]}}"#,
         "1e+300"),
        (#"{"id": "a", "kind": "init", "name": "dirac_", "shape": [1e12, 1e12, 1], "params": {}, "expected": {"mean": 0, "std": 0, "min": 0, "max": 0}}"#,
         "1000000000000"),
        (#"{"id": "a", "kind": "init", "name": "dirac_", "shape": [1, 1, 1], "params": {"groups": 1e300}, "expected": {"mean": 0, "std": 0, "min": 0, "max": 0}}"#,
         "1e+300"),
        (#"{"id": "a", "kind": "scheduler", "name": "StepLR", "params": {"step_size": 1e300}, "lrs": [0.1]}"#,
         "1e+300"),
        (#"{"id": "a", "kind": "experiment", "name": "backprop_2_2_2", "params": {"lr": 0.1, "input": [0, 5, 0.1], "target": [0.01, 0.99]}, "expected": {}}"#,
         "input needs 2 numbers, got 3"),
        (#"{"id": "a", "kind": "experiment", "name": "backprop_2_2_2", "params": {"lr": 0.1, "input": [0.05, 0.1], "target": []}, "expected": {}}"#,
         "target needs 2 numbers, got 0"),
    ]

    @Test(arguments: cases)
    func aHostileCaseFailsWithAClearReason(json: String, mention: String) throws {
        let document = try JSONValue(parsing: #"{"cases": [\#(json)]}"#)
        let outcomes = ParityRunner().run(document)
        #expect(outcomes.count == 1)
        let line = try #require(outcomes.first?.failureLine, "\(json)")
        #expect(line.contains(mention), "\(line)")
        #expect(outcomes.first?.error != nil, "\(line)")
    }

    /// Every integer a checker reads goes through the bounded readers of `ParityCase` (no
    /// unchecked `intValue` or `Int(...)` conversion of a number from a file).
    @Test func everyIntegerIsReadThroughABoundedReader() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/NNParity")
        var offenders: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: sources.path) where name != "ParityLimits.swift" {
            let text = try String(contentsOf: sources.appendingPathComponent(name), encoding: .utf8)
            for (number, line) in text.split(separator: "\n").enumerated()
            where line.contains(".intValue") || line.range(of: #"(?<![\w.])Int\("#, options: .regularExpression) != nil {
                offenders.append("\(name):\(number + 1): \(line)")
            }
        }
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }
}
