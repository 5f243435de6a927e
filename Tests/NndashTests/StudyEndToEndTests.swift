import Foundation
import NNRuns
import Testing

/// Every study subcommand in a real terminal: it starts, draws, answers keys and quits cleanly.
@Suite(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct StudyEndToEndTests {
    struct Case: Sendable, CustomStringConvertible {
        var arguments: String
        /// Text the first frame must show.
        var shows: String
        /// A study key, and text the screen shows after it.
        var key: String?
        var afterKey: String?
        var description: String { arguments }
    }

    static let cases = [
        Case(arguments: "sweep --function quartic --scale log --lr-min 0.001 --num 3 --iterations 30", shows: "x⁴"),
        Case(arguments: "gd --iterations 10", shows: "x on the curve", key: "]", afterKey: "lr = 0.125"),
        Case(arguments: "momentum --iterations 30", shows: "x by iteration", key: "n", afterKey: "Selected (n): lr=0.03"),
        Case(arguments: "optimizers --iterations 40", shows: "paths on rosenbrock", key: "f", afterKey: "paths on beale"),
        Case(arguments: "activations --points 41", shows: "d/dx"),
        Case(arguments: "init --layers 12", shows: "calculate_gain"),
        Case(arguments: "losses --points 21", shows: "worked examples"),
        Case(arguments: "regression --epochs 60", shows: "fitted lines"),
        Case(arguments: "backprop --steps 5", shows: "w5=0."),
        Case(arguments: "optim-api", shows: "param_groups", key: "n", afterKey: "step 12"),
        Case(arguments: "concepts", shows: "binary entropy"),
        Case(arguments: "dead-relu --steps 40", shows: "dead hidden units", key: "]", afterKey: "SGD lr 9"),
    ]

    @Test(arguments: cases)
    func studyDrawsAnswersKeysAndQuits(_ study: Case) throws {
        let session = try TmuxSession(command: "'\(Binary.url.path)' \(study.arguments) --no-record --delay-ms 5")
        let first = try session.waitFor { $0.contains(study.shows) }
        #expect(first.contains(study.shows), "screen:\n\(first)")
        let name = String(study.arguments.prefix { $0 != " " })
        #expect(first.contains("nndash \(name)"))

        try session.send("?")
        let help = try session.waitFor { $0.contains("this help") }
        #expect(help.contains("pause / resume"))
        try session.send("x")
        try session.waitFor { !$0.contains("this help") && $0.contains(study.shows) }

        if let key = study.key, let afterKey = study.afterKey {
            try session.send(key)
            let after = try session.waitFor { $0.contains(afterKey) }
            #expect(after.contains(afterKey), "after \(key):\n\(after)")
        }
        try session.resize(width: 100, height: 30)
        try session.waitFor { $0.contains(study.shows) || $0.contains("nndash \(name)") }

        try session.send("q")
        #expect(session.exitStatus() == 0)
        #expect(isSane(session.terminalModes()), "modes: \(session.terminalModes())")
    }

    @Test func studyKeysAreListedInTheHelp() throws {
        let session = try TmuxSession(command: "'\(Binary.url.path)' momentum --iterations 20 --no-record --delay-ms 5")
        try session.waitFor { $0.contains("x by iteration") }
        try session.send("?")
        let help = try session.waitFor { $0.contains("Keys of momentum") }
        #expect(help.contains("select the next run"))
        try session.send("q")
        #expect(session.exitStatus() == 0)
    }

    @Test func aRestartByKeyRecordsANewRunWithTheNewParameters() throws {
        let session = try TmuxSession(command: "'\(Binary.url.path)' gd --iterations 5 --lr 0.2 --runs-dir runs --delay-ms 5")
        try session.waitFor { $0.contains("finished") }
        try session.send("]")
        try session.waitFor { $0.contains("lr = 0.125") && $0.contains("finished") }
        try session.send("q")
        #expect(session.exitStatus() == 0)
        let runs = session.directory.appendingPathComponent("runs")
        let folders = try FileManager.default.contentsOfDirectory(at: runs, includingPropertiesForKeys: nil)
        let lrs = try folders.map { folder in
            try JSONValue(parsing: Data(contentsOf: folder.appendingPathComponent("run.json")))["params"]?["lr"]?.doubleValue
        }
        #expect(Set(lrs) == [0.2, 0.125])
    }
}
