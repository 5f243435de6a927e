import Foundation

/// Reads one metric file of MLflow's file store (`mlruns/<experiment>/<run>/metrics/<key>`)
/// incrementally: one line per logged value, `timestamp value step` (milliseconds since 1970),
/// or `timestamp value` (step 0) from old versions, or `timestamp value step dataset digest`.
/// Every point goes to the series named after the key.
///
/// Format: `mlflow/store/tracking/file_store.py` (`_get_metric_from_line`). Unlike MLflow's
/// reader, which gives 5-field lines step 0, nndash keeps the step they record.
struct MLflowMetricParser {
    /// Lines longer than this are skipped, so that a runaway line cannot exhaust memory.
    static let maximumLineLength = 4096

    private let tag: [UInt8]
    private var seriesIndex: Int?
    private var line = 0
    private var skippingLongLine = false

    /// - Parameter tag: the metric's key (its path below `metrics/`).
    init(tag: String) { self.tag = Array(tag.utf8) }

    mutating func consume(_ bytes: UnsafeRawBufferPointer, offset: Int64, file: String, into run: inout LogRun) -> Int {
        read(bytes, atEnd: false, file: file, into: &run)
    }

    /// Reads the last line even without its newline, at the end of a file read once.
    mutating func finish(_ bytes: UnsafeRawBufferPointer, file: String, into run: inout LogRun) {
        _ = read(bytes, atEnd: true, file: file, into: &run)
    }

    private mutating func read(_ bytes: UnsafeRawBufferPointer, atEnd: Bool, file: String, into run: inout LogRun) -> Int {
        var i = 0
        let n = bytes.count
        while i < n {
            let newline = bytes[i...].firstIndex(of: UInt8(ascii: "\n"))
            if skippingLongLine {
                guard let newline else { return n }
                skippingLongLine = false
                line += 1
                i = newline + 1
                continue
            }
            let end = newline ?? n
            if end - i > Self.maximumLineLength {
                run.problems.add(.init("MLflow metric line longer than 4 KiB skipped", "MLflow metric lines longer than 4 KiB skipped"), at: "\(file) line \(line + 1)")
                skippingLongLine = true
                continue
            }
            guard newline != nil || atEnd else { break }
            readLine(UnsafeRawBufferPointer(rebasing: bytes[i..<end]), file: file, into: &run)
            line += 1
            i = min(n, end + 1)
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
