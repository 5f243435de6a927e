import Foundation
import Testing

@testable import NNRuns

/// The fixed-layout reading of `add_scalar` records gives what the general decoding gives, and
/// leaves every other layout to it.
@Suite struct PlainScalarTests {
    /// The general decoding of a one-scalar event, as the fast path would report it.
    func decoded(_ bytes: [UInt8]) throws -> (Double, Int64, [UInt8], Float)? {
        var event = TensorBoardEvent()
        return try bytes.withUnsafeBytes { raw throws -> (Double, Int64, [UInt8], Float)? in
            try event.decode(raw)
            guard event.what == .summary, event.values.count == 1, let value = event.values.first,
                case .simple(let v) = value.datum, value.pluginName == nil else { return nil }
            return (event.wallTime, event.step, Array(value.tag), v)
        }
    }

    func plain(_ bytes: [UInt8]) -> (Double, Int64, [UInt8], Float)? {
        bytes.withUnsafeBytes { raw in
            TensorBoardEvent.plainScalar(raw).map { ($0.wallTime, $0.step, Array($0.tag), $0.value) }
        }
    }

    @Test func readsWhatTheGeneralDecodingReads() throws {
        let tags = ["", "loss", "train/loss", String(repeating: "t", count: 100), String(repeating: "u", count: 118)]  // 118: the longest whose summary length fits one byte
        let steps: [Int64] = [0, 1, 127, 128, 16_383, 16_384, 1 << 35, (1 << 62) + 5]
        for tag in tags {
            for step in steps {
                for value: Float in [0, -1.5, .infinity, .nan, .leastNonzeroMagnitude] {
                    let bytes = EventFileWriter.event(step: step, wallTime: 1.7e9 + 0.25, scalars: [(tag, value)])
                    let fast = try #require(plain(bytes), "tag of \(tag.utf8.count) bytes, step \(step)")
                    let general = try #require(try decoded(bytes))
                    #expect(fast.0.bitPattern == general.0.bitPattern && fast.1 == general.1 && fast.2 == general.2)
                    #expect(fast.3.bitPattern == general.3.bitPattern)
                    #expect(fast.1 == step)
                }
            }
        }
    }

    @Test func aStepOfZeroMayBeLeftOut() throws {
        // Protobuf writers leave out a field at its default: torch's step 0 has no step field.
        var bytes = EventFileWriter.event(step: 0, scalars: [("loss", 2)])
        #expect(bytes[9] == 0x10 && bytes[10] == 0)
        bytes.removeSubrange(9..<11)
        #expect(plain(bytes)?.1 == 0)
        #expect(plain(bytes)?.3 == 2)
        #expect(try decoded(bytes)?.1 == 0)
    }

    @Test func everyOtherLayoutIsLeftToTheGeneralDecoding() {
        let long = String(repeating: "t", count: 119)  // a summary length of two varint bytes
        let cases: [(String, [UInt8])] = [
            ("negative step (ten varint bytes)", EventFileWriter.event(step: -3, scalars: [("x", 1)])),
            ("long tag", EventFileWriter.event(step: 1, scalars: [(long, 1)])),
            ("two scalars", EventFileWriter.event(step: 1, scalars: [("a", 1), ("b", 2)])),
            ("histogram", EventFileWriter.event(step: 1, histograms: [("h", 0, 1, 3)])),
            ("file version", EventFileWriter.event(step: 0, fileVersion: "brain.Event:2")),
            ("NaN wall time", EventFileWriter.event(step: 1, wallTime: .nan, scalars: [("x", 1)])),
            ("plugin value", EventFileWriter.event(step: 1, values: [EventFileWriter.pluginValue("t", plugin: "text")])),
            ("a trailing field", EventFileWriter.event(step: 1, scalars: [("x", 1)]) + [0x30, 0x01]),
            ("cut short", Array(EventFileWriter.event(step: 1, scalars: [("x", 1)]).dropLast())),
        ]
        for (name, bytes) in cases {
            #expect(plain(bytes) == nil, "\(name)")
        }
    }
}
