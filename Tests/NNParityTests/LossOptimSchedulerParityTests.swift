import Foundation
import NNRuns
import Testing

@testable import NNParity

/// The losses, optimizers, schedulers and optimizer experiments against PyTorch's reference file.
@Suite("Loss, optimizer and scheduler parity")
struct LossOptimSchedulerParityTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden/torch_reference.json").path

    static let experiments: Set<String> = ["momentum", "temperature_regression"]

    @Test func goldenLossOptimizerSchedulerAndExperimentCasesPass() throws {
        let document = try ParityRunner.load(path: Self.golden)
        let cases = document["cases"]?.arrayValue ?? []
        var checked: [String: Int] = [:]
        for (json, outcome) in zip(cases, ParityRunner().run(document)) {
            let kind = json["kind"]?.stringValue ?? "", name = json["name"]?.stringValue ?? ""
            guard ["loss", "optimizer", "scheduler"].contains(kind) || (kind == "experiment" && Self.experiments.contains(name))
            else { continue }
            checked[kind, default: 0] += 1
            #expect(outcome.passed, "\(outcome.failureLine ?? "")")
        }
        #expect(checked == ["loss": 113, "optimizer": 20, "scheduler": 15, "experiment": 7])
    }

    func run(_ caseJSON: String) throws -> ParityRunner.Outcome {
        let document = try JSONValue(parsing: #"{"meta": {"tolerance": {"rtol": 1e-4, "atol": 1e-5}}, "cases": [\#(caseJSON)]}"#)
        return try #require(ParityRunner().run(document).first)
    }

    @Test func aWrongTrajectoryIsReported() throws {
        // SGD(lr=0.5): 1 - 0.5 * 2 = 0, then 0 - 0.5 * 1 = -0.5 (not -0.4).
        let outcome = try run(#"""
            {"id": "optimizer/SGD/x", "kind": "optimizer", "name": "SGD", "groups": [{"lr": 0.5}],
             "initial": [{"shape": [1], "data": [1.0]}],
             "grads": [[{"shape": [1], "data": [2.0]}], [{"shape": [1], "data": [1.0]}]],
             "trajectory": [[{"shape": [1], "data": [0.0]}], [{"shape": [1], "data": [-0.4]}]]}
            """#)
        #expect(outcome.failureLine?.hasPrefix("FAIL optimizer/SGD/x: trajectory[1][0]: expected -0.4, actual -0.5") == true)
    }

    @Test func aWrongLossAndAnUnknownSchedulerAreReported() throws {
        // MSE of [1, 3] against [0, 0] is (1 + 9) / 2 = 5.
        let loss = try run(#"""
            {"id": "loss/MSELoss/x", "kind": "loss", "name": "MSELoss", "params": {"reduction": "mean"},
             "inputs": {"input": {"shape": [2], "data": [1.0, 3.0]}, "target": {"shape": [2], "data": [0.0, 0.0]}},
             "output": {"shape": [], "data": [4.0]}}
            """#)
        #expect(loss.failureLine?.hasPrefix("FAIL loss/MSELoss/x: output: expected 4.0, actual 5.0") == true)
        let scheduler = try run(#"""
            {"id": "scheduler/WarmupLR/x", "kind": "scheduler", "name": "WarmupLR", "base_lr": 0.1, "params": {},
             "lrs": [0.1]}
            """#)
        #expect(scheduler.error == .unsupported("scheduler WarmupLR"))
    }
}
