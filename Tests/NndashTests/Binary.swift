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

    /// Runs `nndash arguments...` to completion with stdin from /dev/null; after `timeout`
    /// seconds, if given, the process is killed and the result says it timed out.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil, timeout: Double? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        // Output goes to files, not pipes: a tmux server started meanwhile by another test
        // inherits open descriptors, and a pipe it holds would never reach end of file.
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        var timedOut = false
        if let timeout, ended.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
                      stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self),
                      signaled: process.terminationReason == .uncaughtSignal, timedOut: timedOut)
    }

    /// A new empty folder for a test's files.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nndash-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
