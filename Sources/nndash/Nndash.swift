import ArgumentParser

/// The `nndash` command: training studies drawn live in the terminal.
@main
struct Nndash: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nndash",
        abstract: "Training visualization in the terminal: live studies and live logs.",
        version: "0.1.0",
        subcommands: [Watch.self, Replay.self])
}
