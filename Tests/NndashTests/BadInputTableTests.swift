import ArgumentParser
import Foundation
import NNRuns
import Testing
@testable import nndash

/// Bad values for every option of every subcommand: one line on stderr naming the option and
/// the value, nothing on stdout, exit status 2.
///
/// This table says which values each option must refuse; `HostileOptionWalkTests` walks every
/// option through them (and through hostile values) in one pass. The command line is parsed
/// in-process, as `nndash` does before it runs anything (`Nndash.checkedCommand`: parse,
/// validate, size budget), and the error line is the one `Nndash.exit(withError:)` prints; a
/// handful of end-to-end launches here check that the binary prints exactly that. Values
/// refused only when the command runs (missing files) are launched.
///
/// The options come from ArgumentParser's own description of the command line
/// (`--experimental-dump-help`), so an option added without a rule here fails
/// `everyOptionHasARule`. To cover a new subcommand, add a rule for each of its options (and,
/// in `HostileOptionWalkTests`, the arguments that keep its run short if its defaults do not).
@Suite struct BadInputTableTests {
    /// What an option accepts, and so which values are wrong for it.
    enum Rule {
        /// An integer in `range`.
        case integer(ClosedRange<Int>)
        /// A finite number; `badValues` are the ones out of its range.
        case real(badValues: [String])
        /// A non-empty string.
        case text
        /// A word or a structured value (a name, a list of runs); `badValues` are refused, each
        /// with what the error must quote (nil: nothing to quote).
        case spec(badValues: [(value: String, quoted: String?)])

        /// Values that must be refused, each with what the error must quote (nil: nothing to
        /// quote, e.g. the empty value; "inf" for a number too large to be finite).
        var badValues: [(value: String, quoted: String?)] {
            switch self {
            case .integer(let range):
                return [("abc", "abc"), ("2.5", "2.5"), ("", nil), ("nan", "nan"), ("inf", "inf"),
                        ("1e3", "1e3"), ("99999999999999999999", "99999999999999999999"),
                        ("\(range.lowerBound - 1)", "\(range.lowerBound - 1)"),
                        ("\(range.upperBound + 1)", "\(range.upperBound + 1)"), ("-7", "-7")] + hostile
            case .real(let outOfRange):
                return [("abc", "abc"), ("", nil), ("nan", "nan"), ("inf", "inf"), ("-inf", "-inf"),
                        ("1e999", "inf"), ("0x", "0x"), ("1,5", "1,5")] + hostile + outOfRange.map { ($0, $0) }
            case .text:
                return [("", nil)]
            case .spec(let values):
                return [("", nil)] + values + hostile
            }
        }
    }

    /// Values that would drive the terminal or break the error's line if printed as typed.
    static let hostile: [(value: String, quoted: String?)] = [
        ("1\n2", nil), ("\u{1B}[2J\u{1B}]0;title\u{07}", nil), ("\u{9B}31m", nil),
    ]

    /// Rules of options shared by several subcommands (`StudyOptions`), by option name.
    static let sharedRules: [String: Rule] = [
        "--delay-ms": .integer(0...60_000),
        "--runs-dir": .text,
        "--columns": .integer(40...1_000),
        "--lines": .integer(12...1_000),
        "--palette": .spec(badValues: [("bogus", "bogus"), ("Okabe-Ito", "Okabe-Ito"), ("okabe_ito", "okabe_ito")]),
    ]

    /// Rules of one subcommand's own options, keyed "subcommand --option".
    static let rules: [String: Rule] = [
        "sweep --lr-min": .real(badValues: ["-0.1", "-0.5"]),
        "sweep --lr-max": .real(badValues: ["-2"]),
        "sweep --num": .integer(1...1_000),
        "sweep --iterations": .integer(1...1_000_000),
        "sweep --x0": .real(badValues: []),
        "sweep --function": .spec(badValues: [("bogus", "bogus")]),
        "sweep --scale": .spec(badValues: [("cubic", "cubic")]),
        "watch --interval": .real(badValues: ["0", "-1", "3601", "1e-300", "0.009"]),
        "watch --grid": .spec(badValues: [("2", "2"), ("0x2", "0x2"), ("2x10", "2x10"), ("axb", "axb"), ("2x3x4", "2x3x4"),
                                          ("-1x2", "-1x2")]),
        "gd --lr": .real(badValues: ["-0.1"]),
        "gd --x0": .real(badValues: []),
        "gd --iterations": .integer(1...1_000_000),
        "momentum --runs": .spec(badValues: [
            ("abc", "abc"), ("0.01", "0.01"), ("0.01:1", "0.01:1"), ("0.01:nan", "0.01:nan"),
            ("-0.1:0.9", "-0.1"), ("0.01:0:nesterov", "0.01:0:nesterov"), ("0.01:0.9:fast", "0.01:0.9:fast"),
        ]),
        "momentum --iterations": .integer(1...1_000_000),
        "momentum --x0": .real(badValues: []),
        "momentum --weight-decay": .real(badValues: ["-0.1"]),
        "momentum --dampening": .real(badValues: ["-0.1", "1.5"]),
        "momentum --betas": .spec(badValues: [("1.0", "1.0"), ("0", "0"), ("abc", "abc"), ("nan", "nan")]),
        "momentum --points": .integer(1...100_000),
        "momentum --seed": .integer(0...Int(Int32.max)),
        "optimizers --function": .spec(badValues: [("bogus", "bogus")]),
        "optimizers --lr": .real(badValues: ["0", "-1"]),
        "optimizers --iterations": .integer(1...100_000),
        "optimizers --optimizers": .spec(badValues: [("Foo", "Foo"), ("SGD,Foo", "Foo"), ("SGD,,Adam", "SGD,,Adam"), ("sgd", "sgd")]),
        "activations --low": .real(badValues: ["5", "6"]),
        "activations --high": .real(badValues: ["-5", "-6"]),
        "activations --points": .integer(2...100_000),
        "init --layers": .integer(1...1_000),
        "init --width": .integer(2...4_096),
        "init --batch": .integer(2...4_096),
        "init --seed": .integer(0...Int(Int32.max)),
        "losses --points": .integer(2...100_000),
        "losses --loss": .spec(badValues: [("bogus", "bogus"), ("CrossEntropyLos", "CrossEntropyLos"), ("MSELossLoss", "MSELossLoss")]),
        "losses --input": .spec(badValues: [("abc", "abc"), ("[[1, 2], [3]]", "[[1, 2], [3]]"), ("[1, true]", "[1, true]")]),
        "losses --target": .spec(badValues: [("abc", "abc"), ("[0, 1", "[0, 1")]),
        "losses --option": .spec(badValues: [("weight", "weight"), ("weight=abc", "abc"), ("=3", "=3")]),
        "regression --runs": .spec(badValues: [
            ("SGD:1e-2", "SGD:1e-2"), ("Foo:1e-2:1", "Foo:1e-2:1"), ("SGD:nan:1", "SGD:nan:1"),
            ("SGD:-1:1", "SGD:-1:1"), ("SGD:1e-2:0", "SGD:1e-2:0"),
        ]),
        "regression --epochs": .integer(1...1_000_000),
        "regression --val-fraction": .real(badValues: ["-0.1", "0.6"]),
        "regression --seed": .integer(0...Int(Int32.max)),
        "backprop --lr": .real(badValues: ["-0.5"]),
        "backprop --steps": .integer(1...1_000_000),
        "optim-api --optimizer": .spec(badValues: [("Foo", "Foo"), ("LBFGS", "LBFGS")]),
        "optim-api --lr": .real(badValues: ["-0.1"]),
        "optim-api --momentum": .real(badValues: ["-0.1", "1.5"]),
        "optim-api --group-lr": .real(badValues: ["-1"]),
        "optim-api --loss": .spec(badValues: [("bogus", "bogus")]),
        "optim-api --actions": .spec(badValues: [("jump", "jump"), ("step,jump", "jump")]),
        "concepts --lambda": .real(badValues: ["-0.1"]),
        "concepts --points": .integer(3...100_001),
        "dead-relu --lr": .real(badValues: ["0", "-1", "1000001"]),
        "dead-relu --hidden": .integer(1...4_096),
        "dead-relu --steps": .integer(1...100_000),
        "dead-relu --bias": .real(badValues: ["101", "-101"]),
        "dead-relu --negative-slope": .real(badValues: ["0", "-0.1", "1.5"]),
        "dead-relu --seed": .integer(0...Int(Int32.max)),
        "train --model": .spec(badValues: [("bogus", "bogus")]),
        "train --data": .spec(badValues: [("bogus", "bogus")]),
        "train --optimizer": .spec(badValues: [("Bogus", "Bogus")]),
        "train --momentum": .real(badValues: ["-0.9"]),
        "train --batch-size": .integer(1...100_000),
        "train --seed": .integer(0...Int(Int32.max)),
        "train --hidden": .integer(1...100_000),
        "train --lr": .real(badValues: ["-0.1"]),
        "train --scheduler": .spec(badValues: [("Bogus", "Bogus")]),
        "train --step-size": .integer(1...1_000_000),
        "train --gamma": .real(badValues: ["0", "-0.1"]),
        "train --epochs": .integer(1...100_000),
        "train --transform": .spec(badValues: [("Blur(3)", "Blur(3)"), ("Resize(0)", "Resize(0)"), ("ToTensor(),Resize(3)", "Resize(3)")]),
        "train --valid-transform": .spec(badValues: [("Blur(3)", "Blur(3)"), ("Normalize([1],[0])", "Normalize([1],[0])")]),
        "lr-find --transform": .spec(badValues: [("Blur(3)", "Blur(3)")]),
        "lr-find --valid-transform": .spec(badValues: [("Resize(1e9)", "Resize(1e9)")]),
        "train --recipe": .spec(badValues: [("lesson999", "lesson999"), ("LESSON001", "LESSON001")]),
        "train --data-root": .text,
        "train --data-mirror": .spec(badValues: [("ftp://example.org/", "ftp://example.org/"), ("mirror", "mirror")]),
        "lr-find --data-root": .text,
        "lr-find --data-mirror": .spec(badValues: [("file:///tmp", "file:///tmp")]),
        "train --resume": .text,
        "train --checkpoint": .text,
        "lr-find --model": .spec(badValues: [("bogus", "bogus")]),
        "lr-find --data": .spec(badValues: [("bogus", "bogus")]),
        "lr-find --optimizer": .spec(badValues: [("Bogus", "Bogus")]),
        "lr-find --momentum": .real(badValues: ["-0.9"]),
        "lr-find --batch-size": .integer(1...100_000),
        "lr-find --seed": .integer(0...Int(Int32.max)),
        "lr-find --hidden": .integer(1...100_000),
        "lr-find --start-lr": .real(badValues: ["0", "-1", "20"]),
        "lr-find --end-lr": .real(badValues: ["0", "-1", "1e-07"]),
        "lr-find --num-iter": .integer(2...100_000),
        "lr-find --stop-factor": .real(badValues: ["1", "0.5", "-2"]),
        "bench --repetitions": .integer(1...1_000),
        "bench --threads": .integer(1...256),
        "lesson --step": .integer(1...(LessonPlan.lesson(0)?.steps.count ?? 1)),
        "bench --workload": .spec(badValues: [("bogus", "bogus")]),
    ]

    struct Option: CustomStringConvertible {
        var command: String
        var name: String
        var description: String { "\(command) \(name)" }
    }

    /// Every option (not flag, not positional) of every subcommand, as ArgumentParser describes
    /// them; a subcommand without options is listed once with an empty name.
    static func options() throws -> [Option] {
        try CommandLineShape.load().flatMap { command in
            command.options.isEmpty
                ? [Option(command: command.name, name: "")]
                : command.options.map { Option(command: command.name, name: $0) }
        }
    }

    static func rule(for option: Option) -> Rule? {
        rules["\(option.command) \(option.name)"] ?? sharedRules[option.name]
    }

    /// A group of options several subcommands take in (`@OptionGroup`): the same declarations
    /// and the same `validate()` in each.
    struct SharedGroup {
        var name: String
        /// Its options' long names, as ArgumentParser describes the group.
        var options: Set<String>
        /// Whether a subcommand takes the group in.
        var isIn: (any ParsableCommand) -> Bool

        init<Group: ParsableArguments>(_ group: Group.Type) throws {
            name = "\(group)"
            let dump = try #require(try JSONValue(parsing: Group._dumpHelp())["command"])
            options = Set(try #require(CommandLineShape.subcommand(dump)).options)
            isIn = { command in Mirror(reflecting: command).children.contains { $0.value is OptionGroup<Group> } }
        }
    }

    /// The bad values one option of one subcommand is walked through, and whether its missing
    /// value is tried.
    struct Walk {
        var option: Option
        var values: [(value: String, quoted: String?)]
        var missingValue: Bool
    }

    /// Where an option of a shared group is walked through every value: `walker` is, of the
    /// subcommands that take `group` in, the one of fewest options (the quickest to parse).
    struct SharedOption {
        var group: String
        var walker: String
    }

    /// The options of shared groups, keyed "subcommand --option"; an option not listed is its
    /// subcommand's own.
    static func sharedOptions() throws -> [String: SharedOption] { try shared.get() }

    /// The program's options do not change while the tests run: each walk list is made once.
    private static let shared = Result { try findSharedOptions() }
    private static let walked = Result { try findWalks() }

    private static func findSharedOptions() throws -> [String: SharedOption] {
        let options = try Self.options().filter { !$0.name.isEmpty }
        let groups = [try SharedGroup(StudyOptions.self), try SharedGroup(TrainingOptions.self), try SharedGroup(PlainSizeOptions.self)]
        let optionCount = Dictionary(grouping: options, by: \.command).mapValues(\.count)
        var takesIn: [String: Set<String>] = [:]
        for command in Nndash.configuration.subcommands {
            let instance = command.init()
            takesIn[command._commandName] = Set(groups.filter { $0.isIn(instance) }.map(\.name))
        }
        func groupOf(_ option: Option) -> SharedGroup? {
            groups.first { $0.options.contains(option.name) && takesIn[option.command]?.contains($0.name) == true }
        }
        var shared: [String: SharedOption] = [:]
        for option in options {
            guard let group = groupOf(option) else { continue }
            let sharing = options.filter { $0.name == option.name && groupOf($0)?.name == group.name }
            let walker = sharing.min { (optionCount[$0.command] ?? 0, $0.command) < (optionCount[$1.command] ?? 0, $1.command) }
            if let walker { shared[option.description] = SharedOption(group: group.name, walker: walker.command) }
        }
        return shared
    }

    /// What each option is walked through. An option of a shared group is the same code in every
    /// subcommand that takes the group in, so it is walked through every bad value (those of
    /// all these subcommands' rules) in one of them (`sharedOptions`), and in the others through
    /// the first and last of its own rule's values: enough to show that the subcommand has it
    /// and names it, at a fraction of the parses (each costs ArgumentParser's debug-build
    /// self-checks).
    static func walks() throws -> [Walk] { try walked.get() }

    private static func findWalks() throws -> [Walk] {
        let options = try Self.options().filter { !$0.name.isEmpty }
        let shared = try sharedOptions()
        return options.compactMap { option -> Walk? in
            guard let rule = rule(for: option) else { return nil }
            guard let group = shared[option.description] else { return Walk(option: option, values: rule.badValues, missingValue: true) }
            if group.walker == option.command {
                let sharing = options.filter { $0.name == option.name && shared[$0.description]?.group == group.group }
                var seen: Set<String> = []
                let values = sharing.flatMap { Self.rule(for: $0)?.badValues ?? [] }.filter { seen.insert($0.value).inserted }
                return Walk(option: option, values: values, missingValue: true)
            }
            let values = rule.badValues
            return Walk(option: option, values: values.count > 1 ? [values[0], values[values.count - 1]] : values, missingValue: false)
        }
    }

    @Test func everyOptionHasARule() throws {
        let options = try Self.options()
        #expect(Set(Self.subcommands) == Set(options.map(\.command)))
        for option in options where !option.name.isEmpty {
            #expect(Self.rule(for: option) != nil, "no bad-input rule for \(option)")
        }
    }

    /// What `nndash ARGUMENTS` does before running.
    enum Preflight {
        /// It would run this command.
        case runs(any ParsableCommand)
        /// It would print this error line (after "nndash: ") and exit with this status.
        case refused(line: String, status: Int32)
    }

    /// What `nndash ARGUMENTS` does before running, parsed once.
    static func check(_ arguments: [String]) -> Preflight {
        do {
            return .runs(try Nndash.checkedCommand(arguments))
        } catch {
            let (line, status) = Nndash.report(for: error)
            return .refused(line: line, status: status)
        }
    }

    /// What `nndash ARGUMENTS` does before running: nil when it would run, else its error line and status.
    static func preflight(_ arguments: [String]) -> (line: String, status: Int32)? {
        guard case .refused(let line, let status) = check(arguments) else { return nil }
        return (line, status)
    }

    /// The subcommands the program declares (`help` aside).
    static let subcommands = Nndash.configuration.subcommands.map { $0._commandName }

    /// The walk leaves out no option and no bad value: each option of each subcommand is tried,
    /// and each value of its rule is tried in some subcommand that has the option.
    @Test func theWalkCoversEveryOptionAndEveryValue() throws {
        let walks = try Self.walks()
        let walked = Set(walks.map(\.option.description))
        var tried: [String: Set<String>] = [:]
        for walk in walks { tried[walk.option.name, default: []].formUnion(walk.values.map(\.value)) }
        for option in try Self.options() where !option.name.isEmpty {
            #expect(walked.contains(option.description), "\(option) is not walked")
            let missing = (Self.rule(for: option)?.badValues ?? []).map(\.value).filter { !(tried[option.name] ?? []).contains($0) }
            #expect(missing.isEmpty, "\(option): \(missing.debugDescription) not tried")
        }
        // The groups are shared: most subcommands walk only two values of each of their options.
        let shared = walks.filter { !$0.missingValue }
        #expect(Set(shared.map(\.option.name)).isSuperset(of: ["--delay-ms", "--palette", "--columns", "--model"]), "\(shared.map(\.option))")
    }

    /// The accepted hostile values that reach output or files: the run ends, with status 0 or a
    /// safe one-line error, and no escape byte in anything it printed.
    @Test(arguments: [
        ["train", "--no-record", "--json", "--data", "spiral", "--epochs", "1", "--checkpoint", "\u{1B}[2J\u{1B}]0;pwned\u{07}"],
        ["train", "--no-record", "--json", "--resume", "\u{1B}[2J\u{9B}31m"],
        ["train", "--no-record", "--json", "--data", "idx:/nonexistent/\u{1B}[2J,/b"],
        ["gd", "--json", "--runs-dir", "\u{1B}]0;pwned\u{07}\u{9B}31m"],
        ["watch", "--json", "--interval", "3600", "/nonexistent/\u{1B}[2J"],
    ])
    func acceptedHostileValuesRun(arguments: [String]) throws {
        let directory = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Binary.run(arguments, in: directory)
        #expect(result.status == 0 || result.status == 2, "\(arguments.debugDescription): \(result.status) \(result.stderr)")
        for text in [result.stdout, result.stderr] {
            let controls = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
            #expect(controls.isEmpty, "\(arguments.debugDescription): \(text.prefix(300).debugDescription)")
        }
        if result.status == 2 { #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)") }
    }

    /// A few end-to-end launches: the binary prints exactly what the in-process check said.
    @Test(arguments: [
        ["sweep", "--no-record", "--num", "0"], ["watch", "--json", "--interval", "1e-300", "."],
        ["train", "--no-record", "--lr", "\u{1B}[2J"], ["lr-find", "--no-record", "--json", "--bogus"],
        ["momentum", "--no-record", "--json", "--runs", "0.01:nan"],
    ])
    func theBinaryPrintsWhatTheCheckSays(arguments: [String]) throws {
        let expected = try #require(Self.preflight(arguments))
        let result = try Binary.run(arguments)
        #expect(result.status == expected.status)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "nndash: \(expected.line)\n")
    }

    /// A `ValidationError` of ours is reported by its message alone (`Nndash.validationMessage`),
    /// without building ArgumentParser's text for it: the line is the one cut from that text.
    @Test(arguments: [
        (["sweep", "--num", "0"], true), // a command's validate()
        (["gd", "--delay-ms", "70000"], true), // an option group's validate()
        (["sweep", "--num", "1000", "--iterations", "1000000", "--json"], true), // after parsing: the size budget
        (["sweep", "--num", "abc"], false), // ArgumentParser's own error
        (["sweep", "--bogus"], false),
    ])
    func aValidationErrorIsTheLineArgumentParserWouldGive(arguments: [String], ours: Bool) throws {
        let error = try #require(throws: (any Error).self) { try Nndash.checkedCommand(arguments) }
        #expect((Nndash.validationMessage(error) != nil) == ours)
        let text = Nndash.fullMessage(for: error)
        #expect(text.hasPrefix(Nndash._errorPrefix))
        let (line, status) = Nndash.report(for: error)
        #expect(line == Nndash.oneLine(String(text.dropFirst(Nndash._errorPrefix.count))) && status == 2, "\(line)")
    }

    /// Values refused only when the command runs (files): launched.
    @Test(arguments: [
        (["train", "--no-record", "--json", "--data", "idx:/nonexistent-images,/nonexistent-labels"], "/nonexistent-images"),
        (["train", "--no-record", "--json", "--resume", "/nonexistent-checkpoint.json"], "/nonexistent-checkpoint.json"),
    ])
    func valuesRefusedWhenRun(arguments: [String], mention: String) throws {
        try Self.expectUsageError(arguments, mentions: [arguments[3], mention])
    }

    /// Bad positional arguments: a one-line error naming the value (made safe), status 2.
    @Test(arguments: [
        (["replay", "/nonexistent/run"], "/nonexistent/run"),
        (["replay", "/nonexistent/\u{1B}[2J"], "/nonexistent/"),
        (["replay", "."], "run.json"),
        (["watch", "--json", "/nonexistent/log"], "/nonexistent/log"),
        (["watch", "--json", "/dev/null/\u{1B}]0;x\u{07}"], "/dev/null/"),
        (["parity", "/nonexistent.json"], "/nonexistent.json"),
        (["parity"], "<files>"),
        (["watch"], "paths"),
        (["replay"], "run-dir"),
        (["sweep", "extra\nline"], "extra"),
        (["no-such-command"], "no-such-command"),
    ])
    func badPositionalArguments(arguments: [String], mention: String) throws {
        try Self.expectUsageError(arguments, mentions: [mention])
    }

    /// `arguments` is refused before running with one safe line naming `mentions`, status 2.
    static func expectRefused(_ arguments: [String], mentions: [String]) {
        guard let (line, status) = preflight(arguments) else {
            Issue.record("accepted: nndash \(arguments.joined(separator: " ").debugDescription)")
            return
        }
        expectSafe(line, status: status, arguments)
        for word in mentions { #expect(line.contains(word), "nndash \(arguments.debugDescription) -> \(line)") }
    }

    /// A refusal: status 2, one line, no control character.
    static func expectSafe(_ line: String, status: Int32, _ arguments: [String]) {
        let description = "nndash \(arguments.debugDescription) -> \(status): \(line.debugDescription)"
        #expect(status == 2, "\(description)")
        #expect(!line.isEmpty && !line.contains("\n"), "\(description)")
        let controls = line.unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
        #expect(controls.isEmpty, "\(description)")
    }

    static func expectUsageError(_ arguments: [String], mentions: [String]) throws {
        let result = try Binary.run(arguments)
        let line = "nndash \(arguments.joined(separator: " ")) -> \(result.status): \(result.stderr)"
        #expect(result.status == 2, "\(line)")
        #expect(result.stdout.isEmpty, "\(line)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(line)")
        let controls = result.stderr.dropLast().unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
        #expect(controls.isEmpty, "control characters in: \(line.debugDescription)")
        for word in mentions { #expect(result.stderr.contains(word), "\(line)") }
    }
}
