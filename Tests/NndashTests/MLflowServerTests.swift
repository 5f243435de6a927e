import Foundation
import NNRuns
import Testing

/// `nndash watch mlflow+http://HOST:PORT/EXPERIMENT` against a real `mlflow server` (SQLite
/// backend) fed by several client processes, compared with what MlflowClient reads back.
/// Needs a Python with mlflow: `scripts/test-env` makes `.venv/`; `NNDASH_PYTHON` names another.
@Suite(.enabled(if: MLflowPython.path != nil, "needs a Python with mlflow: run scripts/test-env or set NNDASH_PYTHON"))
struct MLflowServerTests {
    static let script = MLflowPython.repository.appendingPathComponent("Tests/Fixtures/stores/mlflow_server.py").path

    /// A TCP port nothing listens on now.
    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(fd, raw, length) == 0, getsockname(fd, raw, &length) == 0 else { throw POSIXError(.EADDRINUSE) }
            }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Whether something accepts connections on `port`.
    static func listening(_ port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Points as TensorBoard's data server keeps them: a step that does not increase replaces
    /// the points at that step or later.
    static func restartRule(_ points: [[Double]]) -> [[Double]] {
        var kept: [[Double]] = []
        for point in points {
            while let last = kept.last, last[0] >= point[0] { kept.removeLast() }
            kept.append(point)
        }
        return kept
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func everyRunOfAnExperimentMatchesMlflowClientAndNewRunsAreFollowed() throws {
        let python = URL(fileURLWithPath: try #require(MLflowPython.path))
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = try Self.freePort()
        // Foundation starts it as a process group leader: its workers stop with it.
        let server = try Binary.start(
            ["-m", "mlflow", "server", "--backend-store-uri", "sqlite:///" + folder.path + "/mlflow.db",
             "--default-artifact-root", folder.path + "/artifacts", "--host", "127.0.0.1", "--port", "\(port)", "--workers", "1"],
            program: python,
            environment: ["MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"])  // no job workers: only the tracking API
        defer {
            let group = -server.process.processIdentifier
            kill(group, SIGTERM)
            server.waitFor(timeout: 10) { _, _ in !server.process.isRunning }
            kill(group, SIGKILL)
            _ = server.finish()
        }
        // The server starts slowly on a busy machine; it either listens or the test fails.
        server.waitFor(timeout: 300) { _, _ in Self.listening(port) || !server.process.isRunning }
        try #require(Self.listening(port), "mlflow server did not listen on port \(port): \(server.stderr.suffix(2000))")
        let uri = "http://127.0.0.1:\(port)"

        // Several machines' worth of clients: the first makes the experiment (two processes
        // making one experiment at once race in MLflow itself), then two log at once.
        func client(_ experiment: String, _ name: String, _ lr: String, _ steps: String) throws -> Launched {
            try Binary.start([Self.script, "log", uri, experiment, name, lr, steps], program: python)
        }
        let first = try client("spiral", "lr0.1", "0.1", "30").finish()
        let running = [try client("spiral", "lr0.5", "0.5", "30"), try client("other", "lr0.2", "0.2", "12")].map { $0.finish() }
        #expect(([first] + running).map(\.status) == [0, 0, 0], "\(([first] + running).map(\.stderr))")

        let expected = try Self.json(try Binary.run([Self.script, "expected", uri, "spiral"], program: python).stdout)
        let result = try Binary.run(["watch", "--json", "mlflow+http://127.0.0.1:\(port)/spiral"])
        #expect(result.status == 0, "\(result.stderr)")
        let runs = try #require(try Self.json(result.stdout)["runs"] as? [[String: Any]])
        #expect(Set(runs.compactMap { $0["run"] as? String }) == Set(expected.keys))
        #expect(expected.count == 2)
        for run in runs {
            let name = try #require(run["run"] as? String)
            let reference = try #require(expected[name] as? [String: Any])
            #expect(run["format"] as? String == "mlflow")
            #expect(run["params"] as? [String: String] == reference["params"] as? [String: String], "\(name)")
            let scalars = try #require(run["scalars"] as? [String: [[Double]]])
            let referenceScalars = try #require(reference["scalars"] as? [String: [[Double]]])
            #expect(Set(scalars.keys) == Set(referenceScalars.keys), "\(name)")
            for (tag, points) in referenceScalars {
                #expect(scalars[tag] == Self.restartRule(points), "\(name) \(tag)")
            }
            // val_acc was logged twice at its last step: the newer value is kept, and said so.
            #expect(scalars["val_acc"]?.last?[1] == 0.5)
            let warnings = try #require(run["warnings"] as? [String])
            #expect(warnings.count == 1 && warnings[0].hasPrefix("1 point replaced"), "\(warnings)")
        }

        // Followed live: a run logged after nndash started appears in its output.
        let watcher = try RunWatcher(paths: ["mlflow+http://127.0.0.1:\(port)/spiral"])
        #expect(watcher.poll().added == [0, 1])
        #expect(try Binary.run([Self.script, "log", uri, "spiral", "late", "0.3", "5"], program: python).status == 0)
        var update = watcher.poll()
        let deadline = Date().addingTimeInterval(30)
        while update.added.isEmpty, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            update = watcher.poll()
        }
        #expect(update.added == [2])
        #expect(watcher.runs.map(\.name).last == "spiral/late")
        #expect(watcher.runs.last?.scalar("train/loss")?.steps == [0, 1, 2, 3, 4])
    }
}

/// The Python with mlflow the server test uses.
enum MLflowPython {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `NNDASH_PYTHON`, else `.venv/bin/python`, if it has mlflow; nil otherwise (and why is printed).
    static let path: String? = {
        let candidates = [ProcessInfo.processInfo.environment["NNDASH_PYTHON"],
                          repository.appendingPathComponent(".venv/bin/python").path].compactMap { $0 }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            let check = try? Binary.run(["-c", "import importlib.util, sys; sys.exit(importlib.util.find_spec('mlflow') is None)"],
                                        program: URL(fileURLWithPath: candidate))
            if check?.status == 0 { return candidate }
        }

        FileHandle.standardError.write(Data(
            "MLflowServerTests skipped: no Python with mlflow (looked at \(candidates.joined(separator: ", "))); run scripts/test-env\n".utf8))
        return nil
    }()
}
