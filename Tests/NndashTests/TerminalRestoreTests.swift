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
    ])
    func signals(name: String, signal: Int32, status: Int32) throws {
        let session = try liveSweep()
        let pid = try #require(try session.programPID())
        #expect(kill(pid, signal) == 0, "kill -\(name)")
        try expectRestored(session, status: status)
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
