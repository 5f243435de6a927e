import ArgumentParser
import Foundation
import NNRuns
import NNTerminal

/// `nndash replay RUN_DIR`: a recorded study read back from its run folder.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a run folder recorded by a study again.",
        discussion: """
            In a terminal, the run is shown in the study's dashboard (a chart per metric for \
            studies without one), rebuilt from the recorded series and their parameters; \
            space plays it back from the start or pauses, r restarts, the left and right \
            arrows step, + and - change the speed. With --plain, or when the output is not \
            a terminal, it is printed as text; with --json, as the study report. A run cut off \
            while writing shows every complete step, and a warning.
            """)

    @Argument(help: "A run folder (holding run.json and metrics.jsonl).")
    var runDir: String

    @Flag(help: "Print the study report as JSON: {study, params, series, summary}.")
    var json = false

    @Flag(help: "Print the charts and findings as text instead of the dashboard.")
    var plain = false

    func run() throws {
        let folder: RunFolder
        do {
            folder = try RunFolder.load(URL(fileURLWithPath: runDir))
        } catch {
            Output.printError("nndash replay: \(error.description)")
            throw ExitCode(2)
        }
        for warning in folder.warnings {
            Output.printError("nndash replay: \(warning)")
        }
        let study: RecordedStudy
        do {
            study = try RecordedStudy(folder)
        } catch {
            Output.printError("nndash replay: \(error.description)")
            throw ExitCode(2)
        }
        if json {
            Output.print(study.state.report.json.prettyText())
            return
        }
        if plain || isatty(STDOUT_FILENO) != 1 || isatty(STDIN_FILENO) != 1 {
            let text = PlainReport(screen: study.screen).text(for: study.state, unicode: localeIsUTF8())
            Output.print(text)
            return
        }
        let warning = folder.warnings.first.map { "warning: \($0.displaySafe)" }
        MainActor.assumeIsolated { () -> Void in ReplayApp(study: study, warning: warning).run() }
    }
}
