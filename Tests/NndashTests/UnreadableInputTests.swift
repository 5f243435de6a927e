import Foundation
import NNRuns
import Testing

/// Inputs that are not regular files, or cannot be read: `watch` and `replay` never open a
/// FIFO, device or socket for a blocking read, say what could not be read, and exit with 2
/// when nothing could. (Tests run as root, for whom permissions do not make a file
/// unreadable: a FIFO, a folder where a file is expected and a link loop stand in for it.)
@Suite(.timeLimit(.minutes(2))) struct UnreadableInputTests {
    static let good = "{\"step\": 0, \"loss\": 2}\n{\"step\": 1, \"loss\": 1}\n"

    @Test func watchRefusesAFIFONamedOnTheCommandLine() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("train.jsonl").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for mode in [["--json"], []] {
            let result = try Binary.run(["watch"] + mode + [fifo])
            #expect(result.status == 2, "\(mode): \(result.stdout)")
            #expect(result.stderr == "nndash: cannot read \(fifo): is a FIFO (named pipe), not a file\n")
        }
        let device = try Binary.run(["watch", "--json", "/dev/zero"])
        #expect(device.status == 2)
        #expect(device.stderr == "nndash: cannot read /dev/zero: is a character device, not a file\n")
    }

    @Test func watchSkipsWhatCannotBeReadInAFolderAndSaysSo() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.good.utf8).write(to: folder.appendingPathComponent("good.jsonl"))
        #expect(mkfifo(folder.appendingPathComponent("pipe.jsonl").path, 0o600) == 0)
        #expect(symlink("loop.jsonl", folder.appendingPathComponent("loop.jsonl").path) == 0)
        let result = try Binary.run(["watch", "--json", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let runs = try JSONValue(parsing: result.stdout)["runs"]?.arrayValue ?? []
        #expect(runs.map { $0["run"]?.stringValue } == ["good.jsonl"])
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.sorted() == [
            "nndash watch: skipped \(folder.path)/loop.jsonl: too many symbolic links",
            "nndash watch: skipped \(folder.path)/pipe.jsonl: is a FIFO (named pipe), not a file",
        ], "\(result.stderr)")
    }

    @Test func watchExitsTwoWhenNothingCouldBeRead() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(folder.appendingPathComponent("pipe.jsonl").path, 0o600) == 0)
        let result = try Binary.run(["watch", "--json", folder.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("pipe.jsonl: is a FIFO"), "\(result.stderr)")
    }

    /// A run folder whose metrics.jsonl is missing, a folder or a FIFO, or whose run.json is a folder.
    @Test(arguments: ["missing", "folder", "fifo", "run.json folder"])
    func replaySaysWhichFileOfTheRunCannotBeRead(damage: String) throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = folder.appendingPathComponent("run.json"), metrics = folder.appendingPathComponent("metrics.jsonl")
        let expected: String
        switch damage {
        case "missing":
            expected = "\(metrics.path): no such file"
        case "folder":
            try FileManager.default.createDirectory(at: metrics, withIntermediateDirectories: false)
            expected = "\(metrics.path): is a directory, not a file"
        case "fifo":
            #expect(mkfifo(metrics.path, 0o600) == 0)
            expected = "\(metrics.path): is a FIFO (named pipe), not a file"
        default:
            try FileManager.default.createDirectory(at: run, withIntermediateDirectories: false)
            try Data("{\"step\": 0, \"series\": \"a\", \"loss\": 1}\n".utf8).write(to: metrics)
            expected = "\(run.path): is a directory, not a file"
        }
        if damage != "run.json folder" {
            try Data("{\"study\": \"sweep\", \"params\": {}}".utf8).write(to: run)
        }
        for mode in ["--plain", "--json"] {
            let result = try Binary.run(["replay", mode, folder.path])
            #expect(result.status == 2, "\(damage) \(mode): \(result.stdout)")
            #expect(result.stderr == "nndash: cannot read \(expected)\n", "\(damage) \(mode)")
            #expect(result.stdout.isEmpty)
        }
    }
}
