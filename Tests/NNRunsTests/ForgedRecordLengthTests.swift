import Foundation
import NNRuns
import Testing

/// TFRecord lengths whose CRC is valid but whose value is forged or damaged: no length read
/// from a file decides how many bytes are passed over unseen, so every good record after one
/// is kept, whether the file is read at once, in pieces, or followed as it grows.
@Suite struct ForgedRecordLengthTests {
    /// A record header (length and its masked CRC) with no data behind it.
    static func header(_ length: UInt64) -> [UInt8] {
        let bytes = EventFileWriter.little(length)
        return bytes + EventFileWriter.little(EventFileWriter.masked(bytes))
    }

    static func events(_ steps: Range<Int64>) -> [UInt8] {
        var writer = EventFileWriter()
        for step in steps { writer.append(EventFileWriter.event(step: step, scalars: [("loss", Float(step))])) }
        return writer.bytes
    }

    /// Over 64 MiB, under it, and shorter than the next record (whose bytes then fail the forged
    /// record's data CRC).
    static let lengths: [UInt64] = [.max, .max - 3, .max - 15, 1 << 63, 1 << 40, 64 << 20 + 1, 64 << 20, 48 << 20, 1000, 17, 0]

    @Test(arguments: lengths)
    func everyRecordAfterAForgedLengthIsKept(length: UInt64) {
        let bytes = Self.events(0..<5) + Self.header(length) + Self.events(5..<10)
        for chunk in [nil, 1, 7, 4096] {
            let run = LogRun.parse(bytes, format: .tensorboard, chunkSize: chunk)
            #expect(run.scalar("loss").map { Array($0.steps) } == Array(0..<10), "length \(length), chunks of \(chunk ?? 0)")
            #expect(run.warnings.count == 1, "length \(length): \(run.warnings)")
        }
    }

    @Test(arguments: lengths)
    func aForgedLengthAtTheEndIsReportedOnce(length: UInt64) {
        let run = LogRun.parse(Self.events(0..<3) + Self.header(length), format: .tensorboard)
        #expect(run.scalar("loss")?.steps == [0, 1, 2])
        #expect(run.warnings.count == 1, "\(run.warnings)")
    }

    @Test func aFollowedFileKeepsGrowingAfterAForgedLengthIsAppended() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("events.out.tfevents.1")
        try Data(Self.events(0..<3)).write(to: url)
        let watcher = try RunWatcher(paths: [folder.path])
        _ = watcher.poll()
        #expect(watcher.runs.first?.scalar("loss")?.steps == [0, 1, 2])
        for (k, length) in Self.lengths.enumerated() {
            let handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(Self.header(length)))
            _ = watcher.poll()
            let next = Int64(3 + 2 * k)
            try handle.write(contentsOf: Data(Self.events(next..<(next + 2))))
            try handle.close()
            _ = watcher.poll()
            #expect(watcher.runs.first?.scalar("loss").map { Array($0.steps) } == Array(0..<(next + 2)), "after length \(length)")
        }
    }
}
