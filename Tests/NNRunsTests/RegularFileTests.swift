import Foundation
import NNRuns
import Testing

/// Reading a file from outside: only a regular file, never a blocking open, never more than
/// the size bound, and one clear reason otherwise.
@Suite struct RegularFileTests {
    @Test func aRegularFileIsReadWhole() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.json").path
        try Data("{\"a\": 1}".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try RegularFile.read(path, maximumSize: 8) == Array("{\"a\": 1}".utf8))
        #expect(throws: FileReadError(path: path, problem: "is 8 bytes, more than the 7 bytes allowed")) {
            try RegularFile.read(path, maximumSize: 7)
        }
    }

    @Test func whatIsNotARegularFileIsRefusedWithoutBlocking() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let cases = [
            (folder.path, "is a directory, not a file"),
            (fifo, "is a FIFO (named pipe), not a file"),
            ("/dev/null", "is a character device, not a file"),
            ("/dev/zero", "is a character device, not a file"),
            (folder.appendingPathComponent("missing").path, "no such file"),
            (folder.appendingPathComponent("missing/x").path, "no such file"),
        ]
        for (path, problem) in cases {
            #expect(throws: FileReadError(path: path, problem: problem)) { try RegularFile.read(path, maximumSize: 1 << 20) }
            #expect(RegularFile.problem(at: path) == problem)
        }
    }

    @Test func aHugeSizeIsRefusedBeforeAnythingIsAllocated() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sparse").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, 1 << 40) == 0)
        #expect(throws: FileReadError(path: path, problem: "is 1 TiB, more than the 64 MiB allowed")) {
            try RegularFile.read(path, maximumSize: 64 << 20)
        }
    }
}
