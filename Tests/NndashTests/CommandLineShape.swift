import Foundation
import NNRuns
import Testing

/// The subcommands of `nndash` and their arguments, as ArgumentParser describes them
/// (`nndash --experimental-dump-help`): what the command-line tests walk, so that an option or
/// a subcommand added to the program is walked without being listed in a test.
struct CommandLineShape {
    struct Subcommand: CustomStringConvertible {
        var name: String
        /// Long names of the options that take a value (`--lr`).
        var options: [String]
        /// Those of `options` whose value is a file or folder (completed as one by the shell).
        var pathOptions: Set<String> = []
        /// Long names of the flags (`--json`).
        var flags: [String]
        /// The positional arguments, in order, and whether each may be left out.
        var positionals: [(name: String, optional: Bool)]
        var description: String { name }
    }

    /// Every subcommand but `help`, read once per test run (the binary does not change meanwhile).
    static func load() throws -> [Subcommand] { try loaded.get() }

    private static let loaded = Result { try read() }

    private static func read() throws -> [Subcommand] {
        let dump = try Binary.run(["--experimental-dump-help"])
        let root = try #require(try JSONValue(parsing: dump.stdout)["command"])
        return (root["subcommands"]?.arrayValue ?? []).compactMap(Self.subcommand).filter { $0.name != "help" }
    }

    /// The arguments of a command as ArgumentParser's help dump (`_dumpHelp()`) describes it.
    static func subcommand(_ command: JSONValue) -> Subcommand? {
        guard let name = command["commandName"]?.stringValue else { return nil }
        var subcommand = Subcommand(name: name, options: [], flags: [], positionals: [])
        for argument in command["arguments"]?.arrayValue ?? [] {
            let long = (argument["names"]?.arrayValue ?? []).first { $0["kind"] == "long" }?["name"]?.stringValue
            switch argument["kind"]?.stringValue {
            case "option":
                guard let long else { break }
                subcommand.options.append("--" + long)
                if argument["completionKind"]?["file"] != nil || argument["completionKind"]?["directory"] != nil {
                    subcommand.pathOptions.insert("--" + long)
                }
            case "flag": if let long { subcommand.flags.append("--" + long) }
            case "positional":
                subcommand.positionals.append(
                    (argument["valueName"]?.stringValue ?? "", argument["isOptional"] == .bool(true)))
            default: break
            }
        }
        return subcommand
    }
}
