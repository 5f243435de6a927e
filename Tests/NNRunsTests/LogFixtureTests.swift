import Foundation
import NNRuns
import Testing

/// The readers against what TensorBoard's EventAccumulator and Python's csv module read from
/// the same real logs (Fixtures/logs/expected.json).
@Suite struct LogFixtureTests {
    @Test func everySeriesMatchesTheOfficialReaders() throws {
        let expected = try JSONValue(parsing: Array(try Data(contentsOf: Fixtures.logs.appendingPathComponent("expected.json"))))
        let runs = try RunWatcher.read(paths: [Fixtures.logs.path])
        let expectedRuns = try #require(expected.objectValue)
        #expect(Set(runs.map(\.name)) == Set(expectedRuns.map(\.0)))
        for (name, reference) in expectedRuns {
            let run = try #require(runs.first { $0.name == name }, "run \(name)")
            #expect(run.warnings.isEmpty, "\(name): \(run.warnings)")
            let scalars = try #require(reference["scalars"]?.objectValue)
            #expect(run.scalars.map(\.label) == scalars.map(\.0), "\(name)")
            for (tag, points) in scalars {
                let series = try #require(run.scalar(tag), "\(name) \(tag)")
                let points = try #require(points.arrayValue)
                #expect(series.count == points.count, "\(name) \(tag)")
                for (i, point) in points.enumerated() where i < series.count {
                    #expect(series.steps[i] == Int64(point.arrayValue![0].intValue!), "\(name) \(tag) #\(i)")
                    #expect(Float(series.y[i]) == Float(point.arrayValue![1].doubleValue!), "\(name) \(tag) #\(i)")
                }
            }
            let histograms = reference["histograms"]?.objectValue ?? []
            #expect(run.histograms.map(\.tag) == histograms.map(\.0), "\(name)")
            for (tag, points) in histograms {
                let series = try #require(run.histogram(tag), "\(name) \(tag)")
                let points = try #require(points.arrayValue)
                #expect(series.count == points.count)
                for (i, point) in points.enumerated() where i < series.count {
                    let p = point.arrayValue!.map { $0.doubleValue! }
                    #expect(series.steps[i] == Int64(p[0]))
                    #expect(Float(series.minimums[i]) == Float(p[1]))
                    #expect(Float(series.maximums[i]) == Float(p[2]))
                    #expect(series.counts[i] == p[3])
                }
            }
            if let separator = reference["separator"]?.stringValue {
                #expect(run.separator.map(String.init) == separator)
            }
        }
    }

    @Test func formatsAreRecognizedByContentAndName() throws {
        let runs = try RunWatcher.read(paths: [Fixtures.logs.path])
        let formats = Dictionary(uniqueKeysWithValues: runs.map { ($0.name, $0.format) })
        #expect(formats["tensorboard/lr0.05"] == .tensorboard)
        #expect(formats["tensorboard_newstyle"] == .tensorboard)
        #expect(formats["lightning/spiral/version_0/metrics.csv"] == .csv)
        #expect(formats["keras_training.log"] == .csv)
        #expect(formats["train.jsonl"] == .jsonl)
    }

    @Test func aFilePathIsARunNamedAfterTheFile() throws {
        let runs = try RunWatcher.read(paths: [Fixtures.logs.appendingPathComponent("train.jsonl").path])
        #expect(runs.map(\.name) == ["train.jsonl"])
        #expect(runs.first?.scalar("loss")?.count == 80)
    }

    @Test func lightningEpochColumnIsNotASeries() throws {
        let run = LogRun.parse(try Fixtures.bytes("lightning/spiral/version_0/metrics.csv"), format: .csv)
        #expect(run.scalar("epoch") == nil)
        #expect(run.scalar("step") == nil)
        #expect(run.scalar("val_acc")?.steps == [14, 29, 44, 59, 74, 89])
    }

    @Test(arguments: [1, 7, 4096])
    func readingInPiecesGivesWhatReadingAtOnceGives(chunkSize: Int) throws {
        for (file, format) in [
            (try Fixtures.eventFile("tensorboard/lr0.05"), LogFormat.tensorboard),
            ("lightning/spiral/version_0/metrics.csv", .csv), ("train.jsonl", .jsonl),
        ] {
            let bytes = try Fixtures.bytes(file)
            let whole = LogRun.parse(bytes, format: format)
            let pieces = LogRun.parse(bytes, format: format, chunkSize: chunkSize)
            #expect(pieces.scalars == whole.scalars, "\(file)")
            #expect(pieces.histograms == whole.histograms, "\(file)")
            #expect(pieces.warnings.isEmpty)
        }
    }

    @Test func jsonOutputHasTheDocumentedShape() throws {
        let runs = try RunWatcher.read(paths: [Fixtures.logs.appendingPathComponent("tensorboard").path])
        var text = ""
        LogRun.writeJSON(runs, to: &text)
        let json = try JSONValue(parsing: text)
        let first = try #require(json["runs"]?.arrayValue?.first)
        #expect(first["run"] == "lr0.05")
        #expect(first["format"] == "tensorboard")
        #expect(first["scalars"]?["train/loss"]?.arrayValue?.first == [0, 1.061556339263916])
        #expect(first["histograms"]?["layer0/weight"]?.arrayValue?.first == [0, -0.6507222056388855, 0.6329441666603088, 64.0])
        #expect(first["warnings"] == [])
        #expect(text.contains("[0, 1.061556339263916]"))
    }
}
