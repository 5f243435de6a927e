import Foundation
import NNRuns
import Testing

/// Recording a study into a run folder and reading it back, including after a kill.
@Suite struct RecorderTests {
    /// The test's temporary folder, removed when the test ends.
    let root: URL
    let folder: URL

    init() throws {
        root = try Fixtures.temporaryFolder()
        folder = root.appendingPathComponent("runs/sweep")
    }

    func recordSweep(steps: Int) throws -> Recorder {
        let recorder = try Recorder(folder: folder, study: "sweep", params: ["epochs": 3])
        for step in 0..<steps {
            for lr in [0.01, 0.1] {
                try recorder.record(series: "lr=\(lr)", params: ["lr": .number(lr)], step: step,
                    values: [("loss", 1 / Double(step + 1) + lr), ("acc", lr * Double(step))])
            }
        }
        return recorder
    }

    @Test func aClosedRunReadsBackWhole() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let recorder = try recordSweep(steps: 5)
        try recorder.close(summary: ["best": "lr=0.1"])
        let run = try RunFolder.load(folder)
        #expect(run.warnings.isEmpty)
        #expect(run.report.study == "sweep")
        #expect(run.report.params == ["epochs": 3])
        #expect(run.report.summary == ["best": "lr=0.1"])
        #expect(run.report.series.map { "\($0.label) \($0.panel ?? "")" }
            == ["lr=0.01 loss", "lr=0.01 acc", "lr=0.1 loss", "lr=0.1 acc"])
        let loss = run.report.series[2]
        #expect(loss.params == ["lr": 0.1])
        #expect(loss.x == [0, 1, 2, 3, 4])
        let expectedLoss: [Double] = (0..<5).map { step in 1 / Double(step + 1) + 0.1 }
        #expect(Array(loss.y) == expectedLoss)
        let json = run.report.json
        #expect(json["series"]?.arrayValue?.count == 4)
    }

    /// Two runs' lines interleaved in one metrics file (as two processes sharing a folder
    /// wrote them): the first run's points are read, the second's are skipped with a warning,
    /// never merged into the same curves.
    @Test func twoRunsInOneFileAreNotMergedSilently() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try recordSweep(steps: 4).close()
        let lines = try String(contentsOf: folder.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        let interleaved = lines.flatMap { [$0, $0] }.joined(separator: "\n") + "\n"
        let run = RunFolder.parse(Array(interleaved.utf8))
        #expect(run.report.series.count == 4)
        for series in run.report.series {
            #expect(series.x == [0, 1, 2, 3], "\(series.label) \(series.panel ?? "")")
        }
        #expect(run.warnings.count == 1, "\(run.warnings)")
        #expect(run.warnings.first?.hasPrefix("8 lines whose step is not after") == true, "\(run.warnings)")
        #expect(run.warnings.first?.contains("metrics.jsonl line 2)") == true, "\(run.warnings)")
    }

    @Test func aKilledRunKeepsEveryCompleteStep() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let recorder = try recordSweep(steps: 4)
        // The kill: the process dies while writing the next line; nothing is closed.
        let handle = try FileHandle(forWritingTo: folder.appendingPathComponent("metrics.jsonl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"step": 4, "series": "lr=0.01", "loss": 0.2"#.utf8))
        try handle.close()
        _ = recorder
        let run = try RunFolder.load(folder)
        #expect(run.report.series.count == 4)
        for series in run.report.series { #expect(series.x == [0, 1, 2, 3]) }
        #expect(run.warnings.count == 1)
        #expect(run.warnings.first?.contains("torn last line") == true)
    }

    @Test func eachStepIsOnDiskAsSoonAsItIsRecorded() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let recorder = try Recorder(folder: folder, study: "s", params: [:])
        try recorder.record(series: "a", step: 0, values: [("loss", 2)])
        let text = try String(contentsOf: folder.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
        #expect(text == "{\"step\": 0, \"series\": \"a\", \"loss\": 2.0}\n")
        let csv = try String(contentsOf: folder.appendingPathComponent("metrics.csv"), encoding: .utf8)
        #expect(csv == "step,series,loss\n0,a,2.0\n")
        try recorder.close()
    }

    @Test func aNewMetricRewritesTheCSVHeader() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let recorder = try Recorder(folder: folder, study: "s", params: [:])
        try recorder.record(series: "a,b", step: 0, values: [("loss", 2)])
        try recorder.record(series: "a,b", step: 1, values: [("loss", 1), ("acc", 0.5)])
        try recorder.close()
        let csv = try String(contentsOf: folder.appendingPathComponent("metrics.csv"), encoding: .utf8)
        #expect(csv == "step,series,loss,acc\n0,\"a,b\",2.0,\n1,\"a,b\",1.0,0.5\n")
    }

    @Test func reservedNamesAndMissingFoldersAreErrors() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let recorder = try Recorder(folder: folder, study: "s", params: [:])
        #expect(throws: RunFolderError.self) { try recorder.record(series: "a", step: 0, values: [("step", 1)]) }
        #expect(throws: RunFolderError.self) { try RunFolder.load(folder.appendingPathComponent("nothing")) }
    }

    @Test func watchingRecordedRunsShowsEachSeriesOnce() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try recordSweep(steps: 3).close()
        let runs = try RunWatcher.read(paths: [folder.deletingLastPathComponent().path])
        #expect(runs.map(\.name) == ["sweep/metrics.jsonl"])
        #expect(runs.first?.scalars.map(\.label) == ["lr=0.01/loss", "lr=0.01/acc", "lr=0.1/loss", "lr=0.1/acc"])
        #expect(runs.first?.scalar("lr=0.1/loss")?.steps == [0, 1, 2])
        #expect(runs.first?.warnings == [])
        let csv = LogRun.parse(try Data(contentsOf: folder.appendingPathComponent("metrics.csv")), format: .csv)
        #expect(csv.scalars.map(\.label) == runs.first?.scalars.map(\.label))
        #expect(csv.scalar("lr=0.01/acc")?.y == runs.first?.scalar("lr=0.01/acc")?.y)
    }

    @Test func defaultFoldersAreNamedAfterStudyAndTime() {
        defer { try? FileManager.default.removeItem(at: root) }
        let date = Date(timeIntervalSince1970: 1_795_456_228)
        let url = Recorder.defaultFolder(study: "lr sweep/1", date: date, under: URL(fileURLWithPath: "/nonexistent/runs"))
        #expect(url.lastPathComponent == "lr_sweep_1-20261123-175028")
    }
}
