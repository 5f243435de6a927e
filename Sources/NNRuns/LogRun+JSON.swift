extension LogRun {
    /// Writes `{"runs": [...]}`, what `nndash watch --json` prints: per run its name (and the
    /// display name its store gave it, if any), path,
    /// format, params (hyperparameters as text, where the store has them), scalars as `{"tag": [[step, value], ...]}`, histograms as
    /// `{"tag": [[step, min, max, count], ...]}`, and warnings. Points are streamed, not built
    /// as one document in memory.
    public static func writeJSON(_ runs: [LogRun], to out: inout some TextOutputStream) {
        out.write("{\"runs\": [")
        for (r, run) in runs.enumerated() {
            out.write(r == 0 ? "\n" : ",\n")
            run.writeJSON(to: &out)
        }
        out.write("\n]}\n")
    }

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
        for (k, series) in scalars.enumerated() {
            text = k == 0 ? "" : ", "
            JSONValue.writeString(series.tag, into: &text)
            text += ": ["
            for i in series.steps.indices {
                if i > 0 { text += ", " }
                text += "[\(series.steps[i]), \(JSONValue.format(series.values[i]))]"
                if text.utf8.count > 1 << 16 {
                    out.write(text)
                    text = ""
                }
            }
            text += "]"
            out.write(text)
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
}
