import Foundation
import NNRuns
import NNTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `nndash watch --json` on logs written by someone else, damaged or hostile: it never crashes,
/// its memory stays bounded, every good record is kept and every problem is a warning.
@Suite struct HostileLogTests {
    static let logs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/logs")

    /// Runs `nndash arguments` and returns its status, output and peak resident memory in KiB
    /// (from `wait4`, for this one child).
    static func measured(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String, peakKiB: Int) {
        let out = directory.appendingPathComponent("stdout"), err = directory.appendingPathComponent("stderr")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var argv = ([Binary.url.path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, Binary.url.path, &actions, nil, &argv, environ) == 0 else {
            throw CocoaError(.executableLoad)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let exited = status & 0x7F == 0
        return (exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
                (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                (try? String(contentsOf: err, encoding: .utf8)) ?? "", usage.ru_maxrss)
    }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    static func runs(_ stdout: String) throws -> [String: JSONValue] {
        let document = try JSONValue(parsing: stdout)
        var byName: [String: JSONValue] = [:]
        for run in document["runs"]?.arrayValue ?? [] {
            if let name = run["run"]?.stringValue { byName[name] = run }
        }
        return byName
    }

    @Test func aGigabyteLineWithoutNewlineIsSkippedInBoundedMemory() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A sparse file: a good line, one line of 1 GiB (a hole, never in memory), a good line.
        let url = folder.appendingPathComponent("huge.jsonl")
        try Self.write(Array("{\"step\": 0, \"loss\": 1.5}\n{\"step\": 1, \"loss\": \"".utf8), to: url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seek(toOffset: 1 << 30)
        try handle.write(contentsOf: Data("\"}\n{\"step\": 2, \"loss\": 0.5}\n".utf8))
        try handle.close()
        // The same without the last newline: the giant line is the file's end.
        let tail = folder.appendingPathComponent("tail.jsonl")
        try Self.write(Array("{\"step\": 0, \"loss\": 2}\n{".utf8), to: tail)
        #expect(truncate(tail.path, 1 << 30) == 0)

        let result = try Self.measured(["watch", "--json", url.path, tail.path], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let runs = try Self.runs(result.stdout)
        let huge = try #require(runs["huge.jsonl"], "\(result.stdout.prefix(2000))")
        #expect(huge["scalars"]?["loss"] == [[0, 1.5], [2, 0.5]])
        #expect(huge["warnings"]?.arrayValue?.count == 1, "\(huge["warnings"] ?? .null)")
        let cut = try #require(runs["tail.jsonl"])
        #expect(cut["scalars"]?["loss"] == [[0, 2]])
        #expect(cut["warnings"]?.arrayValue?.isEmpty == false)
        // Reading 2 GiB peaks below the size of the one giant line, which a reader that gathered
        // lines would hold: lines are skipped, not kept. (About 30 MiB normally; the bound leaves
        // room for a sanitizer's shadow memory and quarantine, about 180 MiB under TSan.)
        #expect(result.peakKiB < 1 << 20, "peak RSS \(result.peakKiB) KiB")
    }

    @Test func damagedAndHostileLogsKeepEveryGoodRecord() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let eventURL = try FileManager.default.contentsOfDirectory(
            at: Self.logs.appendingPathComponent("tensorboard/lr0.05"), includingPropertiesForKeys: nil)[0]
        let events = Array(try Data(contentsOf: eventURL))
        // The same event file three ways: intact, one data CRC broken, cut off mid-record.
        try Self.write(events, to: folder.appendingPathComponent("tb/good/events.out.tfevents.1"))
        var broken = events
        broken[broken.count - 1] ^= 0xFF
        try Self.write(broken, to: folder.appendingPathComponent("tb/crc/events.out.tfevents.1"))
        try Self.write(Array(events.dropLast(7)), to: folder.appendingPathComponent("tb/cut/events.out.tfevents.1"))
        // Random bytes after good JSON lines; deep nesting; invalid UTF-8; escape sequences.
        var random = SeededRandom("noise after JSON lines", seed: 4096)
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }.map { $0 == 0x0A ? 0x20 : $0 }
        let deep = String(repeating: "[", count: 100_000)
        var hostile = Array("{\"step\": 0, \"loss\": 1}\n".utf8) + noise + [0x0A]
        hostile += Array("{\"step\": 1, \"deep\": \(deep)}\n{\"step\": 2, \"loss\": 3}\n".utf8)
        hostile += [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x20, 0x34, 0x7D, 0x0A]  // {"\xFF\xFE": 4}
        hostile += Array("{\"step\": 3, \"\u{1B}]0;pwned\u{07}\u{1B}[2Jacc\u{0}\": 0.5, \"loss\": 4}\n".utf8)
        try Self.write(hostile, to: folder.appendingPathComponent("x\u{1B}[31mred\u{7}.jsonl"))

        let result = try Self.measured(["watch", "--json", folder.path], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "raw control characters in the output")
        let runs = try Self.runs(result.stdout)
        let good = try #require(runs["tb/good"], "\(runs.keys)")
        let goodPoints = good["scalars"]?.objectValue?.reduce(0) { $0 + ($1.1.arrayValue?.count ?? 0) } ?? 0
        #expect(goodPoints > 0)
        #expect(good["warnings"]?.arrayValue?.isEmpty == true)
        for name in ["tb/crc", "tb/cut"] {
            let run = try #require(runs[name])
            let points = run["scalars"]?.objectValue?.reduce(0) { $0 + ($1.1.arrayValue?.count ?? 0) } ?? 0
            // The last record (a scalar or a histogram) is lost, nothing else.
            #expect(points >= goodPoints - 1 && points <= goodPoints, "\(name)")
            #expect(run["warnings"]?.arrayValue?.count == 1, "\(name): \(run["warnings"] ?? .null)")
        }
        let log = try #require(runs.first { $0.key.hasSuffix(".jsonl") }?.value)
        #expect(log["scalars"]?["loss"] == [[0, 1], [2, 3], [3, 4]])
        #expect(log["warnings"]?.arrayValue?.isEmpty == false)
        let tags = log["scalars"]?.objectValue?.map(\.0) ?? []
        #expect(tags.contains { $0.contains("acc") })
    }
}
