/// The top-level `key: value` lines of a YAML file, as MLflow's `meta.yaml` and Lightning's
/// `hparams.yaml` write them: values unquoted, nested mappings and lists left out.
enum FlatYAML {
    /// The fields of the YAML file at `path` (none when it cannot be read or is over 64 KiB).
    static func read(_ path: String) -> [String: String] {
        MLflowRunInfo.text(path).map(fields) ?? [:]
    }

    static func fields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix(" ") && !line.hasPrefix("-") && !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            var key = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            if key.count >= 2, key.first == "'" || key.first == "\"", key.last == key.first { key = String(key.dropFirst().dropLast()) }
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.isEmpty { continue }  // a nested mapping or list follows
            if value.count >= 2, let first = value.first, first == "'" || first == "\"", value.last == first {
                value = String(value.dropFirst().dropLast())
                if first == "'" { value = value.replacingOccurrences(of: "''", with: "'") }
            }
            fields[key] = value
        }
        return fields
    }
}
