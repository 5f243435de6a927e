import ArgumentParser
import Foundation
import NNRuns

/// The `nndash` command: training studies drawn live in the terminal.
@main
struct Nndash: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nndash",
        abstract: "Training visualization in the terminal: live studies and live logs.",
        version: "0.1.0",
        subcommands: [
            Sweep.self, GD.self, Momentum.self, Optimizers.self, Activations.self, InitStudy.self, Losses.self,
            Regression.self, Backprop.self, OptimAPI.self, Concepts.self, DeadReLU.self, Train.self, LRFind.self, Watch.self, Replay.self, Parity.self,
            Bench.self, Lesson.self,
        ])

    /// Runs the command line; a usage error is one line on standard error and exit status 2.
    static func main() {
        do {
            var command = try checkedCommand(Array(CommandLine.arguments.dropFirst()))
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    /// The command `arguments` name, parsed, validated and checked against the machine's budget
    /// (`RunBudget`): everything that happens before it runs.
    static func checkedCommand(_ arguments: [String]) throws -> any ParsableCommand {
        if let topic = unknownHelpTopic(arguments) {
            throw ValidationError("no command named '\(topic)': `nndash help` lists the commands")
        }
        let command = try parseAsRoot(joiningNegativeValues(arguments))
        if let sized = command as? SizedStudyCommand { try sized.checkSize() }
        return command
    }

    /// The line `exit(withError:)` prints for `error` (without the program's name), and its exit status.
    ///
    /// A `ValidationError` of ours is its message alone (`validationMessage`). For any other
    /// error, ArgumentParser's text is built once: each build describes the command line anew
    /// (in a debug build, checking all its declarations again). A text that starts with the
    /// error prefix is a usage error: its first line, after the prefix, is the message. Any other
    /// text is a help, version or completion request (success, printed whole), or an error
    /// without a message.
    static func report(for error: any Error) -> (line: String, status: Int32) {
        if let code = error as? ExitCode { return ("", code.rawValue) }
        if error is RuntimeFailure { return ("\(error)".displaySafe, 1) }
        if let message = validationMessage(error) { return (oneLine(message), 2) }
        let text = fullMessage(for: error)
        if text.hasPrefix(_errorPrefix) { return (oneLine(String(text.dropFirst(_errorPrefix.count))), 2) }
        if exitCode(for: error) == .success { return (text, 0) }
        return (oneLine(message(for: error)), 2)
    }

    /// The message of a `ValidationError` thrown by a command's or an option group's `validate()`
    /// or after parsing (`checkedCommand`); nil for any other error. ArgumentParser would follow
    /// it with the usage text, which `oneLine` cuts off, so that text is not built. Its parser
    /// wraps the error (`parserError: .userValidationError(error)`) in types of its own that it
    /// does not make public: they are read through `Mirror`, and should they change, this is nil
    /// and the full text is built as before.
    static func validationMessage(_ error: any Error) -> String? {
        if let error = error as? ValidationError { return error.message }
        func child(_ value: Any, _ label: String) -> Any? {
            Mirror(reflecting: value).children.first { $0.label == label }?.value
        }
        guard let parserError = child(error, "parserError"),
              let wrapped = child(parserError, "userValidationError") as? ValidationError else { return nil }
        return wrapped.message
    }

    static func exit(withError error: any Error) -> Never {
        let (line, status) = report(for: error)
        if status == 0 {
            Output.print(line)
        } else if !line.isEmpty {
            Output.printError("nndash: \(line)")
        }
        Foundation.exit(status)
    }

    /// ArgumentParser's message without its help and usage lines, made safe to print: a value
    /// the user typed may hold newlines or escape sequences.
    static func oneLine(_ message: String) -> String {
        var text = Self.trimmed(message)
        for marker in ["\nHelp:", "\nUsage:"] {
            if let range = text.range(of: marker) { text = String(text[..<range.lowerBound]) }
        }
        // A long list of accepted values comes one a line after the value typed: keep it on the line.
        if let list = text.range(of: "Please provide one of the following:", options: .backwards) {
            let values = text[list.upperBound...].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("- ") }.map { "'\($0.dropFirst(2))'" }
            text = text[..<list.lowerBound] + "Please provide one of " + values.joined(separator: ", ") + "."
        }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines).displaySafe
        return text.isEmpty ? "invalid input" : text
    }

    /// The word of `nndash help WORD...` that names no command (ArgumentParser would print the
    /// top-level help and succeed); nil when the help asked for exists.
    static func unknownHelpTopic(_ arguments: [String]) -> String? {
        guard arguments.first == "help" else { return nil }
        var command: any ParsableCommand.Type = Nndash.self
        for word in arguments.dropFirst() where !word.hasPrefix("-") {
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == word }) else {
                return word
            }
            command = next
        }
        return nil
    }

    /// `--opt -1` becomes `--opt=-1`: ArgumentParser takes a word starting with a dash for an
    /// option, so it would report a missing value instead of naming the bad value.
    static func joiningNegativeValues(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            if word == "--" { return out + arguments[i...] }
            if word.hasPrefix("--"), !word.contains("="), i + 1 < arguments.count,
               looksNegative(arguments[i + 1]) {
                out.append(word + "=" + arguments[i + 1])
                i += 2
            } else {
                out.append(word)
                i += 1
            }
        }
        return out
    }

    /// A negative number as a person would type it: `-1`, `-0.5`, `-.5`, `-1e3`, `-inf`, `-nan`.
    static func looksNegative(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word.count > 1 else { return false }
        let rest = word.dropFirst().lowercased()
        return rest.first.map { $0.isNumber || $0 == "." } == true || rest.hasPrefix("inf") || rest.hasPrefix("nan")
    }

    /// ArgumentParser's messages start with "Error: "; ours start with the program's name.
    static func trimmed(_ message: String) -> String {
        message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
    }
}

/// A failure while running (not a usage error): exit status 1.
struct RuntimeFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
