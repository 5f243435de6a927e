import Foundation

/// A run folder written by `Recorder`, read back as the study's report.
public struct RunFolder: Sendable {
    /// The recorded study: one `Series` per (series label, metric), whose panel is the metric's
    /// name and whose x values are the steps, in the order they first appeared.
    public var report: StudyReport
    /// What was skipped while reading (a torn last line of a killed run, damaged lines).
    public var warnings: [String]

    /// The largest `run.json` read (a study's parameters and summary: a few KiB).
    public static let maximumRunFileSize = 16 << 20
    /// The largest `metrics.jsonl` read.
    public static let maximumMetricsSize = 1 << 30

    /// Reads `run.json` and `metrics.jsonl` of `folder`.
    /// - Throws: `RunFolderError` when `run.json` is missing or not a run description, or
    ///   when either file cannot be read (not a regular file, too large, unreadable): a report
    ///   without its metrics would show nothing.
    public static func load(_ folder: URL) throws(RunFolderError) -> RunFolder {
        let runFile = folder.appendingPathComponent("run.json").path
        let runData: [UInt8], metrics: [UInt8]
        do {
            runData = try RegularFile.read(runFile, maximumSize: maximumRunFileSize)
        } catch {
            if error.isMissing { throw RunFolderError(description: "not a run folder (no run.json): \(folder.path)") }
            throw RunFolderError(description: "cannot read \(error)")
        }
        do {
            metrics = try RegularFile.read(folder.appendingPathComponent("metrics.jsonl").path, maximumSize: maximumMetricsSize)
        } catch {
            throw RunFolderError(description: "cannot read \(error)")
        }
        return try parse(runJSON: runData, metrics: metrics, runFile: runFile)
    }

    /// Reads a run description and its metrics lines held in memory, as `load` reads them
    /// from a folder; the entry point for fuzzing the run-folder reader.
    /// - Throws: `RunFolderError` when `runJSON` is not a run description.
    public static func parse(runJSON: [UInt8], metrics: [UInt8], runFile: String = "run.json") throws(RunFolderError) -> RunFolder {
        guard let run = try? JSONValue(parsing: runJSON), let study = run["study"]?.stringValue else {
            throw RunFolderError(description: "not a run description: \(runFile)")
        }
        var report = StudyReport(study: study, params: run["params"] ?? [:], summary: run["summary"] ?? [:])
        var problems = LogWarnings()
        read(metrics, into: &report, problems: &problems)
        return RunFolder(report: report, warnings: problems.messages)
    }

    /// Reads metrics lines into `report`; the entry point for fuzzing the run-folder reader.
    public static func parse(_ metrics: [UInt8]) -> RunFolder {
        var report = StudyReport(study: "", params: [:])
        var problems = LogWarnings()
        read(metrics, into: &report, problems: &problems)
        return RunFolder(report: report, warnings: problems.messages)
    }

    /// The warning for lines whose step is not after their series' previous one. One recorder
    /// writes each series' steps in increasing order, so such lines come from a second run
    /// written into the same folder; they are skipped rather than merged into the first run.
    static let outOfOrderWarning = LogWarnings.Kind(
        "line whose step is not after its series' previous one skipped (two runs written to one folder?)",
        "lines whose step is not after their series' previous one skipped (two runs written to one folder?)")

    private static func read(_ bytes: [UInt8], into report: inout StudyReport, problems: inout LogWarnings) {
        var index: [String: Int] = [:]
        // The last step of each series of `report`, by its index.
        var lastStep: [Int?] = []
        var seriesParams: [String: JSONValue] = [:]
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() {
            let isLast = number == lines.count - 1
            if line.allSatisfy(DecimalText.isSpace) { continue }
            let place = "metrics.jsonl line \(number + 1)"
            guard line.count <= JSONLinesParser.maximumLineLength, let object = try? JSONValue(parsing: line),
                let label = object["series"]?.stringValue, let step = object["step"]?.intValue,
                let members = object.objectValue
            else {
                problems.add(isLast ? .init("torn last line ignored (the run was stopped while writing)", "torn last lines ignored (the run was stopped while writing)")
                    : .init("damaged line skipped", "damaged lines skipped"),
                    at: place)
                continue
            }
            if let params = object["params"], seriesParams[label] == nil { seriesParams[label] = params }
            var outOfOrder = false
            for (name, value) in members where !Recorder.reservedNames.contains(name) {
                guard let y = value.doubleValue else { continue }
                let key = label + "\u{0}" + name
                let i: Int
                if let known = index[key] {
                    i = known
                } else {
                    i = report.series.count
                    index[key] = i
                    report.series.append(Series(label: label, params: seriesParams[label] ?? [:], panel: name))
                    lastStep.append(nil)
                }
                if let last = lastStep[i], step <= last {
                    outOfOrder = true
                    continue
                }
                lastStep[i] = step
                report.series[i].append(step: Int64(step), value: y, wallTime: nil)
            }
            if outOfOrder { problems.add(outOfOrderWarning, at: place) }
        }
    }
}
