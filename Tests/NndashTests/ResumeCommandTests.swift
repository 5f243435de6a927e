import ArgumentParser
import Foundation
import NNRuns
import Testing
@testable import NNStudies
@testable import nndash

/// `train --resume`: the run continues with the settings it was saved with; an option given
/// beside `--resume` either applies (`--epochs`) or must repeat the saved value.
@Suite struct ResumeCommandTests {
    /// A checkpoint of blobs saved at epoch 2 of a 4-epoch run with non-default settings.
    static func savedCheckpoint() throws -> (URL, TrainingConfiguration) {
        var c = TrainingConfiguration()
        c.model = .mlp
        c.data = .blobs
        c.epochs = 4
        c.learningRate = 0.05
        c.hidden = 16
        c.batchSize = 64
        c.stepSize = 1
        c.gamma = 0.5
        var study = try Training(c)
        for _ in 0..<(2 * study.loader.count) { _ = try study.step() }
        let folder = try Binary.temporaryDirectory()
        let url = folder.appendingPathComponent("ck.json")
        try study.checkpoint.write(to: url)
        return (url, c)
    }

    static func train(_ arguments: [String]) throws -> Train {
        try #require(Nndash.parseAsRoot(arguments) as? Train)
    }

    @Test func aResumedRunTakesItsSettingsFromTheCheckpoint() throws {
        let (url, saved) = try Self.savedCheckpoint()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let (_, configuration) = try Self.train(["train", "--resume", url.path]).resumed(from: url.path)
        #expect(configuration == saved)
        // The same values given again are accepted.
        let repeated = try Self.train(["train", "--resume", url.path, "--lr", "0.05", "--hidden", "16", "--data", "blobs"])
        #expect(try repeated.resumed(from: url.path).1 == saved)
    }

    @Test func moreEpochsApplyAndAreRecorded() throws {
        let (url, saved) = try Self.savedCheckpoint()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let (_, configuration) = try Self.train(["train", "--resume", url.path, "--epochs", "6"]).resumed(from: url.path)
        #expect(configuration.epochs == 6)
        #expect(configuration.learningRate == saved.learningRate)
        #expect(configuration.params["epochs"] == 6)
    }

    @Test(arguments: [["--lr", "0.5"], ["--hidden", "64"], ["--optimizer", "Adam"], ["--seed", "3"],
                      ["--gamma", "0.9"], ["--step-size", "2"], ["--scheduler", "none"], ["--momentum", "0.5"],
                      ["--batch-size", "8"], ["--data", "moons"], ["--model", "lenet"]])
    func anOptionThatDiffersFromTheCheckpointIsRefused(option: [String]) throws {
        let (url, _) = try Self.savedCheckpoint()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let train = try Self.train(["train", "--resume", url.path] + option)
        do {
            _ = try train.resumed(from: url.path)
            Issue.record("\(option) was accepted beside --resume")
        } catch let error as ValidationError {
            #expect(error.message.contains(option[0]) && error.message.contains("checkpoint"), "\(error.message)")
            #expect(!error.message.contains("\n"))
        }
    }

    /// End to end: the resumed run finishes the saved run's 4 epochs at its saved rate, and its
    /// JSON (what run.json and the side panel show) says so.
    @Test func theResumedRunFinishesTheSavedRun() throws {
        let (url, saved) = try Self.savedCheckpoint()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let result = try Binary.run(["train", "--resume", url.path, "--json", "--no-record"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["params"] == saved.params)
        #expect(json["summary"]?["epoch"]?.intValue == 4)
        let rates = json["summary"]?["epochs"]?.arrayValue?.compactMap { $0["lr"]?.doubleValue }
        #expect(rates == [0.05, 0.025, 0.0125, 0.00625])
        let refused = try Binary.run(["train", "--resume", url.path, "--lr", "0.5", "--json", "--no-record"])
        #expect(refused.status == 2 && refused.stdout.isEmpty)
        #expect(refused.stderr.split(separator: "\n").count == 1 && refused.stderr.contains("--lr 0.5"), "\(refused.stderr)")
    }

    /// End to end: --epochs beside --resume lengthens the run, and the run folder records the
    /// run as it ran (6 epochs at the saved rate), as does the side panel.
    @Test func moreEpochsAreRecordedInTheRunFolder() throws {
        let (url, saved) = try Self.savedCheckpoint()
        let folder = url.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = folder.appendingPathComponent("runs")
        let result = try Binary.run(["train", "--resume", url.path, "--epochs", "6", "--plain", "--runs-dir", runs.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("epoch 6/6"), "\(result.stdout)")
        let recorded = try #require(try FileManager.default.contentsOfDirectory(at: runs, includingPropertiesForKeys: nil).first)
        let run = try RunFolder.load(recorded).report
        #expect(run.params["epochs"] == 6 && run.params["lr"]?.doubleValue == saved.learningRate)
        #expect(run.summary["epoch"]?.intValue == 6)
    }

    /// What is not a regular file is named for what it is, on one line, with status 2.
    @Test(arguments: [("/dev/null", "character device"), ("/dev/zero", "character device"), ("/", "directory")])
    func aResumePathThatIsNotAFileIsOneClearLine(path: String, words: String) throws {
        let result = try Binary.run(["train", "--resume", path, "--no-record", "--json"])
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(words) && result.stderr.contains(path), "\(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("permission"))
    }

    /// Counts edited to numbers that are not whole: one line naming the key and the value, status 2.
    @Test(arguments: [("epoch", "1.5"), ("batchIndex", "2.5")])
    func aCountThatIsNotAWholeNumberIsOneLineNamingIt(key: String, value: String) throws {
        let (url, _) = try Self.savedCheckpoint()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        var text = try String(contentsOf: url, encoding: .utf8)
        let range = try #require(text.range(of: "\"\(key)\":"))
        let end = try #require(text[range.upperBound...].firstIndex { $0 == "," || $0 == "}" })
        text.replaceSubrange(range.upperBound..<end, with: value)
        try text.write(to: url, atomically: true, encoding: .utf8)
        let result = try Binary.run(["train", "--resume", url.path, "--no-record", "--json"])
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("\(key) is \(value), not a whole number"), "\(result.stderr)")
    }

    @Test func aFIFOGivenToResumeIsRefusedWithoutBlocking() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let result = try Binary.run(["train", "--resume", fifo.path, "--no-record", "--json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("a FIFO"), "\(result.stderr)")
    }
}

/// Sizes an option may ask for are bounded by what the machine has, before any allocation.
@Suite struct RunBudgetTests {
    @Test(arguments: [
        (["train", "--model", "mlp", "--data", "spiral", "--hidden", "40000", "--no-record", "--json"], "--hidden 40000"),
        (["train", "--model", "mlp", "--data", "spiral", "--hidden", "100000", "--no-record", "--json"], "--hidden 100000"),
        (["lr-find", "--model", "mlp", "--data", "spiral", "--hidden", "100000", "--no-record", "--json"], "--hidden 100000"),
        (["train", "--hidden", "100000", "--no-record", "--json"], "--model lenet has no hidden width"),
        (["sweep", "--num", "1000", "--iterations", "1000000", "--json"], "--num 1000 --iterations 1000000"),
        (["sweep", "--num", "100", "--iterations", "1000000", "--json", "--no-record"], "--json prints at most"),
        (["train", "--data", "spiral", "--epochs", "100000", "--batch-size", "1", "--json", "--no-record"], "--json prints at most"),
    ])
    func aRunTooLargeIsRefusedBeforeItStarts(arguments: [String], mention: String) throws {
        let result = try Binary.run(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(mention), "\(result.stderr)")
    }

    @Test func theMemoryBudgetIsHalfThePhysicalMemory() throws {
        #expect(RunBudget.memory == Double(ProcessInfo.processInfo.physicalMemory) / 2)
        #expect(throws: Never.self) { try RunBudget.requireMemory(1e9, for: "--x 1", budget: 2e9) }
        #expect(throws: ValidationError.self) { try RunBudget.requireMemory(3e9, for: "--x 1", budget: 2e9) }
        #expect(throws: ValidationError.self) { try RunBudget.requireMemory(.infinity, for: "--x 1", budget: 2e9) }
    }

    /// Every study's largest options are checked: at their maximum they either fit or are refused.
    @Test func everySizedStudyEstimatesItsPoints() throws {
        let largest: [[String]] = [
            ["sweep", "--num", "1000", "--iterations", "1000000"], ["gd", "--iterations", "1000000"],
            ["momentum", "--iterations", "1000000", "--points", "100000"], ["optimizers", "--iterations", "100000"],
            ["activations", "--points", "100000"], ["init", "--layers", "1000"], ["losses", "--points", "100000"],
            ["regression", "--epochs", "1000000"], ["backprop", "--steps", "1000000"], ["lr-find", "--num-iter", "100000"],
        ]
        for arguments in largest {
            let command = try Nndash.parseAsRoot(arguments + ["--json", "--no-record"])
            let sized = try #require(command as? SizedStudyCommand, "\(arguments[0])")
            #expect(sized.estimatedPoints >= 1e4, "\(arguments[0]): \(sized.estimatedPoints)")
            #expect(sized.sizeOptions.contains(arguments[1]))
            // Over --json's limit, each is refused before it runs.
            #expect(throws: ValidationError.self, "\(arguments[0])") {
                try RunBudget.require(points: sized.estimatedPoints * 10_000, for: sized.sizeOptions, study: sized.options)
            }
        }
    }

    @Test(arguments: ["1e-300", "0", "0.001", "nan"])
    func aTinyWatchIntervalIsRefused(value: String) throws {
        #expect(throws: (any Error).self) { _ = try Nndash.parseAsRoot(["watch", "--interval", value, "."]) }
    }
}
