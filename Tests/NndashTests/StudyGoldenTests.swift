import Foundation
import NNRuns
import Testing

/// The deterministic studies' `--json` output against PyTorch's reference values.
@Suite struct StudyGoldenTests {
    func json(_ arguments: [String]) throws -> JSONValue {
        let result = try Binary.run(arguments + ["--json", "--no-record"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONValue(parsing: result.stdout)
    }

    func expectClose(_ actual: [Double]?, _ expected: [Double]?, _ what: String, tolerance: Double? = nil) {
        guard let actual, let expected else {
            Issue.record("\(what): missing values")
            return
        }
        #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)")
        for (i, (a, e)) in zip(actual, expected).enumerated() {
            #expect(GoldenReference.matches(a, e, caseTolerance: tolerance), "\(what)[\(i)]: \(a) vs \(e)")
        }
    }

    func series(_ report: JSONValue, label: String) -> JSONValue? {
        report["series"]?.arrayValue?.first { $0["label"]?.stringValue == label }
    }

    @Test func gdMatchesGDQuadratic() throws {
        let cases = GoldenReference.experiments("gd_quadratic")
        #expect(cases.count == 6)
        for golden in cases {
            let p = try #require(golden["params"])
            let lr = try #require(p["lr"]?.doubleValue)
            let report = try json(["gd", "--lr", "\(lr)", "--x0", "\(p["x0"]?.doubleValue ?? .nan)",
                                   "--iterations", "\(p["iterations"]?.intValue ?? 0)"])
            expectClose(series(report, label: "x")?["y"]?.doubleArray, golden["x"]?.doubleArray, "lr \(lr) x")
            expectClose(series(report, label: "grad")?["y"]?.doubleArray, golden["grad"]?.doubleArray, "lr \(lr) grad")
            expectClose(series(report, label: "loss")?["y"]?.doubleArray, golden["loss"]?.doubleArray, "lr \(lr) loss")
        }
    }

    @Test func momentumMatchesEveryMomentumCase() throws {
        let cases = GoldenReference.experiments("momentum")
        #expect(cases.count >= 4)
        for golden in cases {
            let p = try #require(golden["params"])
            let lr = try #require(p["lr"]?.doubleValue), momentum = try #require(p["momentum"]?.doubleValue)
            let run = "\(lr):\(momentum)" + (p["nesterov"]?.boolValue == true ? ":nesterov" : "")
            let report = try json(["momentum", "--runs", run, "--iterations", "\(p["iterations"]?.intValue ?? 0)",
                                   "--x0", "\(p["x0"]?.doubleValue ?? .nan)"])
            let loss = report["series"]?.arrayValue?.first { $0["panel"]?.stringValue == "loss" }
            expectClose(loss?["y"]?.doubleArray, golden["loss"]?.doubleArray, "momentum \(run)")
        }
    }

    @Test func regressionMatchesTemperatureRegression() throws {
        let cases = GoldenReference.experiments("temperature_regression")
        #expect(cases.count == 3)
        for golden in cases {
            let p = try #require(golden["params"])
            let optimizer = try #require(p["optimizer"]?.stringValue)
            let run = "\(optimizer):\(p["lr"]?.doubleValue ?? .nan):\(p["input_scale"]?.doubleValue ?? .nan)"
            let report = try json(["regression", "--runs", run, "--epochs", "\(p["epochs"]?.intValue ?? 0)",
                                   "--val-fraction", "0"])
            let fit = try #require(report["summary"]?["runs"]?.arrayValue?.first)
            let tolerance = golden["tolerance"]?.doubleValue
            expectClose(fit["final_params"]?.doubleArray, golden["final_params"]?.doubleArray, "\(run) params", tolerance: tolerance)
            expectClose(fit["final_loss"].flatMap { $0.doubleValue.map { [$0] } },
                        golden["final_loss"]?.doubleValue.map { [$0] }, "\(run) final loss", tolerance: tolerance)
            expectClose(fit["loss_every_500"]?.doubleArray, golden["loss_every_500"]?.doubleArray, "\(run) losses",
                        tolerance: tolerance)
        }
    }

    @Test func backpropMatchesBackprop222() throws {
        let golden = try #require(GoldenReference.experiments("backprop_2_2_2").first)
        let lr = try #require(golden["params"]?["lr"]?.doubleValue)
        let report = try json(["backprop", "--lr", "\(lr)", "--steps", "1"])
        let step = try #require(report["summary"]?["first_step"])
        let expected = try #require(golden["expected"]?.objectValue)
        #expect(expected.count >= 8)
        for (key, value) in expected {
            let want = value.doubleValue.map { [$0] } ?? value["data"]?.doubleArray
            let got = step[key]?.doubleValue.map { [$0] } ?? step[key]?.doubleArray
            expectClose(got, want, key)
        }
    }

    @Test func defaultSweepJSONKeepsItsShape() throws {
        let report = try json(["sweep", "--iterations", "3", "--num", "2"])
        let keys = report["params"]?.objectValue?.map(\.0)
        #expect(keys == ["lr_min", "lr_max", "num", "iterations", "x0", "function"])
        #expect(report["params"]?["function"]?.stringValue == "(2x)^2")
    }
}
