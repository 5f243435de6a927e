import Foundation
import NNTestSupport
import Testing

/// Two hundred quick resizes between 1x1 and full size: the dashboard survives them, shows a
/// notice while too small, and the whole layout again once big enough.
@Suite(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct ResizeStormTests {
    @Test func resizingDownToOneCellAndBack() throws {
        let session = try TmuxSession(command: "'\(Binary.url.path)' sweep --no-record --delay-ms 20 --iterations 100000")
        try session.waitFor { containsBraille($0) }
        var random = SeededRandom("resize storm", seed: 200)
        for i in 0..<200 {
            let (width, height) = i % 3 == 0
                ? (1 + i % 5, 1 + i % 4)
                : (Int.random(in: 1...160, using: &random), Int.random(in: 1...50, using: &random))
            try session.resize(width: width, height: height)
        }
        try session.resize(width: 30, height: 8)
        let small = try session.waitFor { $0.contains("terminal too small") }
        #expect(small.contains("terminal too small"), "screen:\n\(small)")
        try session.resize(width: 120, height: 40)
        let big = try session.waitFor { $0.contains("nndash sweep") && $0.contains("lr=0.2") && containsBraille($0) }
        #expect(big.contains("lr=0.2"), "screen:\n\(big)")
        #expect(!big.contains("too small"))
        try session.send("q")
        #expect(session.exitStatus() == 0)
        #expect(isSane(session.terminalModes()))
    }
}
