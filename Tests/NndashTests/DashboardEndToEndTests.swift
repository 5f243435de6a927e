import Foundation
import Testing

@Suite(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct DashboardEndToEndTests {
    @Test func sweepDrawsLiveAnswersKeysAndQuitsCleanly() throws {
        let session = try TmuxSession(command: "'\(Binary.url.path)' sweep --no-record --delay-ms 20")
        let screen = try session.waitFor { containsBraille($0) && $0.contains("lr=0.01") }
        #expect(containsBraille(screen), "screen:\n\(screen)")
        #expect(screen.contains("lr=0.2"))
        #expect(screen.contains("nndash sweep"))

        try session.send("?")
        let help = try session.waitFor { $0.contains("this help") }
        #expect(help.contains("pause / resume"))
        try session.send("x")
        try session.waitFor { !$0.contains("this help") && containsBraille($0) }

        try session.send("q")
        #expect(session.exitStatus() == 0)
        #expect(isSane(session.terminalModes()), "modes: \(session.terminalModes())")
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let session = try TmuxSession(command: "'\(Binary.url.path)' sweep --no-record --delay-ms 50")
        try session.waitFor { containsBraille($0) }
        try session.send("C-c")
        #expect(session.exitStatus() == 130)
        #expect(isSane(session.terminalModes()))
    }

    @Test func tinyTerminalShowsANoticeAndRecovers() throws {
        let session = try TmuxSession(command: "'\(Binary.url.path)' sweep --no-record --delay-ms 50")
        try session.waitFor { containsBraille($0) }
        try session.resize(width: 30, height: 8)
        let small = try session.waitFor { $0.contains("too small") }
        #expect(small.contains("too small"))
        try session.resize(width: 120, height: 40)
        let big = try session.waitFor { $0.contains("lr=0.01") }
        #expect(big.contains("lr=0.01"))
        try session.send("q")
        #expect(session.exitStatus() == 0)
    }
}
