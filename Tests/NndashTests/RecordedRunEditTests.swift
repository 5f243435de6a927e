import Foundation
import NNRuns
import Testing
@testable import nndash

/// A recorded `run.json` is a file anyone can edit, and replay reads the summary and
/// parameters of its study (grid sizes, class numbers, coordinates) to draw. Each value of
/// real recordings of every study is replaced, one key at a time, by hostile values; replay
/// must then read the run or refuse it, and draw it without a trap.
@Suite struct RecordedRunEditTests {
    /// The runs recorded, with the arguments that record them.
    static let recordings: [[String]] = [
        ["train", "--epochs", "1", "--data", "spiral", "--json"],
        ["train", "--epochs", "1", "--data", "shapes", "--model", "lenet", "--json"],
        ["lr-find", "--num-iter", "20", "--data", "spiral", "--json"],
        ["gd", "--iterations", "10", "--json"],
        ["sweep", "--num", "3", "--iterations", "10", "--json"],
        ["momentum", "--iterations", "10", "--json"],
        ["optimizers", "--iterations", "20", "--json"],
        ["activations", "--points", "20", "--json"],
        // 16 units wide rather than 256: replay works the gains out again from the seed, each edit.
        ["init", "--layers", "5", "--width", "16", "--json"],
        ["losses", "--points", "20", "--json"],
        ["regression", "--epochs", "50", "--json"],
        ["backprop", "--steps", "3", "--json"],
    ]

    static let hostile: [JSONValue] = [
        .int(-5), .int(0), .int(9_000_000_000_000_000), .number(1e308), .number(-1e308), .number(.nan), .number(2.5),
        .string("\u{1B}]52;c;cHduZWQ=\u{07}\u{9B}2J"), .array([]),
    ]

    /// The plain report each edited run is drawn by, at the dashboard's smallest size.
    static func report(_ screen: any StudyScreen) -> PlainReport {
        PlainReport(screen: screen, width: DashboardRenderer.minimumWidth, chartHeight: DashboardRenderer.minimumHeight)
    }

    /// Every path of `value`'s objects and arrays; "*" stands for every element of an array.
    static func paths(_ value: JSONValue, _ prefix: [String] = []) -> Set<[String]> {
        var found: Set<[String]> = [prefix]
        switch value {
        case .object(let members):
            for (key, member) in members { found.formUnion(paths(member, prefix + [key])) }
        case .array(let elements):
            for element in elements.prefix(3) { found.formUnion(paths(element, prefix + ["*"])) }
        default: break
        }
        return found
    }

    /// `value` with every node at `path` replaced by `replacement`.
    static func replacing(_ path: ArraySlice<String>, in value: JSONValue, with replacement: JSONValue) -> JSONValue {
        guard let key = path.first else { return replacement }
        switch value {
        case .object(let members) where key != "*":
            return .object(members.map { $0.0 == key ? ($0.0, replacing(path.dropFirst(), in: $0.1, with: replacement)) : $0 })
        case .array(let elements) where key == "*":
            return .array(elements.map { replacing(path.dropFirst(), in: $0, with: replacement) })
        default:
            return value
        }
    }

    @Test(arguments: recordings)
    func everyEditedValueReplaysSafely(arguments: [String]) throws {
        let runs = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: runs) }
        let recorded = try Binary.run(arguments + ["--runs-dir", runs.path])
        #expect(recorded.status == 0, "\(arguments): \(recorded.stderr)")
        let folders = try FileManager.default.contentsOfDirectory(at: runs, includingPropertiesForKeys: nil)
        let original = try #require(folders.first)
        let runJSON = original.appendingPathComponent("run.json")
        let document = try JSONValue(parsing: String(decoding: try Data(contentsOf: runJSON), as: UTF8.self))
        // The folder as replay reads it; each edit is then read from memory as `RunFolder.load`
        // reads the files (`RunFolder.parse`), rather than written and read back.
        _ = try RunFolder.load(original)
        let metrics = [UInt8](try Data(contentsOf: original.appendingPathComponent("metrics.jsonl")))
        let paths = Self.paths(document).filter { ["summary", "params"].contains($0.first) }.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(paths.count > 5)
        var replayed = 0
        for path in paths {
            for value in Self.hostile {
                let text = Self.replacing(path[...], in: document, with: value).jsonText
                let label = "\(arguments.first ?? "") \(path.joined(separator: ".")) = \(value.jsonText.debugDescription)"
                guard let folder = try? RunFolder.parse(runJSON: Array(text.utf8), metrics: metrics),
                      let study = try? RecordedStudy(folder) else { continue }
                replayed += 1
                // Escape sequences in the drawn text are the writer's to neutralize (`Output`, and
                // the terminal's cells), which `OutputSafetyTests` checks; here nothing may trap.
                // Every panel is drawn, at the smallest size the dashboard draws in: the same code
                // as at 100 columns, with a fifth of the cells to fill and read back.
                let plain = Self.report(study.screen).text(for: study.state, unicode: true)
                #expect(!plain.isEmpty, "\(label)")
            }
        }
        #expect(replayed > 0)
    }
}
