import Foundation

/// Reads one metric file of MLflow's file store (`mlruns/<experiment>/<run>/metrics/<key>`)
/// incrementally: one line per logged value, `timestamp value step` (milliseconds since 1970),
/// or `timestamp value` (step 0) from old versions, or `timestamp value step dataset digest`.
/// Every point goes to the series named after the key.
///
/// Format: `mlflow/store/tracking/file_store.py` (`_get_metric_from_line`). Unlike MLflow's
/// reader, which gives 5-field lines step 0, nndash keeps the step they record.
struct MLflowMetricParser: TextLogParser {
    /// Lines longer than this are skipped, so that a runaway line cannot exhaust memory.
    static let maximumLineLength = 4096

    private let tag: [UInt8]
    private var seriesIndex: Int?
    private var lines = LineSplitter(
        maximumLength: maximumLineLength,
        tooLong: .init("MLflow metric line longer than 4 KiB skipped", "MLflow metric lines longer than 4 KiB skipped"))
    /// The 0-based number of the line being read.
    private var line: Int { lines.line }

    /// - Parameter tag: the metric's key (its path below `metrics/`).
    init(tag: String) { self.tag = Array(tag.utf8) }

    mutating func read(_ bytes: UnsafeRawBufferPointer, atEnd: Bool, file: String, into run: inout LogRun) -> Int {
        var i = 0
        while let (text, _) = lines.next(bytes, from: &i, atEnd: atEnd, file: file, into: &run) {
            readLine(text, file: file, into: &run)
        }
        return i
    }

    private mutating func readLine(_ text: UnsafeRawBufferPointer, file: String, into run: inout LogRun) {
        if text.allSatisfy(DecimalText.isSpace) { return }
        var fields: [UnsafeRawBufferPointer] = []
        var start: Int?
        for k in 0...text.count {
            let isSeparator = k == text.count || DecimalText.isSpace(text[k])
            if isSeparator, let s = start {
                fields.append(UnsafeRawBufferPointer(rebasing: text[s..<k]))
                start = nil
            } else if !isSeparator, start == nil {
                start = k
            }
            if fields.count > 5 { break }
        }
        guard [2, 3, 5].contains(fields.count), let timestamp = DecimalText.step(fields[0]),
            let value = DecimalText.double(fields[1])
        else {
            run.problems.add(.init("MLflow metric line that is not `timestamp value step` skipped", "MLflow metric lines that are not `timestamp value step` skipped"), at: "\(file) line \(line + 1)")
            return
        }
        var step: Int64 = 0
        if fields.count >= 3 {
            guard let s = DecimalText.step(fields[2]) else {
                run.problems.add(.init("MLflow metric line whose step is not an integer skipped", "MLflow metric lines whose step is not an integer skipped"), at: "\(file) line \(line + 1)")
                return
            }
            step = s
        }
        let index: Int
        if let seriesIndex {
            index = seriesIndex
        } else {
            guard let made = tag.withUnsafeBytes({ run.scalarIndex($0, place: "\(file) line \(line + 1)") }) else { return }
            index = made
            seriesIndex = index
        }
        run.appendPreempting(index, step: step, value: value, wallTime: Double(timestamp) / 1000,
                             place: "\(file) line \(line + 1)")
    }
}
