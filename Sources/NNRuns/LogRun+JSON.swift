import Dispatch
import NNText

extension LogRun {
    /// Writes `{"runs": [...]}`, what `nndash watch --json` prints: per run its name (and the
    /// display name its store gave it, if any), path, format, params (hyperparameters as text,
    /// where the store has them), scalars as `{"tag": [[step, value], ...]}`, histograms as
    /// `{"tag": [[step, min, max, count], ...]}`, and warnings. Points are streamed, not built
    /// as one document in memory.
    ///
    /// Runs are formatted in parallel, a batch of at most `parallelPoints` points at a time;
    /// a run larger than that alone is streamed.
    public static func writeJSON(_ runs: [LogRun], to out: inout some TextOutputStream) {
        writeJSON(runs) { bytes, _ in out.write(String(decoding: bytes, as: UTF8.self)) }
    }

    /// `writeJSON(_:to:)` to standard output (or error), handing it bytes without a `String`
    /// between.
    public static func writeJSON(_ runs: [LogRun], to out: inout Output) {
        writeJSON(runs) { bytes, isPlainText in
            bytes.withUnsafeBytes { bytes in
                if let isPlainText { out.write(utf8: bytes, isPlainText: isPlainText) } else { out.write(utf8: bytes) }
            }
        }
    }

    /// The document in pieces that each end between two values (never inside a character),
    /// each with what `Output.isPlainText` said of it when that was asked where it was made
    /// (nil when it was not).
    private static func writeJSON(_ runs: [LogRun], emit: ([UInt8], _ isPlainText: Bool?) -> Void) {
        emit(Array("{\"runs\": [".utf8), nil)
        // The text of each run of a batch, its room reused from batch to batch.
        var texts: [ByteText] = []
        var start = 0
        while start < runs.count {
            var end = start + 1
            var points = runs[start].pointCount
            while end < runs.count, points + runs[end].pointCount <= parallelPoints {
                points += runs[end].pointCount
                end += 1
            }
            if end - start == 1 {
                var text = ByteText()
                text.bytes.reserveCapacity(jsonChunk + 256)
                text.bytes += Array((start == 0 ? "\n" : ",\n").utf8)
                runs[start].writeJSON(into: &text, flushingEvery: jsonChunk) { text in
                    emit(text.bytes, nil)
                    text.bytes.removeAll(keepingCapacity: true)
                }
                emit(text.bytes, nil)
            } else {
                let first = start, count = end - start
                if texts.count < count { texts += Array(repeating: ByteText(), count: count - texts.count) }
                var plain = [Bool](repeating: false, count: count)
                texts.withUnsafeMutableBufferPointer { buffer in
                    plain.withUnsafeMutableBufferPointer { plainBuffer in
                        // Iteration i touches element i of each alone.
                        nonisolated(unsafe) let texts = buffer
                        nonisolated(unsafe) let plain = plainBuffer
                        DispatchQueue.concurrentPerform(iterations: count) { i in
                            texts[i].bytes.removeAll(keepingCapacity: true)
                            texts[i].bytes.reserveCapacity(runs[first + i].pointCount * 24 + 1024)
                            texts[i].write(first + i == 0 ? "\n" : ",\n")
                            runs[first + i].writeJSON(into: &texts[i], flushingEvery: .max) { _ in }
                            // Checked here, in parallel, rather than by the one thread writing.
                            plain[i] = texts[i].bytes.withUnsafeBytes { Output.isPlainText($0) }
                        }
                    }
                }
                for i in 0..<count { emit(texts[i].bytes, plain[i]) }
            }
            start = end
        }
        emit(Array("\n]}\n".utf8), nil)
    }

    /// The most points formatted at once by `writeJSON(_:to:)` (their text is held in memory).
    static let parallelPoints = 1 << 20

    /// Writes this run as one JSON object.
    public func writeJSON(to out: inout some TextOutputStream) {
        var text = ByteText()
        writeJSON(into: &text, flushingEvery: Self.jsonChunk) { text in
            out.write(String(decoding: text.bytes, as: UTF8.self))
            text.bytes.removeAll(keepingCapacity: true)
        }
        out.write(String(decoding: text.bytes, as: UTF8.self))
    }

    /// Appends this run as one JSON object to `text`; `flush` is called to take the text
    /// whenever `chunk` bytes or more are gathered (between two values).
    func writeJSON(into text: inout ByteText, flushingEvery chunk: Int, flush: (inout ByteText) -> Void) {
        text.write("{\"run\": ")
        JSONValue.writeString(name, into: &text)
        if let displayName {
            text.write(", \"name\": ")
            JSONValue.writeString(displayName, into: &text)
        }
        text.write(", \"path\": ")
        JSONValue.writeString(path, into: &text)
        text.write(", \"format\": \"\(format.rawValue)\"")
        if let separator {
            text.write(", \"separator\": ")
            JSONValue.writeString(String(separator), into: &text)
        }
        text.write(", \"params\": {")
        for (k, key) in params.keys.sorted().enumerated() {
            if k > 0 { text.write(", ") }
            JSONValue.writeString(key, into: &text)
            text.write(": ")
            JSONValue.writeString(params[key]!, into: &text)
        }
        text.write("}, ")
        if !summary.isEmpty {
            text.write("\"summary\": {")
            for (k, key) in summary.keys.sorted().enumerated() {
                if k > 0 { text.write(", ") }
                JSONValue.writeString(key, into: &text)
                text.write(": " + JSONValue.format(summary[key]!))
            }
            text.write("}, ")
        }
        text.write("\"scalars\": {")
        for (k, series) in scalars.enumerated() {
            if k > 0 { text.write(", ") }
            JSONValue.writeString(series.label, into: &text)
            text.write(": [")
            Self.writePoints(series.steps, series.y, into: &text, flushingEvery: chunk, flush: flush)
            text.bytes.append(UInt8(ascii: "]"))
        }
        text.write("}, \"histograms\": {")
        for (k, series) in histograms.enumerated() {
            if k > 0 { text.write(", ") }
            JSONValue.writeString(series.tag, into: &text)
            text.write(": [")
            for i in series.steps.indices {
                if i > 0 { text.write(", ") }
                text.write("[\(series.steps[i]), \(JSONValue.format(series.minimums[i])), ")
                text.write("\(JSONValue.format(series.maximums[i])), \(JSONValue.format(series.counts[i]))]")
                if text.bytes.count >= chunk { flush(&text) }
            }
            text.write("]")
        }
        text.write("}, \"warnings\": [")
        for (k, warning) in warnings.enumerated() {
            if k > 0 { text.write(", ") }
            JSONValue.writeString(warning, into: &text)
        }
        text.write("]}")
    }

    /// Appends `[step, value]` for each point, separated by `, `: a batch of points at a time
    /// is written into scratch memory and appended at once.
    private static func writePoints(_ steps: XColumn.Steps, _ values: ValueColumn, into text: inout ByteText,
                                    flushingEvery chunk: Int, flush: (inout ByteText) -> Void) {
        let n = steps.count
        guard n > 0 else { return }
        let batch = 1024
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: batch * (PointText.maximumLength + 2))
        defer { scratch.deallocate() }
        var start = 0
        while start < n {
            let end = min(n, start + batch)
            var p = scratch
            for i in start..<end {
                if i > 0 {
                    p[0] = UInt8(ascii: ",")
                    p[1] = UInt8(ascii: " ")
                    p += 2
                }
                p = PointText.write(step: steps[i], value: values[i], at: p)
            }
            text.bytes.append(contentsOf: UnsafeBufferPointer(start: scratch, count: p - scratch))
            if text.bytes.count >= chunk { flush(&text) }
            start = end
        }
    }

    /// Bytes of text gathered before they are written.
    private static let jsonChunk = 1 << 16
}
