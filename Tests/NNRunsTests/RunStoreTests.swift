import Foundation
import NNRuns
import Testing

/// MLflow's file store and W&B's offline runs, written by the real libraries
/// (Fixtures/stores/generate.py), against what MlflowClient and W&B's protobuf classes read
/// back (Fixtures/stores/expected.json).
@Suite struct RunStoreTests {
    static let stores = Fixtures.logs.deletingLastPathComponent().appendingPathComponent("stores")

    func expected() throws -> [(String, JSONValue)] {
        let url = Self.stores.appendingPathComponent("expected.json")
        return try #require(try JSONValue(parsing: Array(try Data(contentsOf: url))).objectValue)
    }

    /// A JSON value as the text nndash keeps for a param (strings as they are).
    func text(_ value: JSONValue) -> String { value.stringValue ?? value.jsonText }

    @Test func everyStoreRunMatchesItsLibrarysReader() throws {
        let runs = try RunWatcher.read(paths: [Self.stores.path])
        let expected = try expected()
        // No phantom runs from W&B's text logs; pandas' table is the only other run.
        #expect(Set(runs.map(\.name)) == Set(expected.map(\.0) + ["pandas_index.csv"]))
        for (name, reference) in expected {
            let run = try #require(runs.first { $0.name == name }, "run \(name)")
            #expect(run.format == (name.hasPrefix("wandb/") ? .wandb : .mlflow))
            #expect(run.warnings.isEmpty, "\(name): \(run.warnings)")
            let scalars = try #require(reference["scalars"]?.objectValue)
            for (tag, points) in scalars {
                let series = try #require(run.scalar(tag), "\(name) \(tag)")
                let points = try #require(points.arrayValue)
                #expect(Array(series.steps) == points.map { Int64($0.arrayValue![0].intValue!) }, "\(name) \(tag)")
                #expect(Array(series.y) == points.map { $0.arrayValue![1].doubleValue! }, "\(name) \(tag)")
            }
            let curves = run.scalars.filter { !$0.isSystemMetric }.map(\.label)
            #expect(curves.sorted() == scalars.map(\.0).sorted(), "\(name)")
            let params = try #require(reference["params"]?.objectValue)
            #expect(run.params == Dictionary(uniqueKeysWithValues: params.map { ($0.0, text($0.1)) }), "\(name)")
            for (key, value) in reference["summary"]?.objectValue ?? [] {
                #expect(run.summary[key] == value.doubleValue, "\(name) summary \(key)")
            }
            for (key, count) in reference["system"]?.objectValue ?? [] {
                #expect(run.scalar("system/" + key)?.count == count.intValue, "\(name) system \(key)")
            }
            // W&B's stats are the only system metrics; its display name is the run record's.
            let system = (reference["system"]?.objectValue ?? []).map { "system/" + $0.0 }
            #expect(run.scalars.filter(\.isSystemMetric).map(\.label).sorted() == system.sorted(), "\(name)")
            #expect(run.displayName == reference["name"]?.stringValue, "\(name)")
        }
    }

    @Test func systemMetricsKeepTheirSampleTimes() throws {
        let runs = try RunWatcher.read(paths: [Self.stores.appendingPathComponent("wandb").path])
        #expect(runs.count == 2)
        for run in runs {
            let memory = try #require(run.scalar("system/memory_percent"))
            #expect(Array(memory.steps) == (0..<Int64(memory.count)).map { $0 })
            #expect(memory.wallTimes.count == memory.count)
            #expect(Array(memory.wallTimes) == memory.wallTimes.sorted())
            #expect(memory.y.allSatisfy { $0 > 0 && $0 <= 100 })
        }
    }

    @Test func aWandbFileIsReadWhenNamedAndOtherFilesAreRefused() throws {
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: Self.stores.appendingPathComponent("wandb").path)
            .first { $0.hasPrefix("offline-run-") })
        let runFolder = Self.stores.appendingPathComponent("wandb/" + folder)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: runFolder.path).first { $0.hasSuffix(".wandb") })
        let runs = try RunWatcher.read(paths: [runFolder.appendingPathComponent(file).path])
        #expect(runs.map(\.format) == [.wandb])
        #expect(runs.first?.scalar("train/loss")?.count == 30)
        #expect(throws: WatchError.self) {
            _ = try RunWatcher.read(paths: [runFolder.appendingPathComponent("logs/debug.log").path])
        }
    }

    @Test(arguments: [1, 5, 7, 4096])
    func wandbRecordsReadInPiecesGiveWhatReadingAtOnceGives(chunkSize: Int) throws {
        let runFolder = try #require(try FileManager.default.contentsOfDirectory(atPath: Self.stores.appendingPathComponent("wandb").path)
            .first { $0.hasPrefix("offline-run-") })
        let folder = Self.stores.appendingPathComponent("wandb/" + runFolder)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".wandb") })
        let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(file)))
        let whole = LogRun.parse(bytes, format: .wandb)
        let pieces = LogRun.parse(bytes, format: .wandb, chunkSize: chunkSize)
        #expect(whole.scalar("train/loss")?.count == 30)
        #expect(pieces.scalars == whole.scalars)
        #expect(pieces.params == whole.params)
        #expect(pieces.warnings == whole.warnings)
    }

    @Test func aDamagedWandbRecordLosesOnlyItself() throws {
        let runFolder = try #require(try FileManager.default.contentsOfDirectory(atPath: Self.stores.appendingPathComponent("wandb").path)
            .first { $0.hasPrefix("offline-run-") })
        let folder = Self.stores.appendingPathComponent("wandb/" + runFolder)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".wandb") })
        var bytes = Array(try Data(contentsOf: folder.appendingPathComponent(file)))
        let whole = LogRun.parse(bytes, format: .wandb)
        // Flip a byte inside the history row of step 29 (its `_step` value is JSON text `29`).
        let marker = Array("train/loss".utf8)
        let last = try #require((0..<(bytes.count - marker.count)).last { bytes[$0..<($0 + marker.count)].elementsEqual(marker) })
        bytes[last] ^= 0xFF
        let damaged = LogRun.parse(bytes, format: .wandb)
        #expect(damaged.warnings.count == 1)
        #expect(damaged.warnings.first?.hasPrefix("1 damaged stretch of W&B records skipped") == true, "\(damaged.warnings)")
        let lost = whole.pointCount - damaged.pointCount
        #expect(lost >= 1 && lost <= 20, "lost \(lost)")
    }
}

/// MLflow's file store followed live, and its trash.
@Suite struct MLflowFileStoreTests {
    let folder: URL

    init() throws { folder = try Fixtures.temporaryFolder() }

    func write(_ text: String, to name: String, append: Bool = false) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if append, let handle = FileHandle(forWritingAtPath: url.path) {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        } else {
            try Data(text.utf8).write(to: url)
        }
    }

    @Test func aRunIsFollowedAsItLogs() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("name: spiral\nlifecycle_stage: active\n", to: "mlruns/1/meta.yaml")
        try write("run_name: ''\nlifecycle_stage: active\n", to: "mlruns/1/abc/meta.yaml")
        try write("quick-fox", to: "mlruns/1/abc/tags/mlflow.runName")
        try write("1700000000000 1.5 0\n1700000000500 1.25 1\n", to: "mlruns/1/abc/metrics/train/loss")
        let watcher = try RunWatcher(paths: [folder.appendingPathComponent("mlruns").path])
        #expect(watcher.poll().added == [0])
        #expect(watcher.runs.map(\.name) == ["spiral/quick-fox"])
        #expect(watcher.runs[0].format == .mlflow)
        #expect(watcher.runs[0].scalar("train/loss")?.steps == [0, 1])
        #expect(watcher.runs[0].scalar("train/loss")?.wallTimes == [1_700_000_000, 1_700_000_000.5])
        try write("1700000001000 1.0 2\n1700000001", to: "mlruns/1/abc/metrics/train/loss", append: true)
        try write("0.001", to: "mlruns/1/abc/params/lr")
        try write("1700000001000 0.5 2\n", to: "mlruns/1/abc/metrics/val_acc")
        #expect(watcher.poll().grew == [0])
        #expect(watcher.runs[0].scalar("train/loss")?.y == [1.5, 1.25, 1.0])
        #expect(watcher.runs[0].scalar("val_acc")?.steps == [2])
        #expect(watcher.runs[0].params == ["lr": "0.001"])
        try write("500 0.75 3 eval abc123\n", to: "mlruns/1/abc/metrics/train/loss", append: true)
        #expect(watcher.poll().grew == [0])
        #expect(watcher.runs[0].scalar("train/loss")?.steps == [0, 1, 2, 3])
        #expect(watcher.runs[0].warnings.isEmpty)
    }

    @Test func deletedRunsAndBadLinesAreNotCurves() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("name: e\nlifecycle_stage: active\n", to: "mlruns/1/meta.yaml")
        try write("run_name: gone\nlifecycle_stage: deleted\n", to: "mlruns/1/a/meta.yaml")
        try write("1 1.0 0\n", to: "mlruns/1/a/metrics/loss")
        try write("run_name: kept\nlifecycle_stage: active\n", to: "mlruns/1/b/meta.yaml")
        try write("1 1.0 0\nnot a metric line\n2 nan 1\n", to: "mlruns/1/b/metrics/loss")
        let runs = try RunWatcher.read(paths: [folder.path])
        #expect(runs.map(\.name) == ["e/kept"])
        #expect(runs.first?.scalar("loss")?.steps == [0, 1])
        #expect(runs.first?.scalar("loss")?.y.last?.isNaN == true)
        #expect(runs.first?.warnings == ["1 MLflow metric line that is not `timestamp value step` skipped (first at loss line 2)"])
    }
}
