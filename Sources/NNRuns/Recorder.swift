import Foundation

/// Why a run folder cannot be written or read.
public struct RunFolderError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// Records a study's metrics into a run folder as they come, so that a killed process loses at
/// most the step in flight:
///
/// - `run.json`: `{"study", "params", "started"}` at start, plus `"summary"` and `"finished"`
///   after `close(summary:)` (replaced atomically, never torn);
/// - `metrics.jsonl`: one line per record, `{"step": 3, "series": "lr=0.0100", "loss": 1.23}`,
///   with `"params"` of the series on its first line;
/// - `metrics.csv`: `step,series,<metric>...`, one row per record (rewritten whole, atomically,
///   in the rare case a record brings a new metric, as Lightning's CSVLogger does).
///
/// Each record is one `write(2)` per file, unbuffered. Calls are serialized by a lock, so a
/// recorder made on one queue can be handed to the queue that runs the study.
public final class Recorder: @unchecked Sendable {
    public let folder: URL
    public let study: String
    public let params: JSONValue
    private let started: Date
    private var jsonLines: Int32
    private var csv: Int32
    private var metrics: [String] = []
    private var seriesWithParams: Set<String> = []
    private var rows: Int = 0
    private let lock = NSLock()

    /// Keys of a metrics line that are not metrics.
    public static let reservedNames: Set<String> = ["step", "series", "params"]

    /// Creates `folder` (and its parents) and writes `run.json`.
    public init(folder: URL, study: String, params: JSONValue) throws(RunFolderError) {
        self.folder = folder
        self.study = study
        self.params = params
        self.started = Date()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RunFolderError(description: "cannot create the run folder \(folder.path)")
        }
        jsonLines = -1
        csv = -1
        try writeRunFile(extra: [])
        jsonLines = try Self.openForAppending(folder.appendingPathComponent("metrics.jsonl"))
        csv = try Self.openForAppending(folder.appendingPathComponent("metrics.csv"))
    }

    deinit {
        if jsonLines >= 0 { Foundation.close(jsonLines) }
        if csv >= 0 { Foundation.close(csv) }
    }

    /// `./runs/<study>-<yyyyMMdd-HHmmss>` (with `-2`, `-3`... if taken): where runs go by default.
    public static func defaultFolder(study: String, date: Date = Date(), under base: URL? = nil) -> URL {
        let base = base ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("runs")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let safeStudy = String(study.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        let name = "\(safeStudy)-\(formatter.string(from: date))"
        var candidate = base.appendingPathComponent(name)
        var n = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = base.appendingPathComponent("\(name)-\(n)")
            n += 1
        }
        return candidate
    }

    /// Appends one step of one series.
    /// - Parameters:
    ///   - series: the curve's label, e.g. `lr=0.0100`.
    ///   - params: the curve's parameters, written with its first record.
    ///   - step: the x value.
    ///   - values: the metrics at this step, e.g. `[("loss", 1.23)]`; names must not be
    ///     `step`, `series` or `params`.
    public func record(series: String, params: JSONValue? = nil, step: Int, values: [(String, Double)]) throws(RunFolderError) {
        lock.lock()
        defer { lock.unlock() }
        guard jsonLines >= 0 else { throw RunFolderError(description: "the recorder of \(folder.path) is closed") }
        if let bad = values.first(where: { Self.reservedNames.contains($0.0) }) {
            throw RunFolderError(description: "a metric cannot be named \(bad.0)")
        }
        var line = "{\"step\": \(step), \"series\": "
        JSONValue.writeString(series, into: &line)
        if let params, !seriesWithParams.contains(series) {
            seriesWithParams.insert(series)
            line += ", \"params\": " + params.jsonText
        }
        for (name, value) in values {
            line += ", "
            JSONValue.writeString(name, into: &line)
            line += ": " + JSONValue.format(value)
        }
        line += "}\n"
        try Self.write(line, to: jsonLines, path: "metrics.jsonl")

        let newMetrics = values.map(\.0).filter { !metrics.contains($0) }
        if !newMetrics.isEmpty {
            metrics += newMetrics
            try rewriteCSV(newColumns: newMetrics.count)
        }
        var row = "\(step)," + Self.csvField(series)
        for name in metrics {
            row += ","
            if let value = values.last(where: { $0.0 == name })?.1 { row += "\(value)" }
        }
        try Self.write(row + "\n", to: csv, path: "metrics.csv")
        rows += 1
    }

    /// Finishes the run: writes `summary` and the finish time into `run.json`, closes the files.
    public func close(summary: JSONValue = [:]) throws(RunFolderError) {
        lock.lock()
        defer { lock.unlock() }
        guard jsonLines >= 0 else { return }
        Foundation.close(jsonLines)
        Foundation.close(csv)
        jsonLines = -1
        csv = -1
        try writeRunFile(extra: [("summary", summary), ("finished", .string(Self.timestamp(Date())))])
    }

    private static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    private func writeRunFile(extra: [(String, JSONValue)]) throws(RunFolderError) {
        let document = JSONValue.object(
            [("study", .string(study)), ("params", params), ("started", .string(Self.timestamp(started)))] + extra)
        try Self.replace(folder.appendingPathComponent("run.json"), with: document.prettyText() + "\n")
    }

    /// Rewrites `metrics.csv` with the header of `metrics` and `newColumns` empty cells added to
    /// each row, then reopens it for appending.
    private func rewriteCSV(newColumns: Int) throws(RunFolderError) {
        let url = folder.appendingPathComponent("metrics.csv")
        var text = "step,series," + metrics.map(Self.csvField).joined(separator: ",") + "\n"
        if rows > 0 {
            guard let old = try? String(contentsOf: url, encoding: .utf8) else {
                throw RunFolderError(description: "cannot read \(url.path)")
            }
            let padding = String(repeating: ",", count: newColumns)
            for line in old.split(separator: "\n").dropFirst() { text += line + padding + "\n" }
        }
        try Self.replace(url, with: text)
        Foundation.close(csv)
        csv = try Self.openForAppending(url)
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func openForAppending(_ url: URL) throws(RunFolderError) -> Int32 {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RunFolderError(description: "cannot open \(url.path) for writing") }
        return fd
    }

    /// Writes all of `text` with `write(2)`, retrying short writes and interruptions.
    private static func write(_ text: String, to fd: Int32, path: String) throws(RunFolderError) {
        var failed = false
        var text = text
        text.withUTF8 { bytes in
            var done = 0
            while done < bytes.count {
                let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                done += n
            }
        }
        if failed { throw RunFolderError(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    /// Replaces the file at `url` with `text` atomically (a temporary file renamed over it).
    private static func replace(_ url: URL, with text: String) throws(RunFolderError) {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw RunFolderError(description: "cannot write \(url.path)")
        }
    }
}
