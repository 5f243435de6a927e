import Foundation
import NNCharts
import NNRuns
import NNText

/// Writes the selected panel (`e`) to the working folder, named as run folders are: the panel
/// as text (`sweep-20261202-110203.txt`) and, for a chart of lines, its data as CSV and the
/// chart as SVG under the same name (`.csv`, `.svg`); `-2`, `-3`... after the name when it is
/// taken.
enum PanelExport {
    /// The extensions an export of a chart of lines writes; other panels write only the first.
    static let extensions = ["txt", "csv", "svg"]

    /// The name, without extension, for an export of `study` at `date`: the first for which
    /// `exists` says no file of any of `extensions` is there.
    static func stem(study: String, date: Date = Date(), exists: (String) -> Bool = PanelExport.exists) -> String {
        let base = Recorder.runName(study: study, date: date)
        var stem = base
        var n = 2
        while extensions.contains(where: { exists("\(stem).\($0)") }) {
            stem = "\(base)-\(n)"
            n += 1
        }
        return stem
    }

    static func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: name) }

    /// Writes `buffer` as plain text and, when the panel is a chart of lines (`chart`), its
    /// data as CSV and the chart as SVG (on `palette`'s page); returns the footer's message, where they went or why not.
    /// - Parameter folder: where the files go, the working folder unless a test says otherwise.
    static func write(_ buffer: Buffer, chart: ChartData?, study: String, folder: String = ".",
                      palette: Palette = .standard) -> String {
        let path = { (name: String) in folder == "." ? name : folder + "/" + name }
        let stem = stem(study: study, exists: { exists(path($0)) })
        do {
            try Output.export(buffer.plainText + "\n", toFile: path(stem + ".txt"))
            guard let chart else { return "exported to \(stem).txt" }
            try Output.export(chart.csv, toFile: path(stem + ".csv"))
            try Output.export(SVGChart(chart, palette: palette).text, toFile: path(stem + ".svg"))
            return "exported to \(stem).txt, .csv, .svg"
        } catch {
            return "export failed: \(error)"
        }
    }
}
