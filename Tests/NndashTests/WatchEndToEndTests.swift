import Foundation
import Testing

/// `nndash watch` and `nndash replay` in a terminal, driven as a person would.
@Suite(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct WatchEndToEndTests {
    func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// Quits the program in `session` as a person does, and checks that it ended well.
    static func quit(_ session: TmuxSession) throws {
        try session.send("q")
        #expect(session.exitStatus() == 0, "screen:\n\((try? session.screen()) ?? "")")
        #expect(isSane(session.terminalModes()), "modes: \(session.terminalModes())")
    }

    @Test func pointsWrittenToLogsAppearLiveAndFiltersApply() throws {
        let logs = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: logs) }
        let jsonl = logs.appendingPathComponent("mlp.jsonl"), csv = logs.appendingPathComponent("cnn.csv")
        try Data("{\"step\": 0, \"loss\": 2.5}\n{\"step\": 1, \"loss\": 2.0}\n".utf8).write(to: jsonl)
        try Data("step,loss\n0,3.0\n1,1.0\n".utf8).write(to: csv)

        let session = try TmuxSession(command: "'\(Binary.url.path)' watch --interval 0.25 '\(logs.path)'")
        let first = try session.waitFor { containsBraille($0) && $0.contains("mlp.jsonl") && $0.contains("cnn.csv") }
        #expect(first.contains("nndash watch · 2 runs · 1 tag"), "screen:\n\(first)")

        // A new tag in one file, a new step in the other: both show while the view runs.
        try append("{\"step\": 2, \"loss\": 1.5, \"grad_norm\": 0.25}\n", to: jsonl)
        let grown = try session.waitFor { $0.contains("grad_norm") }
        #expect(grown.contains("2 runs · 2 tags"), "screen:\n\(grown)")
        try session.send("t")
        try session.waitFor { $0.contains("step of min") }
        try append("4242,0.125\n", to: csv)
        let table = try session.waitFor { $0.contains("4242") }
        let row = table.split(separator: "\n").first { $0.contains("cnn.csv") && $0.contains("4242") }
        #expect(row?.split(separator: " ").map(String.init) == ["cnn.csv", "loss", "4242", "0.125", "0.125", "4242", "3"],
                "screen:\n\(table)")
        try session.send("t")

        // A bad pattern shows an error and changes nothing; a good one filters the charts.
        try session.send("/", "grad(", "Enter")
        let error = try session.waitFor { $0.contains("not a regular expression") }
        #expect(error.contains("not a regular expression: grad("))
        try session.send("BSpace", "Enter")
        let filtered = try session.waitFor { $0.contains("tags /grad/") }
        #expect(filtered.contains("grad_norm"))
        #expect(!filtered.contains("▸ loss"))
        // Escape leaves the prompt and keeps the filter that was in force.
        try session.send("/", "xyz")
        try session.waitFor { $0.contains("tag filter (regex): ") && $0.contains("xyz") }
        try session.send("Escape")
        let kept = try session.waitFor { !$0.contains("tag filter") }
        #expect(kept.contains("tags /grad/") && !kept.contains("xyz"), "screen:\n\(kept)")

        try Self.quit(session)
    }

    /// The dashboard shows the newest warning in its footer while no other message is shown,
    /// and prints every warning on standard error once the terminal is restored.
    /// The mouse as a terminal reports it (xterm's button events, as tmux forwards them): watch
    /// and replay ask for it, the wheel zooms the chart under the pointer and a click on a
    /// legend entry hides its run; with --no-mouse the terminal keeps it.
    @Test func theMouseZoomsAndTogglesAndNoMouseLeavesItToTheTerminal() throws {
        let logs = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: logs) }
        try Data((0..<20).map { "{\"step\": \($0), \"loss\": \(1.0 / Double($0 + 1))}\n" }.joined().utf8)
            .write(to: logs.appendingPathComponent("mlp.jsonl"))
        try Data("step,loss\n0,3.0\n19,1.0\n".utf8).write(to: logs.appendingPathComponent("cnn.csv"))
        /// A mouse event at 0-based cell (`x`, `y`) as xterm (the session's TERM) reports it in
        /// its SGR form: `button` 0 the first button, 64 the wheel up; `released` for a release.
        func event(_ button: Int, _ x: Int, _ y: Int, released: Bool = false) -> String {
            "\u{1B}[<\(button);\(x + 1);\(y + 1)" + (released ? "m" : "M")
        }
        func mouseFlag(_ session: TmuxSession) throws -> Bool {
            try session.tmux(["display-message", "-p", "-t", "t", "#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}"])
                .contains("1")
        }
        let session = try TmuxSession(width: 80, height: 24, command: "'\(Binary.url.path)' watch '\(logs.path)'")
        let first = try session.waitFor { containsBraille($0) && $0.contains("mlp.jsonl") }
        #expect(try mouseFlag(session), "screen:\n\(first)")
        // One chart: the wheel over the middle of its plot zooms x in.
        try session.send("-l", event(64, 40, 12))
        let zoomed = try session.waitFor { $0.contains("x ×2") }
        #expect(zoomed.split(separator: "\n")[1].contains("loss"), "screen:\n\(zoomed)")
        // A click on a run's name in the legend hides that run.
        let rows = zoomed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = try #require(rows.firstIndex { $0.contains("mlp.jsonl") })
        let x = try #require(rows[y].range(of: "mlp.jsonl").map { rows[y][..<$0.lowerBound].count })
        try session.send("-l", event(0, x + 2, y) + event(0, x + 2, y, released: true))
        let hidden = try session.waitFor { $0.contains("(hidden)") }
        #expect(hidden.contains("mlp.jsonl (hidden)") && !hidden.contains("cnn.csv (hidden)"), "screen:\n\(hidden)")
        try Self.quit(session)

        let plain = try TmuxSession(width: 80, height: 24, command: "'\(Binary.url.path)' watch --no-mouse '\(logs.path)'")
        try plain.waitFor { containsBraille($0) && $0.contains("mlp.jsonl") }
        #expect(try !mouseFlag(plain))
        try Self.quit(plain)

        // replay: the wheel zooms its chart too; --no-mouse leaves the mouse alone.
        let runs = logs.appendingPathComponent("runs")
        #expect(try Binary.run(["sweep", "--plain", "--runs-dir", runs.path, "--num", "2", "--iterations", "10"]).status == 0)
        let folder = runs.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: runs.path).first))
        for mouse in [true, false] {
            let replay = try TmuxSession(width: 80, height: 24,
                                         command: "'\(Binary.url.path)' replay \(mouse ? "" : "--no-mouse ")'\(folder.path)'")
            try replay.waitFor { containsBraille($0) && $0.contains("replay") }
            #expect(try mouseFlag(replay) == mouse)
            if mouse {
                try replay.send("-l", event(64, 40, 10))
                try replay.waitFor { $0.contains("x ×2") }
            }
            try Self.quit(replay)
        }
    }

    @Test func warningsShowInTheFooterAndArePrintedOnQuitting() throws {
        let logs = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: logs) }
        try Data("{\"step\": 0, \"loss\": 2.5}\n{\"step\": 1, \"loss\": 2.0}\n".utf8).write(to: logs.appendingPathComponent("a.jsonl"))
        try Data("{\"step\": 0, \"loss\": 2}\ngarbage\n{\"step\": 1, \"loss\": 1}\n".utf8).write(to: logs.appendingPathComponent("bad.jsonl"))
        let session = try TmuxSession(command: "'\(Binary.url.path)' watch --interval 0.25 '\(logs.path)'")
        let warning = "bad.jsonl: 1 line that is not a JSON object skipped (first at bad.jsonl line 2)"
        let screen = try session.waitFor { containsBraille($0) && $0.contains("warning: ") }
        let footer = screen.split(separator: "\n").last { $0.contains("warning: ") }.map(String.init) ?? ""
        #expect(footer.contains("warning: bad.jsonl: 1 line that is not a JSON object"), "screen:\n\(screen)")
        try Self.quit(session)
        let after = try session.screen()
        #expect(after.contains("nndash watch: \(warning)"), "screen after quitting:\n\(after)")
    }

    @Test func sigtermAndSighupRestoreTheTerminal() throws {
        let logs = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: logs) }
        try Data("{\"step\": 0, \"loss\": 2.5}\n{\"step\": 1, \"loss\": 2.0}\n".utf8)
            .write(to: logs.appendingPathComponent("a.jsonl"))
        for (signal, status) in [("TERM", Int32(143)), ("HUP", 129)] {
            let session = try TmuxSession(command: "'\(Binary.url.path)' watch '\(logs.path)' </dev/tty & echo $! > pid; wait $!")
            try session.waitFor { containsBraille($0) }
            let pid = try String(contentsOf: session.directory.appendingPathComponent("pid"), encoding: .utf8)
            kill(pid_t(pid.trimmingCharacters(in: .whitespacesAndNewlines))!, signal == "TERM" ? SIGTERM : SIGHUP)
            #expect(session.exitStatus() == status)
            #expect(isSane(session.terminalModes()))
        }
    }

    @Test func aRecordedSweepIsReplayedInTheDashboard() throws {
        let runs = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: runs) }
        let recorded = try Binary.run(["sweep", "--plain", "--runs-dir", runs.path, "--num", "3", "--iterations", "30"])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: runs.path).first)
        let path = runs.appendingPathComponent(folder).path

        let session = try TmuxSession(command: "'\(Binary.url.path)' replay '\(path)'")
        let screen = try session.waitFor { containsBraille($0) && $0.contains("lr=0.2") }
        #expect(screen.contains("nndash sweep"), "screen:\n\(screen)")
        #expect(screen.contains("replay at the end"))
        // lr = 0.105 multiplies the error by |1 − 8·0.105| = 0.16 a step: the fastest of the three.
        #expect(screen.contains("Fastest: lr=0.105"))
        try session.send("?")
        try session.waitFor { $0.contains("this help") }
        try session.send("x")
        try Self.quit(session)
    }
}
