import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// However the dashboard ends, the shell gets its terminal back: line mode, echo, the normal
/// screen; and a process killed by a signal still dies of that signal (status 128 + N).
@Suite(.enabled(if: TmuxSession.isAvailable, "needs tmux"), .serialized)
struct TerminalRestoreTests {
    /// Starts a live sweep, waits for its first curves, and checks it is on the alternate screen.
    private func liveSweep(environment: String = "") throws -> TmuxSession {
        let session = try TmuxSession(
            command: "\(environment) '\(Binary.url.path)' sweep --no-record --delay-ms 50 --iterations 100000")
        let screen = try session.waitFor { containsBraille($0) }
        #expect(containsBraille(screen), "screen:\n\(screen)")
        #expect(try session.alternateScreenIsOn())
        return session
    }

    private func expectRestored(_ session: TmuxSession, status: Int32) throws {
        #expect(session.exitStatus() == status)
        #expect(isSane(session.terminalModes()), "modes: \(session.terminalModes())")
        #expect(try session.alternateScreenIsOn() == false)
        let flags = try session.modeFlags()
        #expect(flags.cursorShown, "the cursor stayed hidden")
        #expect(!flags.keypad && !flags.cursorKeys, "keypad mode stayed on: \(flags)")
    }

    @Test(arguments: [("q", Int32(0)), ("C-c", 130)])
    func keysThatQuit(key: String, status: Int32) throws {
        let session = try liveSweep()
        try session.send(key)
        try expectRestored(session, status: status)
    }

    /// SIGTERM and SIGHUP end the app cleanly; the fatal signals run the rescue handler and
    /// then kill the process with the same signal.
    @Test(arguments: [
        ("TERM", SIGTERM, Int32(143)), ("HUP", SIGHUP, 129),
        ("SEGV", SIGSEGV, 128 + SIGSEGV), ("ABRT", SIGABRT, 128 + SIGABRT),
        ("ILL", SIGILL, 128 + SIGILL), ("BUS", SIGBUS, 128 + SIGBUS),
        ("FPE", SIGFPE, 128 + SIGFPE), ("TRAP", SIGTRAP, 128 + SIGTRAP),
        ("QUIT", SIGQUIT, 128 + SIGQUIT), ("USR1", SIGUSR1, 128 + SIGUSR1), ("USR2", SIGUSR2, 128 + SIGUSR2),
        ("PIPE", SIGPIPE, 128 + SIGPIPE), ("ALRM", SIGALRM, 128 + SIGALRM), ("XCPU", SIGXCPU, 128 + SIGXCPU),
    ])
    func signals(name: String, signal: Int32, status: Int32) throws {
        let session = try liveSweep()
        let pid = try #require(try session.programPID())
        #expect(kill(pid, signal) == 0, "kill -\(name)")
        try expectRestored(session, status: status)
    }

    /// Ctrl-\\ sends SIGQUIT: the dashboard gives the terminal back and ends, and no crash
    /// report or backtrace is written over the screen.
    @Test func ctrlBackslashQuitsWithoutABacktrace() throws {
        let session = try liveSweep(environment: "SWIFT_BACKTRACE=enable=yes")
        // Ctrl-\ is byte 0x1C; the terminal turns it into SIGQUIT.
        try session.tmux(["send-keys", "-t", "t", "-H", "1c"])
        try expectRestored(session, status: 128 + SIGQUIT)
        let screen = try session.screen()
        for word in ["Backtrace", "backtrace", "Thread 0", "Fatal", "Crash"] {
            #expect(!screen.contains(word), "screen:\n\(screen)")
        }
    }

    /// While the dashboard runs, standard error goes to a file, so a runtime message or crash
    /// report never lands on the screen.
    @Test func standardErrorGoesToAFileWhileTheDashboardRuns() throws {
        let session = try liveSweep()
        let pid = try #require(try session.programPID())
        let diverted = try #require(Self.stderrTarget(of: pid))
        #expect(diverted.hasPrefix("/tmp/nndash-stderr-"), "standard error goes to \(diverted)")
        #expect(kill(pid, SIGABRT) == 0)
        try expectRestored(session, status: 128 + SIGABRT)
    }

    /// Where `pid`'s standard error points.
    static func stderrTarget(of pid: pid_t) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/\(pid)/fd/2", &buffer, buffer.count - 1)
        return n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
    }

    /// With Swift's backtracer switched on (it installs its own crash handlers at launch, and
    /// in a terminal would wait for keys on the alternate screen), a crash still restores the
    /// terminal and dies of its signal.
    @Test func crashWithTheSwiftBacktracerEnabled() throws {
        let session = try liveSweep(environment: "SWIFT_BACKTRACE=enable=yes")
        let pid = try #require(try session.programPID())
        #expect(kill(pid, SIGSEGV) == 0)
        try expectRestored(session, status: 128 + SIGSEGV)
    }
}
