import Foundation

/// Runs the built `nndash` binary, as a user would.
enum Binary {
    /// The `nndash` executable beside the test bundle.
    static let url: URL = {
        if let path = ProcessInfo.processInfo.environment["NNDASH_BIN"] { return URL(fileURLWithPath: path) }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = runner.deletingLastPathComponent()
        // The test bundle may be a folder (name.xctest/...) or a single executable.
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("nndash")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "nndash")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Whether a signal ended the process (`status` is then the signal's number).
        var signaled = false
        /// Whether the process was still running after the timeout, and was killed.
        var timedOut = false
    }

    /// Runs `nndash arguments...` (or `program`) to completion with stdin from /dev/null; after
    /// `timeout` seconds, if given, the process is killed and the result says it timed out.
    static func run(
        _ arguments: [String], program: URL = url, environment: [String: String] = [:], in directory: URL? = nil,
        timeout: Double? = nil
    ) throws -> Result {
        try start(arguments, program: program, environment: environment, in: directory).finish(timeout: timeout)
    }

    /// Starts `nndash arguments...` (or `program`) with stdin from /dev/null and leaves it running.
    static func start(
        _ arguments: [String], program: URL = url, environment: [String: String] = [:], in directory: URL? = nil
    ) throws -> Launched {
        try Launched(program: program, arguments: arguments, environment: environment, directory: directory)
    }

    /// A new empty folder for a test's files.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nndash-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A program started by `Binary.start`, its standard output and error going to files that can
/// be read while it runs. It is killed, if still running, when it is no longer used.
///
/// Output goes to files, not pipes: a tmux server started meanwhile by another test inherits
/// open descriptors, and a pipe it holds would never reach end of file.
final class Launched {
    let process = Process()
    private let scratch: URL
    private let ended = DispatchSemaphore(value: 0)

    fileprivate init(program: URL, arguments: [String], environment: [String: String], directory: URL?) throws {
        process.executableURL = program
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        scratch = try Binary.temporaryDirectory()
        let out = try Self.file(scratch.appendingPathComponent("stdout"))
        let err = try Self.file(scratch.appendingPathComponent("stderr"))
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { [ended] _ in ended.signal() }
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw error
        }
    }

    deinit {
        if process.processIdentifier > 0 {
            if process.isRunning { send(SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: scratch)
    }

    private static func file(_ url: URL) throws -> FileHandle {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        return try FileHandle(forWritingTo: url)
    }

    /// What the program has written to standard output so far.
    var stdout: String { read("stdout") }
    /// What the program has written to standard error so far.
    var stderr: String { read("stderr") }

    private func read(_ name: String) -> String {
        String(decoding: (try? Data(contentsOf: scratch.appendingPathComponent(name))) ?? Data(), as: UTF8.self)
    }

    /// Polls until `condition` holds of the program's output, at most `timeout` seconds (a
    /// generous bound for a loaded machine, not a measure of speed); whether it came to hold.
    @discardableResult
    func waitFor(timeout: Double = 60, _ condition: (_ stdout: String, _ stderr: String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition(stdout, stderr) {
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return true
    }

    /// Sends `signal` to the program.
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the program to end, killing it after `timeout` seconds if given; its status
    /// and output.
    func finish(timeout: Double? = nil) -> Binary.Result {
        var timedOut = false
        if let timeout, ended.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            send(SIGKILL)
        }
        process.waitUntilExit()
        return Binary.Result(status: process.terminationStatus, stdout: stdout, stderr: stderr,
                             signaled: process.terminationReason == .uncaughtSignal, timedOut: timedOut)
    }
}
