import Foundation

/// A reader of one log format, fed a file's bytes as they arrive (`LogFollower`), or a whole
/// log at once (`LogRun.parse`).
protocol LogParser {
    /// Reads the complete records at the start of `bytes` (which start at `offset` in `file`)
    /// into `run`; returns how many bytes were used. Unused bytes must be offered again.
    mutating func consume(_ bytes: UnsafeRawBufferPointer, offset: Int64, file: String, into run: inout LogRun) -> Int
    /// Reads or reports `rest`, the bytes left at the end of a file that is not followed.
    mutating func finish(_ rest: UnsafeRawBufferPointer, offset: Int64, file: String, into run: inout LogRun)
}

/// The parser of `format`.
/// - Parameter tag: the series an MLflow metric file holds.
func logParser(_ format: LogFormat, tag: String = "") -> any LogParser {
    switch format {
    case .tensorboard: EventFileParser()
    case .csv: CSVLogParser()
    case .jsonl: JSONLinesParser()
    case .mlflow: MLflowMetricParser(tag: tag)
    case .wandb: WandbLogParser()
    }
}

/// A text log read row by row: `read` does the work; at the end of a file that is not
/// followed it also reads a last row without its newline.
protocol TextLogParser: LogParser {
    /// Reads the complete rows at the start of `bytes`, and when `atEnd` the last one even
    /// without its newline; returns how many bytes were used.
    mutating func read(_ bytes: UnsafeRawBufferPointer, atEnd: Bool, file: String, into run: inout LogRun) -> Int
}

extension TextLogParser {
    mutating func consume(_ bytes: UnsafeRawBufferPointer, offset: Int64, file: String, into run: inout LogRun) -> Int {
        read(bytes, atEnd: false, file: file, into: &run)
    }

    mutating func finish(_ rest: UnsafeRawBufferPointer, offset: Int64, file: String, into run: inout LogRun) {
        _ = read(rest, atEnd: true, file: file, into: &run)
    }
}

/// Cuts a line-per-record log into lines as its bytes arrive: counts them, and skips a line
/// longer than `maximumLength` (reported once, as `tooLong`) without ever holding it whole.
struct LineSplitter {
    /// Lines longer than this are skipped, so that a runaway line cannot exhaust memory.
    let maximumLength: Int
    let tooLong: LogWarnings.Kind
    /// The 0-based number of the line `next` returned last.
    private(set) var line = 0
    private var skipping = false
    /// Whether `line` was returned and is counted at the next call.
    private var returned = false

    init(maximumLength: Int, tooLong: LogWarnings.Kind) {
        self.maximumLength = maximumLength
        self.tooLong = tooLong
    }

    /// The next complete line of `bytes` from `i` (without its newline), and whether it is a
    /// last line without one (only when `atEnd`); `i` moves past it. Nil when no complete line
    /// is left: `i` is then how many bytes were used.
    mutating func next(
        _ bytes: UnsafeRawBufferPointer, from i: inout Int, atEnd: Bool, file: String, into run: inout LogRun
    ) -> (text: UnsafeRawBufferPointer, isLast: Bool)? {
        if returned {
            line += 1
            returned = false
        }
        let n = bytes.count
        while i < n {
            let start = i
            let newline = bytes.baseAddress.flatMap { base in
                memchr(base + start, 0x0A, n - start).map { $0 - UnsafeMutableRawPointer(mutating: base) }
            }
            if skipping {
                guard let newline else {
                    i = n
                    return nil
                }
                skipping = false
                line += 1
                i = newline + 1
                continue
            }
            let end = newline ?? n
            if end - i > maximumLength {
                run.problems.add(tooLong, at: "\(file) line \(line + 1)")
                skipping = true
                continue
            }
            guard newline != nil || atEnd else { return nil }
            i = min(n, end + 1)
            returned = true
            return (UnsafeRawBufferPointer(rebasing: bytes[start..<end]), newline == nil)
        }
        return nil
    }
}
