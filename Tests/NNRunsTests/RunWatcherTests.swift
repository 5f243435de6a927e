import Foundation
import NNRuns
import Testing

/// Following files as they grow, new runs appearing, rewritten and truncated files.
@Suite struct RunWatcherTests {
    let folder: URL

    init() throws { folder = try Fixtures.temporaryFolder() }

    func append(_ bytes: [UInt8], to name: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: url.path) { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
    }

    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    @Test func aRecordBeingWrittenWaitsForItsRest() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let record = EventFileWriter.record(EventFileWriter.event(step: 7, scalars: [("loss", 0.5)]))
        try append(Array(record[..<20]), to: "run1/events.out.tfevents.1")
        let watcher = try RunWatcher(paths: [folder.path])
        #expect(watcher.poll().added == [0])
        #expect(watcher.runs[0].name == "run1")
        #expect(watcher.runs[0].pointCount == 0)
        #expect(watcher.poll().isEmpty)
        try append(Array(record[20...]), to: "run1/events.out.tfevents.1")
        #expect(watcher.poll().grew == [0])
        #expect(watcher.runs[0].scalar("loss")?.steps == [7])
        #expect(watcher.runs[0].warnings.isEmpty)
    }

    @Test func newFilesAndRunsAreFound() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("{\"step\": 1, \"a\": 1}\n", to: "first.jsonl")
        let watcher = try RunWatcher(paths: [folder.path])
        #expect(watcher.poll().added == [0])
        try write("{\"step\": 1, \"b\": 1}\n{\"step\": 2, \"b\": 2}\n", to: "second.jsonl")
        try write("just some notes\n", to: "notes.txt")
        #expect(watcher.poll().added == [1])
        #expect(watcher.runs.map(\.name) == ["first.jsonl", "second.jsonl"])
        #expect(watcher.runs[1].scalar("b")?.steps == [1, 2])
    }

    #if os(Linux)
    /// With inotify, a poll walks the folders again only when an entry appeared or went, and
    /// reads only the runs whose files were written.
    @Test func inotifyTellsWhichFoldersToWalkAndWhichRunsToRead() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a", "b", "c"] { try write("{\"step\": 0, \"loss\": 1}\n", to: name + ".jsonl") }
        let watcher = try RunWatcher(paths: [folder.path])
        #expect(watcher.isNotified)
        #expect(watcher.poll().added == [0, 1, 2])
        let (walks, reads) = (watcher.walks, watcher.runReads)
        #expect(reads == 3)
        // Nothing changed: nothing walked, nothing read.
        for _ in 0..<3 { #expect(watcher.poll().isEmpty) }
        #expect(watcher.walks == walks && watcher.runReads == reads)
        // One file written: only its run is read, and no folder walked.
        try append(Array("{\"step\": 1, \"loss\": 0.5}\n".utf8), to: "b.jsonl")
        #expect(watcher.poll().grew == [1])
        #expect(watcher.walks == walks && watcher.runReads == reads + 1)
        #expect(watcher.runs[1].scalar("loss")?.steps == [0, 1])
        // A new run in a new folder: the tree is walked again, and the new folder watched.
        try append(Array("{\"step\": 0, \"acc\": 0.1}\n".utf8), to: "deeper/d.jsonl")
        #expect(watcher.poll().added == [3])
        #expect(watcher.walks == walks + 1)
        try append(Array("{\"step\": 1, \"acc\": 0.2}\n".utf8), to: "deeper/d.jsonl")
        #expect(watcher.poll().grew == [3])
        #expect(watcher.walks == walks + 1)
        #expect(watcher.runs[3].scalar("acc")?.steps == [0, 1])
        // A file rewritten whole starts its run over.
        try write("{\"step\": 0, \"loss\": 9}\n", to: "a.jsonl")
        #expect(watcher.poll().restarted == [0])
        #expect(watcher.runs[0].scalar("loss")?.y == [9])
    }

    /// A file whose first bytes do not yet tell its format is sniffed again when written.
    @Test func anUndecidedFileIsSniffedAgainWhenWritten() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("", to: "late.csv")
        let watcher = try RunWatcher(paths: [folder.path])
        #expect(watcher.poll().isEmpty)
        try append(Array("step,loss\n0,1\n1,0.5\n".utf8), to: "late.csv")
        #expect(watcher.poll().added == [0])
        #expect(watcher.runs[0].scalar("loss")?.steps == [0, 1])
    }
    #endif

    /// A dashboard reads a few runs per poll, so that it draws the first while the rest load.
    @Test func runsFoundAreReadAFewAtATimeWhenAsked() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        for r in 0..<5 { try write("{\"step\": 0, \"loss\": \(r)}\n", to: "run\(r).jsonl") }
        let watcher = try RunWatcher(paths: [folder.path])
        watcher.firstReadsPerPoll = 2
        #expect(watcher.poll().added == [0, 1, 2, 3, 4])
        #expect(watcher.runs.map(\.pointCount) == [1, 1, 0, 0, 0])
        #expect(watcher.unreadCount == 3)
        #expect(watcher.poll().grew == [2, 3])
        #expect(watcher.poll().grew == [4])
        #expect(watcher.unreadCount == 0)
        #expect(watcher.runs.map { $0.scalar("loss").map { Array($0.y) } } == (0..<5).map { [Double($0)] })
        #expect(watcher.poll().isEmpty)
    }

    @Test func aLineWithoutItsNewlineWaits() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("{\"step\": 1, \"a\": 1}\n{\"step\": 2, \"a\"", to: "log.jsonl")
        let watcher = try RunWatcher(paths: [folder.appendingPathComponent("log.jsonl").path])
        _ = watcher.poll()
        #expect(watcher.runs[0].scalar("a")?.steps == [1])
        try append(Array(": 2}\n".utf8), to: "log.jsonl")
        #expect(watcher.poll().grew == [0])
        #expect(watcher.runs[0].scalar("a")?.steps == [1, 2])
        #expect(watcher.runs[0].warnings.isEmpty)
    }

    @Test func aCSVRewrittenWithANewColumnIsReadAgain() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("epoch,step,train_loss\n0,1,0.5\n", to: "metrics.csv")
        let watcher = try RunWatcher(paths: [folder.path])
        _ = watcher.poll()
        #expect(watcher.runs[0].scalar("train_loss")?.steps == [1])
        try write("epoch,step,train_loss,val_loss\n0,1,0.5,\n0,2,0.25,0.75\n", to: "metrics.csv")
        #expect(watcher.poll().restarted == [0])
        #expect(watcher.runs[0].scalar("train_loss")?.y == [0.5, 0.25])
        #expect(watcher.runs[0].scalar("val_loss")?.steps == [2])
    }

    @Test func aTruncatedFileStartsOver() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("{\"step\": 1, \"a\": 1}\n{\"step\": 2, \"a\": 2}\n", to: "log.jsonl")
        let watcher = try RunWatcher(paths: [folder.path])
        _ = watcher.poll()
        try write("{\"step\": 0, \"c\": 5}\n", to: "log.jsonl")
        #expect(watcher.poll().restarted == [0])
        #expect(watcher.runs[0].scalars.map(\.label) == ["c"])
        #expect(watcher.runs[0].warnings.count == 1)
    }

    /// A dashboard compares `warningsRevision` rather than the lines: every change of the
    /// lines, a count that grows included, must change it, and nothing else may.
    @Test func theWarningsRevisionChangesExactlyWhenTheWarningsDo() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("{\"step\": 1, \"a\": 1}\n", to: "log.jsonl")
        let watcher = try RunWatcher(paths: [folder.path])
        _ = watcher.poll()
        var seen = (lines: watcher.warnings, revision: watcher.warningsRevision)
        #expect(seen.lines.isEmpty)
        func poll(_ step: String, changes: Bool) {
            _ = watcher.poll()
            #expect((watcher.warnings != seen.lines) == changes, "\(step): \(watcher.warnings)")
            #expect(changes ? watcher.warningsRevision > seen.revision : watcher.warningsRevision == seen.revision, "\(step)")
            seen = (watcher.warnings, watcher.warningsRevision)
        }
        try append(Array("garbage\n".utf8), to: "log.jsonl")
        poll("a bad line", changes: true)
        try append(Array("{\"step\": 2, \"a\": 2}\n".utf8), to: "log.jsonl")
        poll("a good line", changes: false)
        try append(Array("more garbage\n".utf8), to: "log.jsonl")
        poll("a second bad line", changes: true)
        try write("{\"step\": 0, \"a\": 5}\n", to: "log.jsonl")
        poll("the file rewritten", changes: true)
        try write("{\"step\": 0, \"b\": 5}\n", to: "other.jsonl")
        poll("a new clean run", changes: false)
        #expect(mkfifo(folder.appendingPathComponent("pipe.jsonl").path, 0o600) == 0)
        poll("a FIFO skipped", changes: true)
        poll("nothing new", changes: false)
    }

    @Test func eventFilesOfARunAreReadInNameOrder() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var first = EventFileWriter()
        first.append(EventFileWriter.event(step: 0, fileVersion: "brain.Event:2"))
        first.append(EventFileWriter.event(step: 1, scalars: [("a", 1)]))
        var second = EventFileWriter()
        second.append(EventFileWriter.event(step: 0, fileVersion: "brain.Event:2"))
        second.append(EventFileWriter.event(step: 2, scalars: [("a", 2)]))
        try append(second.bytes, to: "sweep/lr1/events.out.tfevents.2")
        try append(first.bytes, to: "sweep/lr1/events.out.tfevents.1")
        let runs = try RunWatcher.read(paths: [folder.path])
        #expect(runs.map(\.name) == ["sweep/lr1"])
        #expect(runs[0].scalar("a")?.steps == [1, 2])
    }
}
