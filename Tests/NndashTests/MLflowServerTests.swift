import Foundation
import NNRuns
import Testing

/// `nndash watch mlflow+http://HOST:PORT/EXPERIMENT` against a real `mlflow server` (SQLite
/// backend) fed by several client processes, compared with what MlflowClient reads back.
/// Needs a Python with mlflow: `scripts/test-env` makes `.venv/`; `NNDASH_PYTHON` names another.
@Suite(.enabled(if: MLflowPython.path != nil, "needs a Python with mlflow: run scripts/test-env or set NNDASH_PYTHON"))
struct MLflowServerTests {
    static let script = MLflowPython.repository.appendingPathComponent("Tests/Fixtures/stores/mlflow_server.py").path

    /// Runs a program to completion; its status and standard output.
    static func run(_ program: String, _ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let scratch = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        defer { try? out.close() }
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        if let folder { process.currentDirectoryURL = folder }
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self))
    }

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
        let python = try #require(MLflowPython.path)
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = try Self.freePort()
        let server = Process()
        // Foundation starts it as a process group leader: its workers stop with it.
        server.executableURL = URL(fileURLWithPath: python)
        server.arguments = ["-m", "mlflow", "server", "--backend-store-uri", "sqlite:///" + folder.path + "/mlflow.db",
                            "--default-artifact-root", folder.path + "/artifacts", "--host", "127.0.0.1", "--port", "\(port)",
                            "--workers", "1"]
        var environment = ProcessInfo.processInfo.environment
        environment["MLFLOW_SERVER_ENABLE_JOB_EXECUTION"] = "false"  // no job workers: only the tracking API
        server.environment = environment
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        server.standardInput = FileHandle.nullDevice
        try server.run()
        defer {
            kill(-server.processIdentifier, SIGTERM)
            var stopping = 0
            while server.isRunning, stopping < 100 {
                usleep(100_000)
                stopping += 1
            }
            kill(-server.processIdentifier, SIGKILL)
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        // The server starts slowly on a busy machine; it either listens or the test fails.
        var waited = 0
        while !Self.listening(port), server.isRunning, waited < 1200 {
            usleep(250_000)
            waited += 1
        }
        try #require(Self.listening(port), "mlflow server did not listen on port \(port)")
        let uri = "http://127.0.0.1:\(port)"

        // Several machines' worth of clients: the first makes the experiment (two processes
        // making one experiment at once race in MLflow itself), then two log at once.
        func client(_ experiment: String, _ name: String, _ lr: String, _ steps: String) throws -> Process {
            let client = Process()
            client.executableURL = URL(fileURLWithPath: python)
            client.arguments = [Self.script, "log", uri, experiment, name, lr, steps]
            client.standardOutput = FileHandle.nullDevice
            client.standardError = FileHandle.nullDevice
            client.standardInput = FileHandle.nullDevice
            try client.run()
            return client
        }
        let first = try client("spiral", "lr0.1", "0.1", "30")
        first.waitUntilExit()
        let running = [try client("spiral", "lr0.5", "0.5", "30"), try client("other", "lr0.2", "0.2", "12")]
        for process in running { process.waitUntilExit() }
        #expect(([first] + running).map(\.terminationStatus) == [0, 0, 0])

        let expected = try Self.json(try Self.run(python, [Self.script, "expected", uri, "spiral"]).output)
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
        #expect(try Self.run(python, [Self.script, "log", uri, "spiral", "late", "0.3", "5"]).status == 0)
        var update = watcher.poll()
        var polls = 0
        while update.added.isEmpty, polls < 100 {
            usleep(100_000)
            update = watcher.poll()
            polls += 1
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
            let check = try? MLflowServerTests.run(candidate, ["-c", "import importlib.util, sys; sys.exit(importlib.util.find_spec('mlflow') is None)"])
            if check?.status == 0 { return candidate }
        }

        FileHandle.standardError.write(Data(
            "MLflowServerTests skipped: no Python with mlflow (looked at \(candidates.joined(separator: ", "))); run scripts/test-env\n".utf8))
        return nil
    }()
}
