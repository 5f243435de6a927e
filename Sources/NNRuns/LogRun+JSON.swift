import Dispatch

extension LogRun {
    /// Writes `{"runs": [...]}`, what `nndash watch --json` prints: per run its name (and the
    /// display name its store gave it, if any), path,
    /// format, params (hyperparameters as text, where the store has them), scalars as `{"tag": [[step, value], ...]}`, histograms as
    /// `{"tag": [[step, min, max, count], ...]}`, and warnings. Points are streamed, not built
    /// as one document in memory.
    ///
    /// Runs are formatted in parallel, a batch of at most `parallelPoints` points at a time;
    /// a run larger than that alone is streamed.
    public static func writeJSON(_ runs: [LogRun], to out: inout some TextOutputStream) {
        out.write("{\"runs\": [")
        var start = 0
        while start < runs.count {
            var end = start + 1
            var points = runs[start].pointCount
            while end < runs.count, points + runs[end].pointCount <= parallelPoints {
                points += runs[end].pointCount
                end += 1
            }
            if end - start == 1 {
                out.write(start == 0 ? "\n" : ",\n")
                runs[start].writeJSON(to: &out)
            } else {
                var texts = [String](repeating: "", count: end - start)
                let first = start
                texts.withUnsafeMutableBufferPointer { buffer in
                    // Iteration i writes element i alone.
                    nonisolated(unsafe) let texts = buffer
                    DispatchQueue.concurrentPerform(iterations: texts.count) { i in
                        var text = ""
                        runs[first + i].writeJSON(to: &text)
                        texts[i] = text
                    }
                }
                for (i, text) in texts.enumerated() {
                    out.write(start + i == 0 ? "\n" : ",\n")
                    out.write(text)
                }
            }
            start = end
        }
        out.write("\n]}\n")
    }

    /// The most points formatted at once by `writeJSON(_:to:)` (their text is held in memory).
    static let parallelPoints = 1 << 20

    /// Writes this run as one JSON object.
    public func writeJSON(to out: inout some TextOutputStream) {
        var text = "{\"run\": "
        JSONValue.writeString(name, into: &text)
        if let displayName {
            text += ", \"name\": "
            JSONValue.writeString(displayName, into: &text)
        }
        text += ", \"path\": "
        JSONValue.writeString(path, into: &text)
        text += ", \"format\": \"\(format.rawValue)\""
        if let separator {
            text += ", \"separator\": "
            JSONValue.writeString(String(separator), into: &text)
        }
        text += ", \"params\": {"
        for (k, key) in params.keys.sorted().enumerated() {
            if k > 0 { text += ", " }
            JSONValue.writeString(key, into: &text)
            text += ": "
            JSONValue.writeString(params[key]!, into: &text)
        }
        text += "}, "
        if !summary.isEmpty {
            text += "\"summary\": {"
            for (k, key) in summary.keys.sorted().enumerated() {
                if k > 0 { text += ", " }
                JSONValue.writeString(key, into: &text)
                text += ": " + JSONValue.format(summary[key]!)
            }
            text += "}, "
        }
        text += "\"scalars\": {"
        out.write(text)
        var points = ByteText()
        points.bytes.reserveCapacity(Self.jsonChunk + 64)
        for (k, series) in scalars.enumerated() {
            text = k == 0 ? "" : ", "
            JSONValue.writeString(series.tag, into: &text)
            text += ": ["
            out.write(text)
            let steps = series.steps, values = series.values
            for i in steps.indices {
                if i > 0 { points.bytes.append(UInt8(ascii: ",")); points.bytes.append(UInt8(ascii: " ")) }
                points.bytes.append(UInt8(ascii: "["))
                Self.appendDecimal(steps[i], to: &points.bytes)
                points.bytes.append(UInt8(ascii: ",")); points.bytes.append(UInt8(ascii: " "))
                let value = values[i]
                if value.isFinite {
                    value.write(to: &points)  // as `description` writes it
                } else {
                    points.write(JSONValue.format(value))
                }
                points.bytes.append(UInt8(ascii: "]"))
                if points.bytes.count >= Self.jsonChunk {
                    out.write(String(decoding: points.bytes, as: UTF8.self))
                    points.bytes.removeAll(keepingCapacity: true)
                }
            }
            points.bytes.append(UInt8(ascii: "]"))
            out.write(String(decoding: points.bytes, as: UTF8.self))
            points.bytes.removeAll(keepingCapacity: true)
        }
        out.write("}, \"histograms\": {")
        for (k, series) in histograms.enumerated() {
            text = k == 0 ? "" : ", "
            JSONValue.writeString(series.tag, into: &text)
            text += ": ["
            for i in series.steps.indices {
                if i > 0 { text += ", " }
                text += "[\(series.steps[i]), \(JSONValue.format(series.minimums[i])), "
                text += "\(JSONValue.format(series.maximums[i])), \(JSONValue.format(series.counts[i]))]"
            }
            text += "]"
            out.write(text)
        }
        text = "}, \"warnings\": ["
        for (k, warning) in warnings.enumerated() {
            if k > 0 { text += ", " }
            JSONValue.writeString(warning, into: &text)
        }
        out.write(text + "]}")
    }

    /// Bytes of points gathered before they are written.
    private static let jsonChunk = 1 << 16

    /// Appends the decimal digits of `n` (as `String(n)` writes them).
    private static func appendDecimal(_ n: Int64, to bytes: inout [UInt8]) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = n.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits, written backwards
        withUnsafeMutableBytes(of: &digits) { buffer in
            var i = buffer.count
            repeat {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: buffer[i...])
        }
    }
}
