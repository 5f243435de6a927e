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
    /// The system call that appends bytes to the metrics files (tests make it fail like a full disk).
    var writeBytes: (Int32, UnsafeRawPointer, Int) -> Int = { Foundation.write($0, $1, $2) }

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

    /// `./runs/<study>-<yyyyMMdd-HHmmss>`: the name a run folder starts from (`createFolder`
    /// adds `-2`, `-3`... when it is taken).
    public static func defaultFolder(study: String, date: Date = Date(), under base: URL? = nil) -> URL {
        let base = base ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("runs")
        return base.appendingPathComponent(runName(study: study, date: date))
    }

    /// `<study>-<yyyyMMdd-HHmmss>` (UTC): the name of a run folder, and of what a dashboard
    /// exports (with an extension), so files of one moment sort and read alike.
    public static func runName(study: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let safeStudy = String(study.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        return "\(safeStudy)-\(formatter.string(from: date))"
    }

    /// Creates a new, empty run folder for `study` under `base` and returns it.
    ///
    /// The folder is made with `mkdir(2)`, which fails when the name exists, so two runs
    /// started in the same second (in one process or several) never share a folder: the one
    /// that finds its name taken tries `-2`, `-3`, ... until its own `mkdir` succeeds.
    public static func createFolder(study: String, date: Date = Date(), under base: URL? = nil) throws(RunFolderError) -> URL {
        let first = defaultFolder(study: study, date: date, under: base)
        let parent = first.deletingLastPathComponent()
        let made = makeFolders(parent.path)
        guard made == 0 else {
            throw RunFolderError(description: "cannot create the runs folder \(parent.path.displaySafe): \(String(cString: strerror(made)))")
        }
        for n in 1...100_000 {
            let candidate = n == 1 ? first : parent.appendingPathComponent("\(first.lastPathComponent)-\(n)")
            if mkdir(candidate.path, 0o755) == 0 { return candidate }
            guard errno == EEXIST else {
                throw RunFolderError(description: "cannot create the run folder \(candidate.path.displaySafe): \(String(cString: strerror(errno)))")
            }
        }
        throw RunFolderError(description: "every run folder name from \(first.path.displaySafe) on is taken")
    }

    /// Makes the folder at `path` and any missing parents, as `mkdir -p` does; returns 0, or
    /// the `errno` of the call that failed (a read-only disk, a file in the way), so the
    /// reason can be told.
    private static func makeFolders(_ path: String) -> Int32 {
        if mkdir(path, 0o755) == 0 { return 0 }
        var code = errno
        if code == ENOENT {
            let parent = (path as NSString).deletingLastPathComponent
            guard !parent.isEmpty, parent != path else { return code }
            let made = makeFolders(parent)
            guard made == 0 else { return made }
            if mkdir(path, 0o755) == 0 { return 0 }
            code = errno
        }
        var info = stat()
        if code == EEXIST { return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR ? 0 : ENOTDIR }
        return code
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
        let firstWithParams = params != nil && !seriesWithParams.contains(series)
        if let params, firstWithParams { line += ", \"params\": " + params.jsonText }
        for (name, value) in values {
            line += ", "
            JSONValue.writeString(name, into: &line)
            line += ": " + JSONValue.format(value)
        }
        line += "}\n"

        let newMetrics = values.map(\.0).filter { !metrics.contains($0) }
        if !newMetrics.isEmpty {
            try rewriteCSV(columns: metrics + newMetrics)
            metrics += newMetrics
        }
        var row = "\(step)," + Self.csvField(series)
        for name in metrics {
            row += ","
            if let value = values.last(where: { $0.0 == name })?.1 { row += "\(value)" }
        }
        // Both files get the record, or neither: a write cut short (a full disk) is taken back,
        // so no torn line is left for the next record to be glued to.
        let jsonLinesEnd = lseek(jsonLines, 0, SEEK_END), csvEnd = lseek(csv, 0, SEEK_END)
        do throws(RunFolderError) {
            try write(line, to: jsonLines, path: "metrics.jsonl")
            try write(row + "\n", to: csv, path: "metrics.csv")
        } catch {
            if jsonLinesEnd >= 0 { _ = ftruncate(jsonLines, jsonLinesEnd) }
            if csvEnd >= 0 { _ = ftruncate(csv, csvEnd) }
            throw error
        }
        if firstWithParams { seriesWithParams.insert(series) }
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

    /// Rewrites `metrics.csv` with the header of `columns` and an empty cell added to each row
    /// for every new column, then reopens it for appending.
    private func rewriteCSV(columns: [String]) throws(RunFolderError) {
        let url = folder.appendingPathComponent("metrics.csv")
        var text = "step,series," + columns.map(Self.csvField).joined(separator: ",") + "\n"
        if rows > 0 {
            guard let old = try? String(contentsOf: url, encoding: .utf8) else {
                throw RunFolderError(description: "cannot read \(url.path)")
            }
            let padding = String(repeating: ",", count: columns.count - metrics.count)
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

    /// Writes all of `text` with `writeBytes`, retrying short writes and interruptions.
    private func write(_ text: String, to fd: Int32, path: String) throws(RunFolderError) {
        do {
            try AtomicFile.writeAll(Data(text.utf8), to: fd, writer: writeBytes) { code in
                FileWriteError(path: path, reason: String(cString: strerror(code)))
            }
        } catch {
            throw RunFolderError(description: error.description)
        }
    }

    /// Replaces the file at `url` with `text` atomically: readers see the old file or the new one.
    private static func replace(_ url: URL, with text: String) throws(RunFolderError) {
        do {
            try AtomicFile.write(text, to: url)
        } catch {
            throw RunFolderError(description: error.description)
        }
    }
}
