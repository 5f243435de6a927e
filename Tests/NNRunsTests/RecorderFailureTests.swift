import Foundation
@testable import NNRuns
import Testing

/// Run folders under failure: full disks, concurrent starts, kills during a save.
@Suite struct RecorderFailureTests {
    let base: URL

    init() throws { base = try Fixtures.temporaryFolder() }

    /// Many creators at once, all in the same second: each gets its own new folder.
    @Test func concurrentCreatorsGetDistinctFolders() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let date = Date(timeIntervalSince1970: 1_795_456_228)
        let runs = base.appendingPathComponent("runs")
        let created = NSLock()
        nonisolated(unsafe) var folders: [String] = []
        nonisolated(unsafe) var failures: [String] = []
        DispatchQueue.concurrentPerform(iterations: 64) { _ in
            do {
                let url = try Recorder.createFolder(study: "sweep", date: date, under: runs)
                created.withLock { folders.append(url.lastPathComponent) }
            } catch {
                created.withLock { failures.append("\(error)") }
            }
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(folders.count == 64)
        #expect(Set(folders).count == 64, "shared: \(folders.sorted())")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: runs.path)) == Set(folders))
        #expect(folders.contains("sweep-20261123-175028") && folders.contains("sweep-20261123-175028-64"))
    }

    /// A disk that fills in the middle of a line: the record is taken back whole from both
    /// files, the next record is written once space returns, and the run closes with its summary.
    @Test func aFullDiskLeavesNoTornRowAndRecordingGoesOn() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let folder = base.appendingPathComponent("run")
        let recorder = try Recorder(folder: folder, study: "sweep", params: [:])
        for step in 0..<3 { try recorder.record(series: "a", params: ["lr": 0.1], step: step, values: [("loss", Double(step))]) }
        // The next writes get half their bytes in, then ENOSPC.
        recorder.writeBytes = { fd, bytes, count in
            let n = Foundation.write(fd, bytes, max(1, count / 2))
            if n < count { errno = ENOSPC }
            return n < count ? -1 : n
        }
        #expect(throws: RunFolderError.self) { try recorder.record(series: "a", step: 3, values: [("loss", 3)]) }
        #expect(throws: RunFolderError.self) { try recorder.record(series: "b", params: ["lr": 0.2], step: 3, values: [("loss", 3)]) }
        recorder.writeBytes = { Foundation.write($0, $1, $2) }
        try recorder.record(series: "a", step: 4, values: [("loss", 4)])
        try recorder.record(series: "b", params: ["lr": 0.2], step: 4, values: [("loss", 4)])
        try recorder.close(summary: ["best": "a"])

        let csv = try String(contentsOf: folder.appendingPathComponent("metrics.csv"), encoding: .utf8)
        #expect(csv == "step,series,loss\n0,a,0.0\n1,a,1.0\n2,a,2.0\n4,a,4.0\n4,b,4.0\n")
        let run = try RunFolder.load(folder)
        #expect(run.warnings.isEmpty, "\(run.warnings)")
        #expect(run.report.series.first { $0.label == "a" }?.x == [0, 1, 2, 4])
        // The params of b were lost with its first record, so they come with the next one.
        #expect(run.report.series.first { $0.label == "b" }?.params == ["lr": 0.2])
        #expect(run.report.summary == ["best": "a"])
    }

    /// /dev/full as a metrics file: every record fails cleanly with the system's reason.
    @Test func devFullIsReportedAsAFullDisk() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let folder = base.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("metrics.jsonl").path, withDestinationPath: "/dev/full")
        let recorder = try Recorder(folder: folder, study: "s", params: [:])
        do {
            try recorder.record(series: "a", step: 0, values: [("loss", 1)])
            Issue.record("a record was written to /dev/full")
        } catch {
            #expect(error.description.contains("No space left on device"), "\(error)")
        }
        try recorder.close(summary: ["done": true])
        // Replay refuses a device as a metrics file; the summary is read with an empty one in its place.
        let metrics = folder.appendingPathComponent("metrics.jsonl")
        try FileManager.default.removeItem(at: metrics)
        try Data().write(to: metrics)
        #expect(try RunFolder.load(folder).report.summary == ["done": true])
    }

    /// A failed replacement leaves the old file as it was and no temporary file.
    @Test func aFailedAtomicWriteLeavesTheOldFileAndNoPartialFile() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let file = base.appendingPathComponent("ck.json")
        try AtomicFile.write("old", to: file)
        #expect(throws: FileWriteError.self) {
            try AtomicFile.write(Data("new".utf8), to: file) { _, _, _ in errno = ENOSPC; return -1 }
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["ck.json"])

        let directory = base.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            try AtomicFile.write("x", to: directory)
            Issue.record("a file replaced a directory")
        } catch {
            #expect(error.description.contains("is a directory") && !error.description.contains("NSCocoaErrorDomain"), "\(error)")
        }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: base.path)) == ["ck.json", "taken"])
    }

    /// A destination that is not a regular file (a FIFO here; `/dev/null` or `/dev/full` for a
    /// user who can write to /dev) is refused and left as it was: the rename that replaces a
    /// file would put a regular file in its place.
    @Test func aDestinationThatIsNotARegularFileIsLeftAlone() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let fifo = base.appendingPathComponent("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        do {
            try AtomicFile.write("x", to: fifo)
            Issue.record("a file replaced a FIFO")
        } catch {
            #expect(error.description == "cannot write \(fifo.path): is a FIFO (named pipe), not a file", "\(error)")
        }
        var info = stat()
        #expect(lstat(fifo.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the FIFO was replaced")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["pipe"])
    }

    /// A process killed in the middle of a save leaves the previous file and nothing else.
    @Test func aKillDuringASaveLeavesNothingBehind() async throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let file = base.appendingPathComponent("ck.json")
        try AtomicFile.write("old", to: file)
        let path = file.path
        await #expect(processExitsWith: .signal(SIGKILL)) { [path = path as String] in
            _ = try? AtomicFile.write(Data(repeating: 65, count: 1 << 20), to: URL(fileURLWithPath: path)) { fd, bytes, count in
                _ = Foundation.write(fd, bytes, count / 2)
                kill(getpid(), SIGKILL)
                return -1
            }
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["ck.json"])
    }
}
