import Foundation

/// Follows the runs of an MLflow tracking server through the REST API its web UI uses
/// (`/api/2.0/mlflow/...`): `experiments/get-by-name` or `experiments/search`, `runs/search`
/// for the runs and each metric's latest value, and `metrics/get-history` for a metric whose
/// latest value changed, every call paged with `page_token`.
///
/// Addressed as `mlflow+http://HOST:PORT` (every experiment) or
/// `mlflow+http://HOST:PORT/EXPERIMENT` (one experiment, by name, percent-encoded if needed).
/// Runs are named `<experiment>/<run name>` as in MLflow's file store. Points arrive in the
/// server's order and follow the same restart rule as every other store.
final class MLflowServer {
    static let scheme = "mlflow+http://"
    /// Runs, experiments and points asked for per page.
    static let pageSize = 1000
    static let historyPageSize = 25000
    /// Pages followed per listing, a bound against a server that never stops paging.
    static let maximumPages = 10000

    /// What one refresh changed: indices into the watcher's runs.
    struct Refresh {
        var added: [Int] = []
        var grew: [Int] = []
    }

    private struct Latest: Equatable {
        var step: Int64
        var timestamp: Int64
        var value: Double
    }

    let address: String
    let experiment: String?
    private let client: HTTPClient
    /// Run id → index in the watcher's runs (the runs this server added, in order).
    private var runIndex: [String: Int] = [:]
    /// Per run id and metric key: the latest value seen and how many points were applied.
    private var latest: [String: [String: Latest]] = [:]
    private var applied: [String: [String: Int]] = [:]
    private var paramCounts: [String: Int] = [:]

    /// Parses `mlflow+http://HOST:PORT[/EXPERIMENT]`; nil when `text` is not such an address.
    init?(_ text: String) {
        guard text.hasPrefix(Self.scheme) else { return nil }
        let rest = text.dropFirst(Self.scheme.count)
        let authority = rest.prefix { $0 != "/" }
        var name = String(rest.dropFirst(authority.count).drop { $0 == "/" })
        while name.hasSuffix("/") { name.removeLast() }
        let host: Substring
        let portText: Substring
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
            portText = authority[close...].dropFirst().drop { $0 == ":" }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
            portText = "80"
        }
        guard !host.isEmpty, let port = UInt16(portText), port > 0 else { return nil }
        address = text
        experiment = name.isEmpty ? nil : (name.removingPercentEncoding ?? name)
        client = HTTPClient(host: String(host), port: port)
    }

    /// Reads what changed on the server into `runs` (the watcher's, where new runs are appended):
    /// new runs, and the histories of the metrics whose latest value changed.
    func refresh(_ runs: inout [LogRun]) throws(HTTPError) -> Refresh {
        let experiments = try self.experiments()
        var refresh = Refresh()
        guard !experiments.isEmpty else { return refresh }
        var pageToken: String?
        var pages = 0
        repeat {
            var request: [(String, JSONValue)] = [
                ("experiment_ids", .array(experiments.map { .string($0.id) })), ("max_results", .int(Self.pageSize)),
            ]
            if let pageToken { request.append(("page_token", .string(pageToken))) }
            let page = try call("POST", "/api/2.0/mlflow/runs/search", json: .object(request))
            for run in page["runs"]?.arrayValue ?? [] {
                try update(run, names: experiments, runs: &runs, refresh: &refresh)
            }
            pageToken = page["next_page_token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            pages += 1
        } while pageToken != nil && pages < Self.maximumPages
        return refresh
    }

    /// The experiments followed: (id, name).
    private func experiments() throws(HTTPError) -> [(id: String, name: String)] {
        if let experiment {
            let query = "experiment_name=" + Self.percentEncoded(experiment)
            let answer = try call("GET", "/api/2.0/mlflow/experiments/get-by-name?" + query, json: nil, missingIsEmpty: true)
            guard let found = answer["experiment"], let id = found["experiment_id"].flatMap(Self.text) else {
                throw HTTPError(description: "\(address): the server has no experiment named \(experiment)")
            }
            return [(id, found["name"]?.stringValue ?? experiment)]
        }
        var found: [(String, String)] = []
        var pageToken: String?
        var pages = 0
        repeat {
            var request: [(String, JSONValue)] = [("max_results", .int(Self.pageSize))]
            if let pageToken { request.append(("page_token", .string(pageToken))) }
            let page = try call("POST", "/api/2.0/mlflow/experiments/search", json: .object(request))
            for experiment in page["experiments"]?.arrayValue ?? [] {
                guard let id = experiment["experiment_id"].flatMap(Self.text) else { continue }
                found.append((id, experiment["name"]?.stringValue ?? id))
            }
            pageToken = page["next_page_token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            pages += 1
        } while pageToken != nil && pages < Self.maximumPages
        return found
    }

    /// Adds a run seen for the first time, and reads the metrics whose latest value changed.
    private func update(_ run: JSONValue, names: [(id: String, name: String)], runs: inout [LogRun], refresh: inout Refresh) throws(HTTPError) {
        guard let info = run["info"], let id = (info["run_id"] ?? info["run_uuid"]).flatMap(Self.text) else { return }
        if let r = runIndex[id] {
            if try apply(run, id: id, isNew: false, to: &runs[r]) { refresh.grew.append(r) }
            return
        }
        let experimentID = info["experiment_id"].flatMap(Self.text) ?? ""
        let experimentName = names.first { $0.id == experimentID }?.name ?? experimentID
        let tags = run["data"]?["tags"]?.arrayValue ?? []
        let runName = info["run_name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            ?? tags.first { $0["key"]?.stringValue == "mlflow.runName" }?["value"]?.stringValue ?? id
        let server = address.split(separator: "/", omittingEmptySubsequences: false).prefix(3).joined(separator: "/")
        var new = LogRun(name: experimentName + "/" + runName, path: server + "/" + experimentID + "/" + id, format: .mlflow)
        _ = try apply(run, id: id, isNew: true, to: &new)
        runIndex[id] = runs.count
        runs.append(new)
        refresh.added.append(runs.count - 1)
    }

    /// Applies a run's params and the histories of its changed metrics; true when points arrived.
    private func apply(_ run: JSONValue, id: String, isNew: Bool, to target: inout LogRun) throws(HTTPError) -> Bool {
        let data = run["data"]
        let params = data?["params"]?.arrayValue ?? []
        if params.count != paramCounts[id] {
            paramCounts[id] = params.count
            for param in params {
                guard let key = param["key"]?.stringValue else { continue }
                target.params[key] = param["value"].flatMap(Self.text) ?? ""
            }
        }
        var changed = false
        for metric in data?["metrics"]?.arrayValue ?? [] {
            guard let key = metric["key"]?.stringValue, let value = metric["value"].flatMap(Self.number) else { continue }
            let now = Latest(step: metric["step"].flatMap(Self.integer) ?? 0,
                             timestamp: metric["timestamp"].flatMap(Self.integer) ?? 0, value: value)
            if !isNew, latest[id]?[key] == now { continue }
            latest[id, default: [:]][key] = now
            try readHistory(run: id, key: key, into: &target)
            changed = true
        }
        return changed
    }

    /// Reads a metric's history and applies the points not applied yet.
    private func readHistory(run id: String, key: String, into run: inout LogRun) throws(HTTPError) {
        var points: [(step: Int64, timestamp: Int64, value: Double)] = []
        var pageToken: String?
        var pages = 0
        repeat {
            var query = "run_id=" + Self.percentEncoded(id) + "&metric_key=" + Self.percentEncoded(key)
                + "&max_results=\(Self.historyPageSize)"
            if let pageToken { query += "&page_token=" + Self.percentEncoded(pageToken) }
            let page = try call("GET", "/api/2.0/mlflow/metrics/get-history?" + query, json: nil)
            for metric in page["metrics"]?.arrayValue ?? [] {
                guard let value = metric["value"].flatMap(Self.number) else { continue }
                points.append((metric["step"].flatMap(Self.integer) ?? 0, metric["timestamp"].flatMap(Self.integer) ?? 0, value))
            }
            pageToken = page["next_page_token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            pages += 1
        } while pageToken != nil && pages < Self.maximumPages
        var done = applied[id]?[key] ?? 0
        if points.count < done {
            // The history shrank (logged again from scratch): read this metric anew.
            if let i = run.scalars.firstIndex(where: { $0.label == key }) { run.scalars[i].removeLast(run.scalars[i].count) }
            done = 0
        }
        guard let index = Array(key.utf8).withUnsafeBytes({ run.scalarIndex($0, place: key) }) else { return }
        run.scalars[index].reserveCapacity(adding: points.count - done, withTimes: true)
        for point in points[done...] {
            run.appendPreempting(index, step: point.step, value: point.value, wallTime: Double(point.timestamp) / 1000,
                                 place: "\(key) at step \(point.step)")
        }
        applied[id, default: [:]][key] = points.count
    }

    /// One API call; its JSON answer, or an error naming the server and MLflow's message.
    private func call(_ method: String, _ path: String, json: JSONValue?, missingIsEmpty: Bool = false) throws(HTTPError) -> JSONValue {
        let (status, body) = try client.send(method, path, json: json.map { Array($0.jsonText.utf8) })
        let answer = try? JSONValue(parsing: body)
        if status == 404, missingIsEmpty { return .object([]) }
        guard status == 200 else {
            let message = answer?["message"]?.stringValue ?? String(decoding: body.prefix(200), as: UTF8.self)
            throw HTTPError(description: "\(address): \(path.prefix { $0 != "?" }) answered \(status): \(message)")
        }
        guard let answer else { throw HTTPError(description: "\(address): \(path.prefix { $0 != "?" }) answered with text that is not JSON") }
        return answer
    }

    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// A number as MLflow's JSON writes it: a number, or a string (`"NaN"`, `"Infinity"`, int64s).
    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .number(let d): d
        case .int(let i): Double(i)
        case .string(let s): Double(s) ?? (s == "Infinity" ? .infinity : s == "-Infinity" ? -.infinity : nil)
        default: nil
        }
    }

    static func integer(_ value: JSONValue) -> Int64? {
        switch value {
        case .int(let i): Int64(i)
        case .number(let d) where d.rounded() == d && abs(d) < 9.2e18: Int64(d)
        case .string(let s): Int64(s)
        default: nil
        }
    }

    /// A JSON value as text: strings as they are, numbers as MLflow would print them.
    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .null: nil
        default: value.jsonText
        }
    }
}
