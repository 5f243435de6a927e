import Foundation
import NNRuns
import Testing

@Suite struct StudyCommandLineTests {
    /// Bad input to any study: one line on stderr naming the option and the value, exit status 2.
    @Test(arguments: [
        (["sweep", "--function", "cubic"], ["--function", "cubic"]),
        (["sweep", "--scale", "exp"], ["--scale", "exp"]),
        (["sweep", "--scale", "log", "--lr-min", "0"], ["--lr-min", "0"]),
        (["gd", "--lr", "nan"], ["--lr", "nan"]),
        (["gd", "--lr=-1"], ["--lr", "-1"]),
        (["gd", "--x0", "inf"], ["--x0", "inf"]),
        (["gd", "--iterations", "0"], ["--iterations", "0"]),
        (["momentum", "--runs", "0.01:1.5"], ["--runs", "0.01:1.5"]),
        (["momentum", "--runs", "0.01:0:nesterov"], ["--runs", "0.01:0:nesterov"]),
        (["momentum", "--runs", "abc"], ["--runs", "abc"]),
        (["momentum", "--betas", "0.9,1"], ["--betas", "1"]),
        (["momentum", "--points", "0"], ["--points", "0"]),
        (["optimizers", "--function", "himmelblau"], ["--function", "himmelblau"]),
        (["optimizers", "--lr", "0"], ["--lr", "0"]),
        (["optimizers", "--lr", "inf"], ["--lr", "inf"]),
        (["optimizers", "--optimizers", "SGD,Lion"], ["--optimizers", "Lion"]),
        (["activations", "--low", "3", "--high", "1"], ["--low", "3"]),
        (["activations", "--points", "1"], ["--points", "1"]),
        (["activations", "--high", "nan"], ["--high", "nan"]),
        (["init", "--layers", "0"], ["--layers", "0"]),
        (["init", "--width", "100000"], ["--width", "100000"]),
        (["init", "--seed=-1"], ["--seed", "-1"]),
        (["losses", "--points=-5"], ["--points", "-5"]),
        (["regression", "--runs", "SGD:x:1"], ["--runs", "SGD:x:1"]),
        (["regression", "--runs", "Foo:0.1:1"], ["--runs", "Foo"]),
        (["regression", "--val-fraction", "0.9"], ["--val-fraction", "0.9"]),
        (["regression", "--epochs", "0"], ["--epochs", "0"]),
        (["backprop", "--steps", "0"], ["--steps", "0"]),
        (["backprop", "--lr=-inf"], ["--lr", "-inf"]),
    ])
    func badOptionsAreOneLineErrorsWithStatus2(arguments: [String], mentions: [String]) throws {
        let result = try Binary.run(arguments + ["--no-record"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.stderr)")
        for word in mentions { #expect(result.stderr.contains(word), "stderr: \(result.stderr)") }
    }

    /// Every study prints text when stdout is not a terminal, and one JSON document with --json.
    @Test(arguments: [
        ["gd", "--iterations", "4"], ["momentum", "--iterations", "4", "--points", "10"],
        ["optimizers", "--iterations", "4"], ["activations", "--points", "11"], ["init", "--layers", "3"],
        ["losses", "--points", "5"], ["regression", "--epochs", "3"], ["backprop"],
    ])
    func plainAndJSONOutput(arguments: [String]) throws {
        let plain = try Binary.run(arguments + ["--plain", "--no-record"], environment: ["LANG": "C.UTF-8"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.hasPrefix("nndash \(arguments[0])"))
        let result = try Binary.run(arguments + ["--json", "--no-record"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["study"]?.stringValue == arguments[0])
        let series = json["series"]?.arrayValue ?? []
        #expect(!series.isEmpty)
        #expect(json["summary"] != nil && json["params"] != nil)
    }

    @Test func aStudyRunIsRecorded() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nndash-studies-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Binary.run(["gd", "--iterations", "3", "--json", "--runs-dir", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        let runs = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(runs.count == 1)
    }
}
