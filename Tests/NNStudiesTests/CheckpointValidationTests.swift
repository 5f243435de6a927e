import Foundation
import NNEngine
import NNRuns
import Testing
@testable import NNStudies

/// A checkpoint is a file anyone can edit: every value read from it is checked against the run
/// it claims to continue, and a bad one is refused with `TrainingError`, never a crash.
@Suite struct CheckpointValidationTests {
    /// A small run of blobs (1 epoch = `batches` batches) stopped after 3 iterations of epoch 1.
    static func stoppedRun(optimizer: OptimizerName = .SGD, scheduler: SchedulerKind = .StepLR) throws -> (TrainingConfiguration, Training) {
        var c = TrainingConfiguration()
        c.model = .mlp
        c.data = .blobs
        c.optimizer = optimizer
        c.scheduler = scheduler
        c.learningRate = optimizer == .Adadelta || optimizer == .LBFGS ? 0.5 : 0.01
        c.epochs = 3
        c.batchSize = 64
        var study = try Training(c)
        let steps = study.loader.count + 3
        for _ in 0..<steps { _ = try study.step() }
        return (c, study)
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nndash-ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every edit of the position and counters that the issue found crashing, and more.
    static let edits = ["batchIndex -1", "batchIndex 8", "batchIndex 1000", "batchIndex 1e18", "batchIndex = batches",
        "epoch -1", "epoch 2^63-1", "epoch 4 of 3", "iteration 2^63-1", "iteration -5", "epochSeen 1e18",
        "epochCorrect > seen", "no epoch metrics", "short curve", "curve of one row", "missing weight",
        "weight of the wrong size", "optimizer step NaN", "optimizer step 1e300", "optimizer lr NaN",
        "optimizer momentum list", "optimizer group missing", "scheduler lastEpoch 2^63-1", "scheduler stepCount -1",
        "scheduler without state", "scheduler base lr", "parameters not JSON", "hidden 1e9", "epochs -1"]

    /// Applies the edit called `name` to `c`.
    static func apply(_ name: String, to c: inout TrainingCheckpoint) {
        switch name {
        case "batchIndex -1": c.batchIndex = -1
        case "batchIndex 8": c.batchIndex = 8
        case "batchIndex 1000": c.batchIndex = 1000
        case "batchIndex 1e18": c.batchIndex = 1_000_000_000_000_000_000
        case "batchIndex = batches": c.batchIndex = c.iteration - c.batchIndex
        case "epoch -1": c.epoch = -1
        case "epoch 2^63-1": c.epoch = Int.max
        case "epoch 4 of 3": c.epoch = 4
        case "iteration 2^63-1": c.iteration = Int.max
        case "iteration -5": c.iteration = -5
        case "epochSeen 1e18": c.epochSeen = 1_000_000_000_000_000_000
        case "epochCorrect > seen": c.epochCorrect = c.epochSeen + 1
        case "no epoch metrics": c.epochs = []
        case "short curve": c.history["train loss"]?[1].removeLast()
        case "curve of one row": c.history["lr"] = [[1, 2, 3]]
        case "missing weight": c.model["1.weight"] = nil
        case "weight of the wrong size": c.model["1.weight"]?.append(1)
        case "optimizer step NaN": c.optimizer.state["0", default: ParameterState()].scalars["step"] = .nan
        case "optimizer step 1e300": c.optimizer.state["0", default: ParameterState()].scalars["step"] = 1e300
        case "optimizer lr NaN": c.optimizer.paramGroups[0].options["lr"] = .number(.nan)
        case "optimizer momentum list": c.optimizer.paramGroups[0].options["momentum"] = .numbers([])
        case "optimizer group missing": c.optimizer.paramGroups = []
        case "scheduler lastEpoch 2^63-1": c.scheduler?.lastEpoch = Int.max
        case "scheduler stepCount -1": c.scheduler?.stepCount = -1
        case "scheduler without state": c.scheduler = nil
        case "scheduler base lr": c.scheduler?.baseLRs = []
        case "parameters not JSON": c.params = "{"
        case "hidden 1e9": c.params = c.params.replacingOccurrences(of: "\"hidden\":64", with: "\"hidden\":1000000000")
        case "epochs -1": c.params = c.params.replacingOccurrences(of: "\"epochs\":3", with: "\"epochs\":-1")
        default: Issue.record("no edit \(name)")
        }
    }

    @Test(arguments: edits)
    func anEditedCheckpointIsRefused(name: String) throws {
        let (c, study) = try Self.stoppedRun()
        var checkpoint = study.checkpoint
        #expect(throws: Never.self, "the unedited checkpoint resumes") { _ = try Training(c, resumingFrom: checkpoint) }
        Self.apply(name, to: &checkpoint)
        #expect(checkpoint != study.checkpoint, "\(name) changed nothing")
        #expect(throws: TrainingError.self, "\(name)") {
            var resumed = try Training(c, resumingFrom: checkpoint)
            while try resumed.step() != nil {}
        }
    }

    /// The same edits made in the file: numbers too large for the field, or of the wrong kind.
    @Test(arguments: ["\"batchIndex\":1e18", "\"batchIndex\":18446744073709551616", "\"epoch\":-1",
                      "\"iteration\":9223372036854775807", "\"epoch\":\"1\"", "\"epochLoss\":\"x\""])
    func anEditedFileIsRefused(replacement: String) throws {
        let (c, study) = try Self.stoppedRun()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("ck.json")
        try study.checkpoint.write(to: url)
        let key = String(replacement.prefix { $0 != ":" })
        var text = try String(contentsOf: url, encoding: .utf8)
        let range = try #require(text.range(of: key + ":"))
        let end = text[range.upperBound...].firstIndex { $0 == "," || $0 == "}" } ?? text.endIndex
        text.replaceSubrange(range.lowerBound..<end, with: replacement)
        try text.write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: TrainingError.self) { _ = try Training(c, resumingFrom: TrainingCheckpoint.read(from: url)) }
    }

    /// A count edited to a number that is not a whole one, or beyond `Int`, is named with its key
    /// and its value, in one line (Foundation's decoder said "not valid JSON", with no key).
    @Test(arguments: [
        ("\"epoch\":", "1.5", "epoch is 1.5, not a whole number"),
        ("\"batchIndex\":", "2.5", "batchIndex is 2.5, not a whole number"),
        ("\"epochCorrect\":", "0.5", "epochCorrect is 0.5, not a whole number"),
        ("\"epochSeen\":", "1e300", "epochSeen is 1e+300, out of range"),
        ("\"batchIndex\":", "NaN", "batchIndex is NaN, not a whole number"),
        ("\"lastEpoch\":", "3.25", "scheduler.lastEpoch is 3.25, not a whole number"),
        ("\"epochs\":[{\"epoch\":", "1.75", "epochs[0].epoch is 1.75, not a whole number"),
        ("\"epoch\":", "\"one\"", "epoch is \"one\", not a whole number"),
    ])
    func aCountThatIsNotAWholeNumberIsNamedWithItsValue(key: String, value: String, message: String) throws {
        let (_, study) = try Self.stoppedRun()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("ck.json")
        try study.checkpoint.write(to: url)
        // Keys are sorted: the top level's `epoch` comes before those inside `epochs`.
        var text = try String(contentsOf: url, encoding: .utf8)
        let range = try #require(text.range(of: key))
        let end = try #require(text[range.upperBound...].firstIndex { $0 == "," || $0 == "}" })
        text.replaceSubrange(range.upperBound..<end, with: value)
        do {
            _ = try TrainingCheckpoint.decode(Data(text.utf8))
            Issue.record("\(key)\(value) was accepted")
        } catch {
            #expect(error.description == "invalid checkpoint: not a checkpoint (\(message))")
        }
    }

    /// What is not a readable regular file is named for what it is, with no Foundation dump.
    @Test func aPathThatIsNotARegularFileIsNamedForWhatItIs() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let cases: [(URL, String)] = [
            (folder, "a directory"), (fifo, "a FIFO"), (URL(fileURLWithPath: "/dev/null"), "a character device"),
            (URL(fileURLWithPath: "/dev/zero"), "a character device"), (folder.appendingPathComponent("missing"), "no such file"),
        ]
        for (url, words) in cases {
            do {
                _ = try TrainingCheckpoint.read(from: url)
                Issue.record("\(url.path) was read")
            } catch {
                #expect(error.description.contains(words), "\(url.path): \(error)")
                #expect(!error.description.contains("NSCocoaErrorDomain") && !error.description.contains("\n"), "\(error)")
            }
        }
    }

    /// The checks refuse edits, not real checkpoints: every optimizer and scheduler resumes.
    @Test(arguments: TrainingConfiguration.optimizers)
    func everyOptimizersCheckpointResumes(optimizer: OptimizerName) throws {
        let (c, study) = try Self.stoppedRun(optimizer: optimizer)
        #expect(throws: Never.self) { _ = try Training(c, resumingFrom: study.checkpoint) }
    }

    /// L-BFGS's direction and curvature history go into the checkpoint and carry the resumed
    /// run on the trajectory of the run that went on.
    @Test func lbfgsResumesOnTheIdenticalTrajectory() throws {
        let (c, stopped) = try Self.stoppedRun(optimizer: .LBFGS)
        var study = stopped
        let checkpoint = study.checkpoint
        #expect(checkpoint.optimizer.state["0"]?.lists["old_dirs"]?.isEmpty == false, "the history is saved")
        var resumed = try Training(c, resumingFrom: checkpoint)
        for _ in 0..<3 {
            _ = try study.step()
            _ = try resumed.step()
        }
        #expect(resumed.iteration == study.iteration)
        for ((name, a), (_, b)) in zip(resumed.model.namedParameters, study.model.namedParameters) {
            #expect(a.toArray() == b.toArray(), "\(name)")
        }
    }

    @Test(arguments: SchedulerKind.allCases)
    func everySchedulersCheckpointResumes(scheduler: SchedulerKind) throws {
        let (c, study) = try Self.stoppedRun(scheduler: scheduler)
        #expect(throws: Never.self) { _ = try Training(c, resumingFrom: study.checkpoint) }
    }

    /// A resumed run may be longer than the saved one, but not shorter than what it has done.
    @Test func moreEpochsApplyFewerThanDoneAreRefused() throws {
        let (c, study) = try Self.stoppedRun()
        var longer = c
        longer.epochs = 5
        var resumed = try Training(longer, resumingFrom: study.checkpoint)
        while try resumed.step() != nil {}
        #expect(resumed.epochs.count == 5)
        var shorter = c
        shorter.epochs = 1
        #expect(throws: TrainingError.self) { _ = try Training(shorter, resumingFrom: study.checkpoint) }
        var otherRate = c
        otherRate.learningRate = 0.5
        #expect(throws: TrainingError.self) { _ = try Training(otherRate, resumingFrom: study.checkpoint) }
    }

    /// A checkpoint that cannot be written (a directory in the way, a folder that is a file) is
    /// reported and training goes on; the next save, once the way is clear, succeeds.
    @Test func aFailedSaveIsReportedAndTrainingGoesOn() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("ck.json")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var c = TrainingConfiguration()
        c.model = .mlp
        c.data = .blobs
        c.batchSize = 64
        c.epochs = 3
        var study = try Training(c)
        study.checkpointURL = url
        for _ in 0..<study.loader.count { _ = try study.step() }
        #expect(study.epochs.count == 1)
        let problem = try #require(study.checkpointProblem)
        #expect(problem.error.description.contains("is a directory"), "\(problem.error)")
        #expect(study.report.summary["checkpoint_error"]?["iteration"]?.intValue == study.loader.count)
        try FileManager.default.removeItem(at: url)
        for _ in 0..<study.loader.count { _ = try study.step() }
        #expect(study.checkpointProblem == nil)
        #expect(study.report.summary["checkpoint_error"] == nil)
        #expect(try TrainingCheckpoint.read(from: url).epoch == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["ck.json"])

        study.checkpointURL = URL(fileURLWithPath: "/dev/null/ck.json")
        while try study.step() != nil {}
        #expect(study.epochs.count == 3)
        #expect(study.checkpointProblem?.error.description.contains("Not a directory") == true)
    }
}
