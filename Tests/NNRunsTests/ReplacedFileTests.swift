import Foundation
import NNRuns
import Testing

/// A followed file replaced by something that is not a regular file: it is reported and passed
/// over, and every other file keeps being followed (a blocking open would freeze them all).
@Suite(.timeLimit(.minutes(1))) struct ReplacedFileTests {
    @Test(arguments: ["fifo", "folder"])
    func aFileReplacedByAFIFOOrAFolderFreezesNothing(replacement: String) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.jsonl"), b = folder.appendingPathComponent("b.jsonl")
        try Data("{\"step\": 0, \"loss\": 1}\n".utf8).write(to: a)
        try Data("{\"step\": 0, \"loss\": 1}\n".utf8).write(to: b)
        let watcher = try RunWatcher(paths: [folder.path])
        _ = watcher.poll()
        #expect(watcher.runs.map(\.name) == ["a.jsonl", "b.jsonl"])

        try FileManager.default.removeItem(at: a)
        if replacement == "fifo" {
            #expect(mkfifo(a.path, 0o600) == 0)
        } else {
            try FileManager.default.createDirectory(at: a, withIntermediateDirectories: false)
        }
        let handle = try FileHandle(forWritingTo: b)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"step\": 1, \"loss\": 0.5}\n".utf8))
        try handle.close()
        for _ in 0..<3 { _ = watcher.poll() }
        #expect(watcher.runs[1].scalar("loss")?.steps == [0, 1])
        #expect(watcher.runs[0].scalar("loss")?.steps == [0])
        let problem = replacement == "fifo" ? "is a FIFO (named pipe), not a file" : "is a directory, not a file"
        #expect(watcher.runs[0].warnings == ["1 poll skipped: a file could not be read (first at a.jsonl: \(problem))"])
    }
}
