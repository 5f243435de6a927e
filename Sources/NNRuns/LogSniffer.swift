/// Recognizes a training log by its name and first bytes.
enum LogSniffer {
    enum Verdict: Equatable { case format(LogFormat), undecided, unrecognized }

    /// How many leading bytes are enough to recognize a log.
    static let sampleLength = 64 << 10

    /// File name extensions looked at when searching a folder (event files go by name).
    static let textExtensions: Set<String> = ["csv", "tsv", "log", "txt", "jsonl", "ndjson"]

    static func isEventFileName(_ name: String) -> Bool { name.contains("tfevents") }

    /// The format of a file named `name` that starts with `sample`; `complete` when `sample` is
    /// the whole file (nothing more will be written to decide).
    static func sniff(name: String, sample: UnsafeRawBufferPointer, complete: Bool) -> Verdict {
        if isEventFileName(name) { return .format(.tensorboard) }
        if sample.starts(with: ":W&B".utf8) { return .format(.wandb) }
        if sample.count >= 12,
            CRC32C.masked(UnsafeRawBufferPointer(rebasing: sample[0..<8]))
                == UInt32(littleEndian: sample.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        {
            return .format(.tensorboard)
        }
        var start = 0
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < sample.count, DecimalText.isSpace(sample[start]) { start += 1 }
        guard start < sample.count else { return complete ? .unrecognized : .undecided }
        if sample[start] == UInt8(ascii: "{") { return .format(.jsonl) }
        let rest = UnsafeRawBufferPointer(rebasing: sample[start...])
        let firstLine = rest[..<(rest.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex)]
        if firstLine.contains(0) { return .unrecognized }  // text logs hold no NUL bytes
        guard let newline = rest.firstIndex(of: UInt8(ascii: "\n")) else {
            if !complete && sample.count < sampleLength { return .undecided }
            return CSVLogParser.hasAxisColumn(rest) ? .format(.csv) : .unrecognized
        }
        let header = UnsafeRawBufferPointer(rebasing: rest[rest.startIndex..<newline])
        return CSVLogParser.hasAxisColumn(header) ? .format(.csv) : .unrecognized
    }
}
