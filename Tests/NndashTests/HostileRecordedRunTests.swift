import Foundation
import NNRuns
import NNStudies
import Testing

/// A recorded run is a file from outside: parameters and findings that would size a loop or an
/// allocation, or overflow an integer, are refused in one line or left out; nothing traps.
@Suite(.timeLimit(.minutes(2))) struct HostileRecordedRunTests {
    static var training: JSONValue { TrainingConfiguration().params }

    static let cases: [(study: String, params: JSONValue, summary: JSONValue, metrics: [JSONValue])] = [
        ("train", training, [
            "iteration": .int(Int.max),
            "predictions": ["kind": "boundary", "x_min": 0, "x_max": 1, "y_min": 0, "y_max": 1,
                            "columns": .int(1 << 62), "rows": 4, "classes": [0, 1], "points": [[1e308, -1e308, 0, 1]]],
        ], [["series": "train", "step": .int(Int.max), "loss": 1, "lr": 0.1, "epoch": 0],
            ["series": "validation", "step": .int(Int.max), "loss": 1, "accuracy": 0.5, "train_loss": 1, "train_accuracy": 0.5]]),
        ("train", training, [
            "iteration": 1,
            "predictions": ["kind": "boundary", "x_min": 0, "x_max": 1, "y_min": 0, "y_max": 1,
                            "columns": 1, "rows": 1, "classes": [.int(Int.max)], "points": [[1e308, -1e308, 0, 1]]],
        ], [["series": "train", "step": 1, "loss": 1, "lr": 0.1, "epoch": 0]]),
        ("train", training, [
            "iteration": 1,
            "predictions": ["kind": "boundary", "x_min": -1e308, "x_max": 1e308, "y_min": -1e308, "y_max": 1e308,
                            "columns": 1, "rows": 1, "classes": [0], "points": [[1e308, -1e308, 0, 1], [0, 0, 3, 0]]],
        ], [["series": "train", "step": 1, "loss": 1, "lr": 0.1, "epoch": 0]]),
        ("dead-relu", ["lr": 6, "hidden": .int(Int.max), "steps": 10, "bias_shift": 0, "negative_slope": 0.1, "seed": 0,
                       "points_per_class": 150], [:], []),
        ("dead-relu", ["lr": 6, "hidden": 4, "steps": 10, "bias_shift": 0, "negative_slope": 0.1, "seed": 0,
                       "points_per_class": 150], [:],
         [["series": "relu", "step": 0, "loss": 1e308, "dead": -1e308, "silent": 2, "revived": .number(Double.greatestFiniteMagnitude)]]),
        ("activations", ["low": -1, "high": 1, "points": 2, "softmax_input": JSONValue([Double](repeating: 1, count: 100_000))], [:], []),
        ("regression", ["runs": [["optimizer": "SGD", "lr": 0.1, "input_scale": 1]], "epochs": 5, "validation_fraction": 1e300,
                        "seed": 0], [:], []),
        ("lr-find", ["start_lr": 1e-7, "end_lr": 10, "num_iter": .int(Int.max), "beta": 0.98, "divergence_factor": 4], [:],
         (0..<30).map { ["series": "lr-find", "step": .int($0), "lr": .number(pow(10, Double($0) / 5 - 7)), "loss": 1, "smoothed_loss": 1] }),
    ]

    @Test(arguments: cases.indices)
    func aHostileRecordedRunIsShownOrRefusedInOneLine(index: Int) throws {
        let c = Self.cases[index]
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run: JSONValue = ["study": .string(c.study), "params": c.params, "summary": c.summary]
        try Data(run.jsonText.utf8).write(to: folder.appendingPathComponent("run.json"))
        let lines = c.metrics.map { $0.jsonText + "\n" }.joined()
        try Data(lines.utf8).write(to: folder.appendingPathComponent("metrics.jsonl"))
        for mode in ["--plain", "--json"] {
            let result = try Binary.run(["replay", mode, folder.path])
            #expect(result.status == 0 || (result.status == 2 && result.stderr.split(separator: "\n").count == 1),
                    "\(c.study) \(mode): status \(result.status): \(result.stderr.prefix(400))")
        }
    }
}
