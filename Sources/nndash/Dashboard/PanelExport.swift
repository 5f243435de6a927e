import Foundation
import NNCharts
import NNRuns
import NNText

/// Writes a panel drawn as text (`e`) to the working folder, named as run folders are:
/// `sweep-20261202-110203.txt`, `-2`, `-3`... after it when that name is taken.
enum PanelExport {
    /// The file name for an export of `study` at `date`, the first that `exists` says is free.
    static func fileName(study: String, date: Date = Date(), exists: (String) -> Bool = PanelExport.exists) -> String {
        let stem = Recorder.runName(study: study, date: date)
        var name = stem + ".txt"
        var n = 2
        while exists(name) {
            name = "\(stem)-\(n).txt"
            n += 1
        }
        return name
    }

    static func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: name) }

    /// Writes `buffer` as plain text; returns the footer's message, where it went or why it did not.
    static func write(_ buffer: Buffer, study: String) -> String {
        let name = fileName(study: study)
        do {
            try Output.export(buffer.plainText + "\n", toFile: name)
            return "exported to \(name)"
        } catch {
            return "export failed: \(error)"
        }
    }
}
