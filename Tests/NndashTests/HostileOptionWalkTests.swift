import Foundation
import Testing
@testable import nndash

/// Every option of every subcommand, as the program describes its command line
/// (`CommandLineShape`, so an option or a subcommand added later is walked without being listed
/// here), with hostile values: huge, tiny, negative, NaN, infinite, empty, escape sequences, C1
/// controls, line breaks. A value is either refused before the command runs, on one safe line
/// with status 2, or accepted, and then the command runs to its end: no crash, no hang, status
/// 0, 1 or 2 with one safe line of error, and no escape byte in its output or in the files it
/// wrote.
@Suite struct HostileOptionWalkTests {
    static let hostileValues = [
        "1e308", "-1e308", "99999999999999999999", "9223372036854775807", "-9223372036854775808", "1e-320", "-1",
        "0", "1", "nan", "-nan", "inf", "-inf", "", " ", "\u{1B}[2J\u{1B}]0;pwned\u{07}", "\u{9B}31m", "a\nb", "\u{0}",
        String(repeating: "9", count: 5000),
    ]

    /// Arguments that keep a run short; the walked option comes after them, and the last value
    /// given for an option wins. A subcommand not named here runs with its defaults.
    static let quick: [String: [String]] = [
        "train": ["--epochs", "1", "--data", "spiral"],
        "lr-find": ["--num-iter", "20", "--data", "spiral"],
        "bench": ["--repetitions", "1"],
        "init": ["--layers", "10"],
        "regression": ["--epochs", "200"],
    ]

    /// A run that takes longer than this is a hang.
    static let timeout = 300.0

    /// The arguments `command` runs with besides the walked option: one JSON document (or plain
    /// text) rather than a dashboard, the quick settings, and "." for each required positional
    /// argument (the folder it runs in holds a JSON-lines log, so `watch` has a run to read).
    /// Runs are recorded, in that folder, so that the recorder's files are checked too.
    static func base(_ command: CommandLineShape.Subcommand) -> [String] {
        var arguments = [command.name]
        if command.flags.contains("--json") {
            arguments.append("--json")
        } else if command.flags.contains("--plain") {
            arguments.append("--plain")
        }
        arguments += quick[command.name] ?? []
        arguments += command.positionals.filter { !$0.optional }.map { _ in "." }
        return arguments
    }

    /// Control characters that would act on a terminal: C0 but the line break, DEL and C1.
    static func controls(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    @Test func everyOptionWithEveryHostileValue() throws {
        let commands = try CommandLineShape.load()
        #expect(commands.count >= 15, "\(commands)")
        var refused = 0, ran: [String] = []
        for command in commands {
            for option in command.options {
                for value in Self.hostileValues {
                    let arguments = Self.base(command) + [option, value]
                    let label = "nndash \(arguments.debugDescription)"
                    if let (line, status) = BadInputTableTests.preflight(arguments) {
                        refused += 1
                        #expect(status == 2, "\(label) -> \(status)")
                        #expect(!line.isEmpty && !line.contains("\n") && Self.controls(line).isEmpty, "\(label) -> \(line.debugDescription)")
                        continue
                    }
                    ran.append("\(command.name) \(option) \(value.prefix(20).debugDescription)")
                    try Self.expectSafeRun(arguments, label: label)
                }
            }
        }
        print("HostileOptionWalkTests: \(refused) refused before running, \(ran.count) ran: \(ran.joined(separator: ", "))")
        #expect(refused + ran.count > 1000)
    }

    /// Runs `arguments` in a fresh folder holding a JSON-lines log and checks how it ends.
    static func expectSafeRun(_ arguments: [String], label: String) throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("train.jsonl")
        try Data("{\"step\": 1, \"loss\": 0.5}\n{\"step\": 2, \"loss\": 0.25}\n".utf8).write(to: log)
        let result = try Binary.run(arguments, in: folder, timeout: timeout)
        #expect(!result.timedOut, "\(label) still ran after \(timeout) s")
        #expect(!result.signaled, "\(label) was killed by signal \(result.status): \(result.stderr.suffix(500))")
        #expect((0...2).contains(result.status), "\(label) -> \(result.status): \(result.stderr.suffix(500))")
        if result.status != 0 {
            #expect(result.stderr.split(separator: "\n").count == 1, "\(label) -> \(result.stderr.prefix(500))")
        }
        for (name, text) in [("standard output", result.stdout), ("standard error", result.stderr)] {
            #expect(controls(text).isEmpty, "\(label): control characters in its \(name): \(text.prefix(300).debugDescription)")
        }
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file != log {
            guard let bytes = try? Data(contentsOf: file) else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(controls(text).filter { $0 != "\t" }.isEmpty, "\(label): control characters in \(file.lastPathComponent)")
        }
    }
}
