import ArgumentParser
import Foundation
import NNRuns

/// `nndash replay RUN_DIR`: a recorded study read back from its run folder.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read back a run folder recorded by a study.",
        discussion: "Prints each curve's last point, or with --json the study report.")

    @Argument(help: "A run folder (holding run.json and metrics.jsonl).")
    var runDir: String

    @Flag(help: "Print the study report as JSON: {study, params, series, summary}.")
    var json = false

    func run() throws {
        let folder: RunFolder
        do {
            folder = try RunFolder.load(URL(fileURLWithPath: runDir))
        } catch {
            FileHandle.standardError.write(Data("nndash replay: \(error.description.displaySafe)\n".utf8))
            throw ExitCode(2)
        }
        for warning in folder.warnings {
            FileHandle.standardError.write(Data("nndash replay: \(warning.displaySafe)\n".utf8))
        }
        if json {
            FileHandle.standardOutput.write(Data((folder.report.json.prettyText() + "\n").utf8))
            return
        }
        var text = "\(folder.report.study.displaySafe)\n"
        for series in folder.report.series {
            let last = series.x.last.map { "step \(Int($0)): \(series.y[series.y.count - 1])" } ?? "no points"
            text += "  \(series.label.displaySafe) \((series.panel ?? "").displaySafe)  \(series.x.count) points, \(last)\n"
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
