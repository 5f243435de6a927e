import Foundation
import NNRuns
import Testing
@testable import NNStudies
@testable import nndash

@Suite struct TrainCommandTests {
    /// Bad input: one line on stderr naming the option and the value, exit status 2.
    @Test(arguments: [
        (["train", "--model", "resnet"], ["--model", "resnet"]),
        (["train", "--data", "cifar"], ["--data", "cifar"]),
        (["train", "--data", "idx:only-one.idx"], ["--data", "idx:only-one.idx"]),
        (["train", "--optimizer", "Lion"], ["--optimizer", "Lion"]),
        (["train", "--optimizer", "SparseAdam"], ["--optimizer SparseAdam", "does not support dense gradients"]),
        (["lr-find", "--optimizer", "SparseAdam"], ["--optimizer SparseAdam", "does not support dense gradients"]),
        (["train", "--scheduler", "Warmup"], ["--scheduler", "Warmup"]),
        (["train", "--lr", "nan"], ["--lr", "nan"]),
        (["train", "--epochs", "0"], ["--epochs", "0"]),
        (["train", "--batch-size", "0"], ["--batch-size", "0"]),
        (["train", "--model", "lenet", "--data", "spiral", "--no-record"], ["--model lenet", "image"]),
        (["train", "--data", "idx:/nonexistent/a,/nonexistent/b", "--no-record"], ["--data", "/nonexistent/a"]),
        (["train", "--resume", "/nonexistent/run.json", "--no-record"], ["--resume", "/nonexistent/run.json"]),
        (["lr-find", "--start-lr", "1", "--end-lr", "0.1"], ["--end-lr", "0.1"]),
        (["lr-find", "--start-lr", "0"], ["--start-lr", "0"]),
        (["lr-find", "--num-iter", "1"], ["--num-iter", "1"]),
    ])
    func badOptionsAreOneLineErrorsWithStatus2(arguments: [String], mentions: [String]) throws {
        let result = try Binary.run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.stderr)")
        for word in mentions { #expect(result.stderr.contains(word), "stderr: \(result.stderr)") }
    }

    @Test func trainJSONGivesThePerEpochMetrics() throws {
        let result = try Binary.run(["train", "--json", "--no-record", "--data", "blobs", "--epochs", "3", "--lr", "0.1"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["study"] == "train")
        let epochs = try #require(json["summary"]?["epochs"]?.arrayValue)
        #expect(epochs.map { $0["epoch"]?.intValue } == [1, 2, 3])
        // Three well separated blobs: far above the chance of 1/3.
        #expect((epochs.last?["val_accuracy"]?.doubleValue ?? 0) > 0.9)
        // StepLR with step 7 keeps the rate for three epochs.
        #expect(epochs.allSatisfy { $0["lr"]?.doubleValue == 0.1 })
    }

    @Test func checkpointThenResumeFinishesLikeOneRun() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nndash-train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let checkpoint = directory.appendingPathComponent("run.json").path
        let common = ["train", "--json", "--no-record", "--data", "moons", "--step-size", "1", "--gamma", "0.5"]
        let straight = try Binary.run(common + ["--epochs", "4"])
        let first = try Binary.run(common + ["--epochs", "2", "--checkpoint", checkpoint])
        #expect(first.status == 0, "\(first.stderr)")
        let resumed = try Binary.run(common + ["--epochs", "4", "--resume", checkpoint])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let a = try JSONValue(parsing: straight.stdout), b = try JSONValue(parsing: resumed.stdout)
        #expect(a["summary"]?["epochs"] == b["summary"]?["epochs"])
        #expect(a["series"] == b["series"])
    }

    /// An IDX file: magic 0 0 8 (unsigned bytes) and the rank, big-endian dimensions, then the bytes.
    static func idx(_ shape: [Int], _ payload: [UInt8]) -> Data {
        var bytes: [UInt8] = [0, 0, 8, UInt8(shape.count)]
        for d in shape { bytes += [0, 0, UInt8(d >> 8), UInt8(d & 255)] }
        return Data(bytes + payload)
    }

    @Test func trainsOnIDXFilesAndRejectsDamagedOnes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nndash-idx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let images = directory.appendingPathComponent("images.idx3-ubyte"), labels = directory.appendingPathComponent("labels.idx1-ubyte")
        // 20 images of 12x12: even ones dark, odd ones bright; the label is the parity.
        try Self.idx([20, 12, 12], (0..<20).flatMap { [UInt8](repeating: $0 % 2 == 0 ? 10 : 240, count: 144) }).write(to: images)
        try Self.idx([20], (0..<20).map { UInt8($0 % 2) }).write(to: labels)
        let ok = try Binary.run(["train", "--json", "--no-record", "--model", "lenet", "--data", "idx:\(images.path),\(labels.path)",
                                 "--epochs", "1", "--batch-size", "4"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try JSONValue(parsing: ok.stdout)["summary"]?["classes"]?.arrayValue?.count == 2)
        try Self.idx([20], [1, 2, 3]).write(to: labels)
        let damaged = try Binary.run(["train", "--no-record", "--data", "idx:\(images.path),\(labels.path)"])
        #expect(damaged.status == 2)
        #expect(damaged.stderr.split(separator: "\n").count == 1)
        #expect(damaged.stderr.contains("truncated"), "\(damaged.stderr)")
    }

    @Test func recordedRunsReplayWithTheirOwnScreens() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nndash-runs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let runs = directory.path
        #expect(try Binary.run(["train", "--plain", "--runs-dir", runs, "--data", "blobs", "--epochs", "2"]).status == 0)
        #expect(try Binary.run(["lr-find", "--plain", "--runs-dir", runs, "--data", "blobs", "--num-iter", "30"]).status == 0)
        let folders = try FileManager.default.contentsOfDirectory(atPath: runs).sorted()
        #expect(folders.count == 2)
        let lrFind = try Binary.run(["replay", directory.appendingPathComponent(folders[0]).path], environment: ["LANG": "C.UTF-8"])
        #expect(lrFind.stdout.contains("fastai valley"), "\(lrFind.stdout)")
        let train = try Binary.run(["replay", directory.appendingPathComponent(folders[1]).path], environment: ["LANG": "C.UTF-8"])
        #expect(train.stdout.contains("epoch  train loss  val loss  val acc"), "\(train.stdout)")
        #expect(train.stdout.contains("Decision regions"))
    }

    @Test func lrFindJSONGivesLearningRatesLossesAndSuggestions() throws {
        let result = try Binary.run(["lr-find", "--json", "--no-record", "--data", "blobs", "--start-lr", "1e-5",
                                     "--end-lr", "1", "--num-iter", "40"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try JSONValue(parsing: result.stdout)["summary"])
        let lrs = try #require(summary["lrs"]?.doubleArray)
        #expect(abs(lrs[0] - 1e-5) < 1e-15)
        #expect(summary["losses"]?.doubleArray?.count == lrs.count)
        let names = summary["suggestions"]?.objectValue?.map(\.0) ?? []
        #expect(names == ["valley", "slide", "minimum", "steep", "lightning"])
    }
}

@Suite(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct TrainDashboardEndToEndTests {
    @Test func trainDrawsLiveSavesOnCAndQuitsCleanly() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nndash-c-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let session = try TmuxSession(
            command: "'\(Binary.url.path)' train --no-record --data blobs --epochs 400 --delay-ms 20 --checkpoint '\(file.path)'")
        let screen = try session.waitFor { containsBraille($0) && $0.contains("Decision regions") && $0.contains("val acc") }
        #expect(screen.contains("nndash train"), "screen:\n\(screen)")
        #expect(screen.contains("predicted class"))
        try session.send("c")
        try session.waitFor { $0.contains("checkpoint at iteration") }
        #expect(FileManager.default.fileExists(atPath: file.path))
        try session.send("q")
        #expect(session.exitStatus() == 0)
        #expect(isSane(session.terminalModes()), "modes: \(session.terminalModes())")
    }
}

@Suite struct TrainScreenTests {
    @Test func twoDimensionalDataGetsADecisionHeatmapAndImagesAMosaic() throws {
        let screen = TrainScreen(checkpointRequest: CheckpointRequest(url: URL(fileURLWithPath: "unused.json")))
        var c = TrainingConfiguration()
        c.model = .mlp
        c.data = .moons
        let points = try Training(c).snapshot
        let boundary = try #require(screen.panels(of: points).last)
        guard case .heatmap(let map) = boundary.content else {
            Issue.record("no heatmap panel")
            return
        }
        #expect(map.values.count == Training.boundaryRows && map.values[0].count == Training.boundaryColumns)
        #expect(map.values.joined().allSatisfy { $0 == 0 || $0 == 1 })
        c.data = .shapes
        c.model = .lenet
        let images = try Training(c).snapshot
        let mosaic = try #require(screen.panels(of: images).last)
        guard case .heatmap(let grid) = mosaic.content else {
            Issue.record("no image panel")
            return
        }
        // Eight 16-pixel images side by side with seven one-pixel gaps.
        #expect(grid.values.count == 16 && grid.values[0].count == 8 * 16 + 7)
    }

    @Test func smoothingIsADebiasedMovingAverage() {
        #expect(TrainScreen.smoothed([2, 2, 2]).allSatisfy { abs($0 - 2) < 1e-12 })
        // (0.9·0.1·0 + 0.1·1) / (1 − 0.81) = 0.1 / 0.19.
        let s = TrainScreen.smoothed([0, 1])
        #expect(s[0] == 0 && abs(s[1] - 0.1 / 0.19) < 1e-12)
    }

    @Test func durations() {
        #expect(TrainScreen.duration(42) == "42s")
        #expect(TrainScreen.duration(185) == "3m 05s")
        #expect(TrainScreen.duration(7800) == "2h 10m")
        #expect(TrainScreen.duration(.infinity) == "—")
    }
}
