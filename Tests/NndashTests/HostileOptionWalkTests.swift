import Foundation
import Testing
@testable import nndash

/// Every option of every subcommand, as the program describes its command line
/// (`CommandLineShape`, so an option or a subcommand added later is walked without being listed
/// here), walked once through two kinds of value, each command line parsed in-process as
/// `nndash` does before it runs anything (`BadInputTableTests.preflight`):
///
/// - the bad values of its rule (`BadInputTableTests.rules`) and its missing value: refused
///   before the command runs, on one safe line naming the option and the value, status 2;
/// - hostile values: huge, tiny, negative, NaN, infinite, empty, escape sequences, C1 controls,
///   line breaks. A hostile value is either refused the same way (one safe line naming the
///   option, status 2), or accepted, and then the command runs to its end: no crash, no hang,
///   status 0, 1 or 2 with one safe line of error, and no escape byte in its output or in the
///   files it wrote.
///
/// An option of a shared group (`StudyOptions`, `TrainingOptions`, `PlainSizeOptions`) is the
/// same declaration and the same `validate()` in each subcommand that takes the group in, and
/// the same code behind it (`StudyLauncher` records every study under `--runs-dir`; a size out of
/// `--columns` and `--lines`' ranges is refused before any command's code). So it meets every
/// value in one of them (`BadInputTableTests.sharedOptions`) and, in the others, the first and
/// last bad values of its rule and the hostile values that would do harm if a subcommand handled
/// it on its own: an escape sequence and a value too long to be a file name. Each subcommand is
/// one test case, so the walk spreads over the cores.
@Suite struct HostileOptionWalkTests {
    static let hostileValues = [
        "1e308", "-1e308", "99999999999999999999", "9223372036854775807", "-9223372036854775808", "1e-320", "-1",
        "0", "1", "nan", "-nan", "inf", "-inf", "", " ", "\u{1B}[2J\u{1B}]0;pwned\u{07}", "\u{9B}31m", "a\nb", "\u{0}",
        String(repeating: "9", count: 5000),
    ]

    /// What an option whose value is a file or folder meets (`CommandLineShape.pathOptions`). To
    /// the file system a name is text: of the hostile values, every number is a plain name as
    /// "1" is, or a name starting with a dash as "-1" is (which a parser could take for an
    /// option), so those two stand for them; the others are kept (the longest as a name longer
    /// than a file system takes). Then the names a path can go wrong with: a file where a folder
    /// is wanted or a file to overwrite (the run's own log), a folder where a file is wanted,
    /// and folders that do not exist yet.
    static let pathValues = hostileValues.filter { Double($0) == nil || ["1", "-1"].contains($0) || $0.count > 255 }
        + ["train.jsonl", ".", "no/such/folder/x"]

    /// What an option of a shared group meets in the subcommands that do not walk it through
    /// every value.
    static let sharedOptionValues = ["\u{1B}[2J\u{1B}]0;pwned\u{07}", String(repeating: "9", count: 5000)]

    /// Arguments that keep a run short; the walked option comes after them, and the last value
    /// given for an option wins. A subcommand not named here runs with its defaults.
    static let quick: [String: [String]] = [
        "train": ["--epochs", "1", "--data", "spiral"],
        "lr-find": ["--num-iter", "20", "--data", "spiral"],
        // The quickest workload (the others take seconds to a minute of a debug build's CPU); a
        // walked `--workload` value is added to it.
        "bench": ["--repetitions", "1", "--workload", "sweep-quadratic"],
        "init": ["--layers", "10", "--width", "16"],
        "regression": ["--epochs", "200"],
        "dead-relu": ["--steps", "2", "--hidden", "4"],
        "optimizers": ["--iterations", "20"],
    ]

    /// The value of a positional argument, by its name: "." (the folder the run is in) unless
    /// named here.
    static let positionals = ["number": "0"]

    /// A run that takes longer than this is a hang.
    static let timeout = 300.0

    /// The arguments `command` runs with besides the walked option: one JSON document (or plain
    /// text) rather than a dashboard, the quick settings, and a value for each positional argument
    /// (the folder it runs in holds a JSON-lines log, so `watch` has a run to read).
    /// Runs are recorded, in that folder, so that the recorder's files are checked too.
    static func base(_ command: CommandLineShape.Subcommand) -> [String] {
        var arguments = [command.name]
        if command.flags.contains("--json") {
            arguments.append("--json")
        } else if command.flags.contains("--plain") {
            arguments.append("--plain")
        }
        arguments += quick[command.name] ?? []
        arguments += command.positionals.map { positionals[$0.name] ?? "." }
        return arguments
    }

    /// One command line of the walk: `option` with `value` (nil: the value left out) after the
    /// base arguments, and what the refusal must quote when the value must be refused (nil: a
    /// hostile value, refused or run).
    struct Step {
        var arguments: [String]
        var option: String
        var value: String?
        var mustRefuseQuoting: [String]?
    }

    /// The command lines walked for `command`: each option with its missing value, the bad values
    /// of its rule (`BadInputTableTests.walks()`), then the hostile values not among them.
    static func walk(_ command: CommandLineShape.Subcommand) throws -> [Step] {
        let shared = try BadInputTableTests.sharedOptions()
        let rules = try BadInputTableTests.walks().filter { $0.option.command == command.name }
        let base = base(command)
        return command.options.flatMap { option -> [Step] in
            let rule = rules.first { $0.option.name == option }
            var steps: [Step] = []
            if rule?.missingValue == true {
                steps.append(Step(arguments: base + [option], option: option, value: nil, mustRefuseQuoting: []))
            }
            for (value, quoted) in rule?.values ?? [] {
                steps.append(Step(arguments: base + [option, value], option: option, value: value, mustRefuseQuoting: quoted.map { [$0] } ?? []))
            }
            let ruled = Set((rule?.values ?? []).map(\.value))
            for value in values(for: option, of: command, shared: shared) where !ruled.contains(value) {
                steps.append(Step(arguments: base + [option, value], option: option, value: value, mustRefuseQuoting: nil))
            }
            return steps
        }
    }

    /// The hostile values `option` of `command` meets.
    static func values(for option: String, of command: CommandLineShape.Subcommand,
                       shared: [String: BadInputTableTests.SharedOption]) -> [String] {
        let walker = shared["\(command.name) \(option)"]?.walker ?? command.name
        if walker != command.name { return sharedOptionValues }
        return command.pathOptions.contains(option) ? pathValues : hostileValues
    }

    /// Control characters that would act on a terminal: C0 but the line break, DEL and C1.
    static func controls(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    /// The subcommands the program declares (`help` aside), each one test case.
    static let subcommands = Nndash.configuration.subcommands.map { $0._commandName }

    @Test func theWalkCoversEverySubcommandAndEveryOption() throws {
        let commands = try CommandLineShape.load()
        #expect(commands.count >= 15, "\(commands)")
        #expect(Set(commands.map(\.name)) == Set(Self.subcommands))
        let shared = try BadInputTableTests.sharedOptions()
        let walked = try commands.map { try Self.walk($0) }
        for (command, steps) in zip(commands, walked) {
            let options = Set(steps.map(\.option))
            #expect(options == Set(command.options), "\(command.name): \(options.sorted())")
            // Every hostile value (a path's), or the two that do harm, reaches each option.
            for option in command.options {
                let tried = Set(steps.filter { $0.option == option }.compactMap(\.value))
                #expect(tried.isSuperset(of: Self.values(for: option, of: command, shared: shared)), "\(command.name) \(option)")
            }
        }
        // The options that take a path are those the program completes as one.
        let paths = Set(commands.flatMap { command in command.pathOptions.map { "\(command.name) \($0)" } })
        #expect(paths.contains("train --resume") && paths.contains("lr-find --data-root") && paths.contains("gd --runs-dir"), "\(paths)")
        #expect(!paths.contains { $0.hasSuffix("--lr") || $0.hasSuffix("--data") }, "\(paths)")
        #expect(Set(Self.sharedOptionValues).isSubset(of: Self.pathValues))
        #expect(Self.pathValues.count == 12, "\(Self.pathValues)")
        // Each shared option meets every value in one subcommand.
        for walker in Set(shared.values.map(\.walker)) { #expect(Self.subcommands.contains(walker)) }
        #expect(walked.map(\.count).reduce(0, +) > 1000)
    }

    @Test(arguments: subcommands)
    func everyOptionWithEveryValue(subcommand: String) throws {
        let command = try #require(try CommandLineShape.load().first { $0.name == subcommand })
        let base = Self.base(command)
        for unknown in ["--bogus", "--bogus=3"] { BadInputTableTests.expectRefused(base + [unknown], mentions: ["--bogus"]) }
        var refused = 0, ran: [String] = [], alike: [String] = []
        // The commands run so far, as parsed: a command line that parses into one of them runs
        // the same code on the same values, so it is not run again.
        var commandsRun: Set<String> = []
        for step in try Self.walk(command) {
            if let quoted = step.mustRefuseQuoting {
                refused += 1
                BadInputTableTests.expectRefused(step.arguments, mentions: [step.option] + quoted)
                continue
            }
            switch BadInputTableTests.check(step.arguments) {
            case .refused(let line, let status):
                refused += 1
                BadInputTableTests.expectSafe(line, status: status, step.arguments)
                #expect(line.contains(step.option), "nndash \(step.arguments.debugDescription) -> \(line)")
            case .runs(let parsed):
                let label = "\(step.option) \((step.value ?? "").prefix(20).debugDescription)"
                guard commandsRun.insert(String(reflecting: parsed)).inserted else {
                    alike.append(label)
                    continue
                }
                ran.append(label)
                try Self.expectSafeRun(step.arguments, label: "nndash \(step.arguments.debugDescription)")
            }
        }
        print("HostileOptionWalkTests \(subcommand): \(refused) refused before running, \(ran.count) ran: \(ran.joined(separator: ", "));",
              "\(alike.count) parsed as one already run: \(alike.joined(separator: ", "))")
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
