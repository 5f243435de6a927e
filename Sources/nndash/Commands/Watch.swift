import ArgumentParser
import Foundation
import NNCharts
import NNRuns
import NNTerminal

/// `nndash watch PATH...`: curves of training runs written by other programs.
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Follow training logs: TensorBoard, MLflow, W&B offline runs, CSV logs, JSON lines.",
        discussion: """
            A PATH is a log file, or a folder searched recursively for runs (a folder of event \
            files, an MLflow run folder, a W&B run folder, or one log file); links are \
            followed. In a terminal, the runs are drawn live: one chart per \
            tag with every run overlaid, a table of each curve's last, min and max, and \
            histograms over time (press ? for the keys; the mouse selects, toggles legend \
            entries, zooms and pans unless --no-mouse). With --json, everything is read once \
            and printed as JSON; with --plain, as text (each chart --columns wide and --lines \
            high, then the table). When the output is not a terminal, each change is printed \
            as a line: NAME [FORMAT] step=S TAG=VALUE..., the tags whose newest value at step S \
            is new since the last line, values in three significant digits as in the table; \
            what was skipped is said on standard error. In a chart, a NaN is ✕ on the x axis, +inf ▲ on the top row and -inf ▼ on the \
            bottom row, each at its step, and the line resumes after it; the legend's value is the \
            newest point read, as in the table; steps get whole-number ticks.
            """)

    @Argument(help: "Log files, folders of runs, or MLflow tracking servers (mlflow+http://HOST:PORT[/EXPERIMENT]).", completion: .file())
    var paths: [String]

    @Flag(help: "Read everything once, print the runs as JSON and exit.")
    var json = false

    @Flag(help: "Read everything once, print the charts and the table as text and exit.")
    var plain = false

    @OptionGroup var plainChart: PlainSizeOptions

    @Option(help: ArgumentHelp("Charts in ROWSxCOLUMNS on each page (1 to 9 each, e.g. 2x3; default: as many as fit; g and G change it).",
                               valueName: "RxC"), transform: Self.grid)
    var grid: WatchGrid?

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (its own text selection) instead of clicks, wheel zoom and drags.")
    var noMouse = false

    /// The range of `--interval`: shorter would spend a core re-reading files.
    static let intervalRange = 0.01...3600.0

    @Option(help: "Seconds between two reads when following (0.01 to 3600).")
    var interval: Double = 0.25

    @Option(help: paletteHelp)
    var palette = Palette.Name.standard

    /// `--grid`'s rows and columns.
    /// - Throws: `ValidationError` saying what a grid is.
    static func grid(_ text: String) throws -> WatchGrid {
        guard let grid = WatchGrid(text) else {
            throw ValidationError("not ROWSxCOLUMNS, each 1 to \(WatchGrid.largest) (e.g. 2x3)")
        }
        return grid
    }

    func validate() throws {
        guard Self.intervalRange.contains(interval) else {
            throw ValidationError("--interval must be between 0.01 and 3600 seconds, got \(interval)")
        }
        if plain && json { throw ValidationError("--plain and --json cannot be used together") }
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
            } else if plain {
                let watcher = try RunWatcher.readOnce(paths: paths)
                var curves = WatchCurves()
                curves.update(from: watcher.runs)
                var screen = WatchScreen()
                screen.palette = palette.palette
                screen.view.grid = grid
                screen.show(curves)
                var out = Output.standardOutput
                out.write(screen.plainText(size: plainChart.size,
                                           unicode: localeIsUTF8()))
                out.flush()
                for warning in watcher.warnings { Output.printError("nndash watch: \(warning)") }
                nothingRead = watcher.runs.isEmpty && !watcher.problems.isEmpty
            } else if isatty(STDOUT_FILENO) == 1 && isatty(STDIN_FILENO) == 1 {
                let watcher = try RunWatcher(paths: paths)
                MainActor.assumeIsolated { () -> Void in
                    WatchApp().run(watcher: watcher, interval: interval, palette: palette.palette,
                                   grid: grid, mouse: !noMouse)
                }
            } else {
                try follow()
            }
        } catch {
            throw ValidationError(error.description)
        }
        if nothingRead { throw ValidationError("no run could be read (what was skipped is named above)") }
    }

    /// Prints, until interrupted, a line per run and step with the values that changed since
    /// the last print (`WatchLines`); what was skipped or repaired goes to standard error, a
    /// warning again each time its count grows.
    private func follow() throws(WatchError) {
        let watcher = try RunWatcher(paths: paths)
        var out = Output.standardOutput
        var shown = Set<String>()
        var lines = WatchLines()
        while true {
            let update = watcher.poll()
            // A warning whose count grew is a new line: it says how many so far.
            for warning in watcher.warnings where shown.insert(warning).inserted { Output.printError("nndash watch: \(warning)") }
            for line in lines.lines(for: watcher.runs, changed: update.added + update.grew, restarted: update.restarted) {
                out.write(line + "\n")
            }
            out.flush()
            Thread.sleep(forTimeInterval: interval)
        }
    }
}
