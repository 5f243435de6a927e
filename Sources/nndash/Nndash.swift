import ArgumentParser
import Foundation

/// The `nndash` command: training studies drawn live in the terminal.
@main
struct Nndash: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nndash",
        abstract: "Training visualization in the terminal: live studies and live logs.",
        version: "0.1.0",
        subcommands: [
            Sweep.self, GD.self, Momentum.self, Optimizers.self, Activations.self, InitStudy.self, Losses.self,
            Regression.self, Backprop.self, Train.self, LRFind.self, Watch.self, Replay.self, Parity.self,
            Bench.self,
        ])

    /// Runs the command line; a usage error is one line on standard error and exit status 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    static func exit(withError error: any Error) -> Never {
        let code = exitCode(for: error)
        if code == .success {
            print(fullMessage(for: error))
            Foundation.exit(0)
        }
        if error is ExitCode {
            Foundation.exit(code.rawValue)
        }
        if error is RuntimeFailure {
            FileHandle.standardError.write(Data("nndash: \(error)\n".utf8))
            Foundation.exit(1)
        }
        let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid input"
        FileHandle.standardError.write(Data("nndash: \(Self.trimmed(message))\n".utf8))
        Foundation.exit(2)
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
