import NNRuns
import NNStudies
import Testing

@Suite struct LearningRateSweepTests {
    @Test func learningRatesAreNumpysLinspace() throws {
        let golden = try #require(Golden.cases(kind: "experiment", name: "lr_sweep").first)
        let p = try #require(golden["params"])
        let lrs = linspace(p["lr_min"]!.doubleValue!, p["lr_max"]!.doubleValue!, count: p["num"]!.intValue!)
        #expect(lrs == golden["lrs"]!.doubleArray!)
    }

    @Test func sweepMatchesPyTorch() throws {
        for golden in Golden.cases(kind: "experiment", name: "lr_sweep") {
            let p = try #require(golden["params"])
            let configuration = LearningRateSweep.Configuration(
                lrMin: p["lr_min"]!.doubleValue!, lrMax: p["lr_max"]!.doubleValue!, num: p["num"]!.intValue!,
                iterations: p["iterations"]!.intValue!, x0: p["x0"]!.doubleValue!)
            var study = LearningRateSweep(configuration)
            while try study.step() != nil {}
            let expected = try #require(golden["loss"]?.arrayValue)
            let report = study.report
            #expect(report.series.count == expected.count)
            for (series, losses) in zip(report.series, expected) {
                let want = losses.doubleArray!
                #expect(Array(series.x) == (0..<want.count).map(Double.init))
                #expect(series.y.count == want.count)
                for (a, e) in zip(series.y, want) {
                    #expect(close(a, e), "\(series.label): \(a) vs \(e)")
                }
            }
        }
    }

    @Test func singleRateMatchesPyTorchStepByStep() throws {
        let cases = Golden.cases(kind: "experiment", name: "gd_quadratic")
        #expect(!cases.isEmpty)
        for golden in cases {
            let p = try #require(golden["params"])
            let lr = p["lr"]!.doubleValue!
            var study = LearningRateSweep(.init(lrMin: lr, lrMax: lr, num: 1, iterations: p["iterations"]!.intValue!,
                                                x0: p["x0"]!.doubleValue!))
            var xs: [Double] = [], grads: [Double] = [], losses: [Double] = []
            while let records = try study.step() {
                xs.append(records[0].values["x"]!)
                grads.append(records[0].values["grad"]!)
                losses.append(records[0].values["loss"]!)
            }
            for (name, actual, expected) in [("x", xs, golden["x"]!), ("grad", grads, golden["grad"]!), ("loss", losses, golden["loss"]!)] {
                let want = expected.doubleArray!
                #expect(actual.count == want.count)
                for (a, e) in zip(actual, want) { #expect(close(a, e), "lr \(lr) \(name): \(a) vs \(e)") }
            }
        }
    }

    @Test func reportHasTheDocumentedShape() throws {
        var study = LearningRateSweep(.init(lrMin: 0.1, lrMax: 0.3, num: 3, iterations: 4))
        while try study.step() != nil {}
        let json = study.report.json
        #expect(json.objectValue?.map(\.0) == ["study", "params", "series", "summary"])
        #expect(json["study"] == "sweep")
        let first = try #require(json["series"]?.arrayValue?.first)
        #expect(first["label"] == "lr=0.1")
        #expect(first["params"] == ["lr": 0.1])
        #expect(first["x"] == JSONValue([0.0, 1, 2, 3]))
        #expect(first["y"]?.doubleArray?.first == 16)
    }
}
