import Foundation
import Testing

/// `nndash parity` given what is not a reference file: one line naming the path and what is
/// wrong, exit status 2, and never a blocking read.
@Suite struct ParityHostileFileTests {
    @Test func whatIsNotARegularFileGetsOneClearLine() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("reference.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let big = folder.appendingPathComponent("big.json").path
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, 1 << 40) == 0)
        let cases = [
            (folder.path, "is a directory, not a file"),
            (fifo, "is a FIFO (named pipe), not a file"),
            ("/dev/null", "is a character device, not a file"),
            ("/dev/zero", "is a character device, not a file"),
            (folder.appendingPathComponent("missing.json").path, "no such file"),
            (big, "is 1 TiB, more than the 256 MiB allowed"),
        ]
        for (path, problem) in cases {
            let result = try Binary.run(["parity", path])
            #expect(result.status == 2, "\(path): \(result.stderr)")
            #expect(result.stderr == "nndash: cannot read \(path): \(problem)\n", "\(path)")
            #expect(result.stdout.isEmpty)
        }
    }
}
