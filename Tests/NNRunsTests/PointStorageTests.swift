import Foundation
import NNTestSupport
@testable import NNRuns
import Testing

/// How scalar points are held: steps, values and wall times as the log stored them, in at most
/// 24 bytes a point, and no bytes of a read file kept once its records are parsed.
@Suite struct PointStorageTests {
    @Test func eventFilePointsKeepTheirStepsValuesAndTimesInAtMost24Bytes() throws {
        var random = SeededRandom("event file points", seed: 19)
        var writer = EventFileWriter()
        writer.append(EventFileWriter.event(step: 0, fileVersion: "brain.Event:2"))
        let count = 20_000
        let first: Int64 = 1 << 40  // steps far from 0: kept as distances from the first
        var steps: [Int64] = [], values: [Float] = [], times: [Double] = []
        for i in 0..<count {
            let step = first + Int64(i) * 3 + Int64(random.next() % 3)
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: random.next()))
            let time = 1.7e9 + Double(i) * 0.25 + Double(random.next() % 1000) / 1e4
            guard value.isFinite else { continue }
            steps.append(step); values.append(value); times.append(time)
            writer.append(EventFileWriter.event(step: step, wallTime: time, scalars: [("loss", value)]))
        }
        let series = LogRun.parse(writer.bytes, format: .tensorboard).scalar("loss")!
        #expect(Array(series.steps) == steps)
        #expect(zip(series.y, values).allSatisfy { $0.bitPattern == Double($1).bitPattern })
        #expect(series.y.count == values.count)
        #expect(zip(series.wallTimes, times).allSatisfy { abs($0 - $1) < 1e-3 })
        #expect(series.wallTimes.count == times.count)
        #expect(series.bytes <= 24 * series.count, "\(series.bytes) bytes for \(series.count) points")
        // Once the columns give back their spare room (as a follower does after a bulk read):
        // 12 bytes a point, and an eighth more room at most.
        var run = LogRun.parse(writer.bytes, format: .tensorboard)
        run.shrinkScalars()
        let shrunk = try #require(run.scalar("loss"))
        #expect(shrunk.bytes <= 12 * shrunk.count * 9 / 8 + 12 * 16, "\(shrunk.bytes) bytes for \(shrunk.count) points")
    }

    @Test func valuesThatAreNotFloatsAndStepsFarApartStayExact() {
        var random = SeededRandom("doubles and wide steps", seed: 1919)
        var text = "", steps: [Int64] = [], values: [Double] = []
        var step: Int64 = -5
        for i in 0..<2000 {
            // Floats first, then any doubles; steps jump past 32 bits once.
            let value = i < 1000 ? Double(Float(i) / 8) : Double(bitPattern: random.next() >> 2)
            step += i == 1500 ? 1 << 33 : 1 + Int64(random.next() % 5)
            steps.append(step); values.append(value)
            text += "{\"step\": \(step), \"loss\": \(value)}\n"
        }
        let series = LogRun.parse(Array(text.utf8), format: .jsonl).scalar("loss")!
        #expect(Array(series.steps) == steps)
        #expect(series.y.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test func aFollowerKeepsNoBytesOfRecordsItParsed() throws {
        var writer = EventFileWriter()
        writer.append(EventFileWriter.event(step: 0, fileVersion: "brain.Event:2"))
        for step in 0..<50_000 { writer.append(EventFileWriter.event(step: Int64(step), scalars: [("loss", 1)])) }
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("events.out.tfevents.1.host").path
        try Data(writer.bytes).write(to: URL(fileURLWithPath: path))
        var follower = LogFollower(path: path, format: .tensorboard)
        var run = LogRun(name: "run", path: folder.path, format: .tensorboard)
        #expect(follower.poll(into: &run) == .grew)
        #expect(run.scalar("loss")?.count == 50_000)
        #expect(writer.bytes.count > 1 << 20)
        #expect(follower.heldBytes <= 2 * LogFollower.prefixLength, "\(follower.heldBytes) bytes held")
    }
}
