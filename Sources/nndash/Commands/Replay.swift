import ArgumentParser
import Foundation
import NNCharts
import NNRuns
import NNTerminal

/// `nndash replay RUN_DIR...`: a recorded study read back from its run folder, or several
/// runs of one study overlaid.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a run folder recorded by a study again, or several runs of one study overlaid.",
        discussion: """
            In a terminal, the run is shown in the study's dashboard (a chart per metric for \
            studies without one), rebuilt from the recorded series and their parameters; \
            space plays it back from the start or pauses, r restarts, the left and right \
            arrows step, + and - change the speed; a click selects a chart or toggles the legend \
            entry under it, the wheel zooms x around the pointer and a drag pans (--no-mouse \
            leaves the mouse to the terminal). With --plain, or when the output is not \
            a terminal, it is printed as text; with --json, as the study report. A run cut off \
            while writing shows every complete step, and a warning. Given several run folders of \
            the same study, their runs are drawn on the same charts, one colour per run, the \
            legend naming each run by its folder, and played back together.
            """)

    @Argument(help: ArgumentHelp("Run folders (each holding run.json and metrics.jsonl); several runs of one study are overlaid.",
                                 valueName: "run-dir"), completion: .directory)
    var runDir: [String] = []

    @Flag(help: "Print the study report as JSON: {study, params, series, summary} (an array of them for several runs).")
    var json = false

    @Flag(help: "Print the charts and findings as text instead of the dashboard.")
    var plain = false

    @OptionGroup var plainChart: PlainSizeOptions

    @Option(help: paletteHelp)
    var palette = Palette.Name.standard

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (its own text selection) instead of clicks, wheel zoom and drags.")
    var noMouse = false

    func validate() throws {
        guard !runDir.isEmpty else { throw ValidationError("Missing expected argument '<run-dir> ...'") }
    }

    func run() throws {
        var studies: [(name: String, study: RecordedStudy)] = []
        var warnings: [String] = []
        for dir in runDir {
            let folder: RunFolder
            do {
                folder = try RunFolder.load(URL(fileURLWithPath: dir))
            } catch {
                throw ValidationError(error.description)
            }
            for warning in folder.warnings {
                Output.printError("nndash replay: \(warning)")
                warnings.append(warning)
            }
            do {
                studies.append((Self.name(of: dir), try RecordedStudy(folder)))
            } catch {
                throw ValidationError(error.description)
            }
        }
        let source: any ReplaySource
        if studies.count == 1 {
            source = studies[0].study
        } else {
            do {
                source = try RecordedOverlay(studies)
            } catch {
                throw ValidationError(error.description)
            }
        }
        if json {
            let reports = studies.map(\.study.wholeState.report.json)
            Output.print((reports.count == 1 ? reports[0] : JSONValue.array(reports)).prettyText())
            return
        }
        if plain || isatty(STDOUT_FILENO) != 1 || isatty(STDIN_FILENO) != 1 {
            let size = plainChart.size
            Output.print(PlainReport(screen: source.screen, width: size.width, chartHeight: size.height)
                .text(for: source.wholeState, unicode: localeIsUTF8()))
            return
        }
        let warning = warnings.first.map { "warning: \($0.displaySafe)" }
        MainActor.assumeIsolated { () -> Void in ReplayApp(study: source, warning: warning, palette: palette.palette).run(mouse: !noMouse) }
    }

    /// A run's name in legends: its folder's name, display-safe.
    static func name(of dir: String) -> String {
        let name = URL(fileURLWithPath: dir).standardizedFileURL.lastPathComponent
        return (name.isEmpty ? dir : name).displaySafe
    }
}
