import Foundation
import NNRuns
import NNTestSupport
import Testing

/// The fuzz entry points on mutated real logs and on noise: no trap, reading in pieces gives what
/// reading at once gives, and for event files (whose records carry CRCs) a flipped byte never
/// costs more than the one record it hit.
@Suite struct ParserFuzzTests {
    @Test func aFlippedByteInAnEventFileCostsAtMostOneRecord() throws {
        let bytes = try Fixtures.bytes(try Fixtures.eventFile("tensorboard/lr0.5"))
        let clean = LogRun.parse(bytes, format: .tensorboard).pointCount
        var random = SeededRandom("flipped bytes", seed: 1)
        for _ in 0..<300 {
            var damaged = bytes
            damaged[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            let run = LogRun.parse(damaged, format: .tensorboard, chunkSize: Int.random(in: 1...9000, using: &random))
            #expect(run.pointCount >= clean - 1 && run.pointCount <= clean)
            #expect(run.pointCount == clean || !run.warnings.isEmpty)
        }
    }

    @Test(arguments: [LogFormat.csv, .jsonl, .tensorboard])
    func mutatedLogsReadTheSameInPiecesAndAtOnce(format: LogFormat) throws {
        var random = SeededRandom("damaged logs", seed: 2)
        let sources = [
            try Fixtures.bytes("train.jsonl"), try Fixtures.bytes("keras_training.log"),
            try Fixtures.bytes("lightning/spiral/version_0/metrics.csv"),
        ]
        for round in 0..<200 {
            var bytes = sources[round % sources.count]
            for _ in 0..<Int.random(in: 1...20, using: &random) {
                let i = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[i] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.insert(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "{"), 0x0A, 0xFF], at: i)
                default: bytes.removeSubrange(i..<min(bytes.count, i + 7))
                }
            }
            let pieces = LogRun.parse(bytes, format: format, chunkSize: Int.random(in: 1...4096, using: &random))
            let whole = LogRun.parse(bytes, format: format)
            #expect(pieces.scalars == whole.scalars)
            #expect(pieces.warnings == whole.warnings)
        }
        let noise = (0..<50_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        #expect(LogRun.parse(noise, format: format, chunkSize: 333).scalars == LogRun.parse(noise, format: format).scalars)
        #expect(RunFolder.parse(noise).report.series.isEmpty)
    }
}
