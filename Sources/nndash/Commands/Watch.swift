import ArgumentParser
import Foundation
import NNCharts
import NNRuns

/// `nndash watch PATH...`: curves of training runs written by other programs.
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Follow training logs: TensorBoard, MLflow, W&B offline runs, CSV logs, JSON lines.",
        discussion: """
            A PATH is a log file, or a folder searched recursively for runs (a folder of event \
            files, an MLflow run folder, a W&B run folder, or one log file); links are \
            followed. In a terminal, the runs are drawn live: one chart per \
            tag with every run overlaid, a table of each curve's last, min and max, and \
            histograms over time (press ? for the keys). With --json, everything is read once \
            and printed as JSON; when the output is not a terminal, each change is printed as \
            a line. In a chart, a NaN is ✕ on the x axis, +inf ▲ on the top row and -inf ▼ on the \
            bottom row, each at its step, and the line resumes after it; the legend's value is the \
            newest point read, as in the table; steps get whole-number ticks.
            """)

    @Argument(help: "Log files, folders of runs, or MLflow tracking servers (mlflow+http://HOST:PORT[/EXPERIMENT]).")
    var paths: [String]

    @Flag(help: "Read everything once, print the runs as JSON and exit.")
    var json = false

    /// The range of `--interval`: shorter would spend a core re-reading files.
    static let intervalRange = 0.01...3600.0

    @Option(help: "Seconds between two reads when following (0.01 to 3600).")
    var interval: Double = 0.25

    @Option(help: paletteHelp)
    var palette = Palette.Name.standard.rawValue

    func validate() throws {
        try validatePalette(palette)
        guard Self.intervalRange.contains(interval) else {
            throw ValidationError("--interval must be between 0.01 and 3600 seconds, got \(interval)")
        }
    }

    /// Exit status 2 for a path that cannot be watched, and for `--json` when nothing could be
    /// read but something could not; what could not be read is named on standard error.
    func run() throws {
        var nothingRead = false
        do {
            if json {
                let watcher = try RunWatcher.readOnce(paths: paths)
                var out = Output.standardOutput
                LogRun.writeJSON(watcher.runs, to: &out)
                out.flush()
                for problem in watcher.problems { Output.printError("nndash watch: \(problem)") }
                nothingRead = watcher.runs.isEmpty && !watcher.problems.isEmpty
            } else if isatty(STDOUT_FILENO) == 1 && isatty(STDIN_FILENO) == 1 {
                let watcher = try RunWatcher(paths: paths)
                MainActor.assumeIsolated { () -> Void in WatchApp().run(watcher: watcher, interval: interval, palette: Palette.named(palette) ?? .standard) }
            } else {
                try follow()
            }
        } catch {
            Output.printError("nndash watch: \(error.description)")
            throw ExitCode(2)
        }
        if nothingRead { throw ExitCode(2) }
    }

    /// Prints one line per run that changed, with its latest values, until interrupted.
    private func follow() throws(WatchError) {
        let watcher = try RunWatcher(paths: paths)
        var out = Output.standardOutput
        var shown = Set<String>()
        while true {
            let update = watcher.poll()
            // A warning whose count grew is a new line: it says how many so far.
            for warning in watcher.warnings where shown.insert(warning).inserted { Output.printError("nndash watch: \(warning)") }
            for r in update.added + update.restarted + update.grew {
                let run = watcher.runs[r]
                let latest = run.scalars.compactMap { s in
                    s.values.last.map { "\(s.tag)=\($0)" }
                }
                out.write("\(run.name) [\(run.format.rawValue)] \(latest.joined(separator: " "))\n")
            }
            out.flush()
            Thread.sleep(forTimeInterval: interval)
        }
    }
}
