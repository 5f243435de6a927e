import Foundation
import NNRuns
import NNTestSupport
import Testing

/// Damaged logs: every good record survives, what was skipped is counted in the warnings.
@Suite struct DamagedLogTests {
    let events: [UInt8]
    let records: [Range<Int>]

    init() throws {
        events = try Fixtures.bytes(try Fixtures.eventFile("tensorboard/lr0.05"))
        records = Fixtures.records(events)
    }

    /// The file without record `k`: what a reader that loses exactly that record must see.
    func without(_ k: Int) -> LogRun {
        LogRun.parse(Array(events[..<records[k].lowerBound] + events[records[k].upperBound...]), format: .tensorboard)
    }

    @Test func aRecordCutOffMidWriteKeepsEveryEarlierRecord() {
        let k = records.count / 2
        let cut = records[k].lowerBound + records[k].count / 2
        let run = LogRun.parse(events[..<cut], format: .tensorboard)
        let clean = LogRun.parse(events[..<records[k].lowerBound], format: .tensorboard)
        #expect(run.scalars == clean.scalars)
        #expect(run.histograms == clean.histograms)
        #expect(run.pointCount > 0)
        #expect(run.warnings.count == 1)
        #expect(run.warnings.first?.contains("cut off") == true)
    }

    @Test(arguments: [("data", 14), ("data CRC", -2), ("length CRC", 9), ("length", 0)])
    func aFlippedByteLosesOnlyItsRecord(part: String, at position: Int) {
        for k in [0, 1, records.count / 2, records.count - 1] {
            var damaged = events
            let index = position >= 0 ? records[k].lowerBound + position : records[k].upperBound + position
            damaged[index] ^= 0x5A
            let run = LogRun.parse(damaged, format: .tensorboard)
            let expected = without(k)
            #expect(run.scalars == expected.scalars, "\(part) of record \(k)")
            #expect(run.histograms == expected.histograms, "\(part) of record \(k)")
            #expect(run.warnings.count == 1, "\(part) of record \(k) of \(records.count): \(run.warnings)")
        }
    }

    @Test func damagedFilesInAFolderKeepEveryGoodRecordAndSayWhatWasLost() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ bytes: [UInt8], _ name: String) throws {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let k = records.count / 2
        try write(Array(events[..<(records[k].lowerBound + 20)]), "cut/events.out.tfevents.1")
        var flipped = events
        flipped[records[k].lowerBound + 14] ^= 1
        try write(flipped, "crc/events.out.tfevents.1")
        let jsonl = try Fixtures.bytes("train.jsonl")
        try write(jsonl + Array("garbage\n{\"step\": 3, \"loss\": 9}\n".utf8), "restart.jsonl")
        let runs = try RunWatcher.read(paths: [folder.path])
        #expect(runs.map(\.name) == ["crc", "cut", "restart.jsonl"])

        let cut = LogRun.parse(events[..<records[k].lowerBound], format: .tensorboard)
        #expect(runs[1].scalars == cut.scalars)
        #expect(runs[1].warnings.count == 1 && runs[1].warnings[0].contains("cut off"))
        #expect(runs[0].scalars == without(k).scalars)
        #expect(runs[0].warnings.count == 1 && runs[0].warnings[0].contains("bad data CRC"))

        let loss = try #require(runs[2].scalar("loss"))
        let clean = try #require(LogRun.parse(jsonl, format: .jsonl).scalar("loss"))
        #expect(Array(loss.steps) == Array(clean.steps.prefix(3)) + [3])
        #expect(Array(loss.y) == Array(clean.y.prefix(3)) + [9])
        #expect(runs[2].scalar("val_loss")?.count == clean.count)
        #expect(runs[2].warnings.count == 2)

        var text = ""
        LogRun.writeJSON(runs, to: &text)
        let json = try JSONValue(parsing: text)
        #expect(json["runs"]?.arrayValue?.map { $0["warnings"]?.arrayValue?.count ?? 0 } == [1, 1, 2])
    }

    @Test func garbageBetweenRecordsIsSkipped() {
        let k = records.count / 3
        var generator = SeededRandom("garbage between records", seed: 1_796_184_885)
        let garbage = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let damaged = Array(events[..<records[k].lowerBound]) + garbage + Array(events[records[k].lowerBound...])
        let run = LogRun.parse(damaged, format: .tensorboard)
        let clean = LogRun.parse(events, format: .tensorboard)
        #expect(run.scalars == clean.scalars)
        #expect(run.histograms == clean.histograms)
        #expect(!run.warnings.isEmpty)
    }

    @Test func garbageLinesInJSONLinesAreCountedAndSkipped() throws {
        let clean = try Fixtures.bytes("train.jsonl")
        var lines = clean.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        lines.insert(Array("not json at all".utf8), at: 10)
        lines.insert([0xFF, 0xFE, 0x00, 0x7B], at: 20)
        lines.insert(Array(String(repeating: "[", count: 100_000).utf8), at: 30)
        lines.insert(Array(#"{"loss": "#.utf8), at: 40)
        lines.insert(Array(repeating: UInt8(ascii: "x"), count: 3 << 20), at: 50)
        let damaged = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        let run = LogRun.parse(damaged, format: .jsonl)
        let reference = LogRun.parse(clean, format: .jsonl)
        #expect(run.scalars.map(\.label) == reference.scalars.map(\.label))
        for series in reference.scalars {
            #expect(run.scalar(series.label)?.y == series.y)
            #expect(run.scalar(series.label)?.steps == series.steps)
        }
        let warnings = run.warnings.joined(separator: "\n")
        #expect(warnings.contains("4 lines that are not JSON objects skipped"))
        #expect(warnings.contains("1 line longer than 1 MiB skipped"))
    }

    @Test func deeplyNestedValuesAreSkippedNotRecursedInto() {
        let nested = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let text = #"{"step": 3, "deep": \#(nested), "loss": 0.5}"# + "\n"
        let run = LogRun.parse(Array(text.utf8), format: .jsonl)
        #expect(run.scalar("loss")?.steps == [3])
        #expect(run.scalar("deep") == nil)
    }

    @Test func invalidUTF8InKeysBecomesReplacementCharacters() {
        let line: [UInt8] = Array(#"{"step": 1, "lo"#.utf8) + [0xC3, 0x28] + Array(#"ss": 2.5}"#.utf8) + [0x0A]
        let run = LogRun.parse(line, format: .jsonl)
        #expect(run.scalars.count == 1)
        #expect(run.scalars.first?.label == "lo\u{FFFD}(ss")
        #expect(run.scalars.first?.y == [2.5])
    }

    @Test func csvGarbageRowsAreCountedAndSkipped() throws {
        let clean = try Fixtures.bytes("keras_training.log")
        let damaged = clean + Array("garbage row\n8,0.5,oops,,\n\u{0}\u{1}binary\n9,0.9,0.4,0.8,0.3\n".utf8)
        let run = LogRun.parse(damaged, format: .csv)
        #expect(run.scalar("accuracy").map { Array($0.steps) } == Array(0...7) + [8, 9])
        #expect(run.scalar("loss").map { Array($0.steps) } == Array(0...7) + [9])
        let warnings = run.warnings.joined(separator: "\n")
        #expect(warnings.contains("2 rows without an integer in the epoch column skipped"))
        #expect(warnings.contains("1 cell that is not a number skipped"))
    }

    @Test func binaryFilesAreIgnoredInFoldersAndRefusedByName() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SeededRandom("binary file", seed: 20_261_202)
        let noise = Data((0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try noise.write(to: folder.appendingPathComponent("weights.log"))
        try Data(try Fixtures.bytes("train.jsonl")).write(to: folder.appendingPathComponent("train.jsonl"))
        let runs = try RunWatcher.read(paths: [folder.path])
        #expect(runs.map(\.name) == ["train.jsonl"])
        #expect(throws: WatchError.self) { try RunWatcher.read(paths: [folder.appendingPathComponent("weights.log").path]) }
        #expect(throws: WatchError.self) { try RunWatcher.read(paths: [folder.appendingPathComponent("missing").path]) }
    }
}
