import Foundation
import NNRuns
import Testing

/// Every output path of nndash goes through `Output`, which lets no escape sequence or
/// control character from a file or an argument reach the terminal: run.json strings in
/// `replay --plain`, case ids in `parity`, tags in `watch --json`.
@Suite struct OutputSafetyTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// OSC title, OSC 52 (clipboard), BEL, clear screen, and a C1 CSI.
    static let attack = "x\u{1B}]0;owned\u{07}\u{1B}]52;c;aGk=\u{07}\u{07}\u{1B}[2J\u{9B}31m\u{202E}y"

    /// The characters of `text` that could drive a terminal (line feeds allowed).
    static func controls(_ text: String) -> [String] {
        text.unicodeScalars.filter { $0.isDisplayControl && $0 != "\n" }.map { String(format: "U+%04X", $0.value) }
    }

    /// Writing to standard output or standard error, or to a file meant to be read as text,
    /// anywhere but in `Output` (and the terminal backend, whose writes drive the screen).
    @Test func onlyOutputWritesToTheStandardStreams() throws {
        let patterns = [
            #"(?<![\w.])print\("#, #"debugPrint\("#, #"FileHandle\.standard(Output|Error)"#, #"\bf?puts\("#,
            #"\bfwrite\("#, #"\bputchar\("#, #"write\((STDOUT|STDERR)_FILENO"#,
            #"write\(toFile:"#, #"dprintf\("#,
        ].map { try! NSRegularExpression(pattern: $0) }
        let allowed = ["NNText/Output.swift", "NNTerminal/"]
        let walker = try #require(FileManager.default.enumerator(atPath: Self.sources.path))
        var offenders: [String] = []
        var scanned = 0
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            if allowed.contains(where: { relative.hasPrefix($0) }) { continue }
            scanned += 1
            let text = try String(contentsOf: Self.sources.appendingPathComponent(relative), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = String(line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                let range = NSRange(code.startIndex..., in: code)
                if patterns.contains(where: { $0.firstMatch(in: code, range: range) != nil }) {
                    offenders.append("\(relative):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(scanned > 100)
        #expect(offenders.isEmpty, "write through Output instead:\n\(offenders.joined(separator: "\n"))")
    }

    /// Hostile strings in a run folder are printed made safe, or the run is refused in one safe
    /// line (a study's parameters that are not its own); a study without a screen of its own
    /// lists its parameters, made safe.
    @Test(arguments: ["train", "lr-find", "custom"])
    func replayPrintsRunJSONStringsSafely(study: String) throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run: JSONValue = [
            "study": .string(study),
            "params": ["model": .string(Self.attack), "data": .string(Self.attack), "optimizer": .string(Self.attack),
                       "scheduler": .string(Self.attack), "lr": 0.1, "start_lr": 1e-7, "end_lr": 10, "num_iter": 100,
                       "beta": 0.98, "divergence_factor": 4],
            "summary": ["stop_reason": .string(Self.attack), "finished": true],
        ]
        try Data(run.jsonText.utf8).write(to: folder.appendingPathComponent("run.json"))
        let line: JSONValue = ["series": .string(Self.attack), "step": 0, "loss": 1.5, "lr": 0.1]
        try Data((line.jsonText + "\n").utf8).write(to: folder.appendingPathComponent("metrics.jsonl"))
        for mode in ["--plain", "--json"] {
            let result = try Binary.run(["replay", mode, folder.path], environment: ["LANG": "C.UTF-8"])
            #expect(result.status == 0 || (result.status == 2 && result.stderr.split(separator: "\n").count == 1),
                    "\(mode): \(result.status) \(result.stderr)")
            #expect(Self.controls(result.stdout).isEmpty, "\(mode) stdout: \(result.stdout)")
            #expect(Self.controls(result.stderr).isEmpty, "\(mode) stderr: \(result.stderr)")
        }
        guard study == "custom" else { return }
        let plain = try Binary.run(["replay", "--plain", folder.path], environment: ["LANG": "C.UTF-8"])
        #expect(plain.stdout.contains("\u{FFFD}"), "\(plain.stdout)")
    }

    @Test func parityPrintsACaseIDSafely() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let document: JSONValue = ["cases": [["id": .string(Self.attack), "kind": "op", "name": "no_such_op"]]]
        let file = folder.appendingPathComponent("ref.json")
        try Data(document.jsonText.utf8).write(to: file)
        let result = try Binary.run(["parity", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("FAIL x\u{FFFD}"), "\(result.stdout)")
        #expect(Self.controls(result.stdout + result.stderr).isEmpty, "\(result.stdout)")
    }

    @Test func watchJSONEscapesEveryControlCharacter() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tag = "\u{9B}31mloss\u{1B}[2J\u{202E}"
        let text = "{\"step\": 1, " + JSONValue.string(tag).jsonText + ": 0.5}\n"
        try Data(text.utf8).write(to: folder.appendingPathComponent("c1.jsonl"))
        let result = try Binary.run(["watch", "--json", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.controls(result.stdout).isEmpty, "\(result.stdout)")
        #expect(result.stdout.contains("\\u009b31mloss\\u001b[2J\\u202e"), "\(result.stdout)")
        let document = try JSONValue(parsing: result.stdout)
        #expect(document["runs"]?.arrayValue?.first?["scalars"]?[tag] == [[1, 0.5]])
    }
}
