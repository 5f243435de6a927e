import NNRuns

/// The log-reading workloads `nndash bench` times: runs of scalar points as TensorBoard event
/// files and as JSON lines, built once in memory, then parsed as `nndash watch` parses files.
///
/// Each run logs `tags` scalars at every step (a decaying loss with a little deterministic
/// noise): as torch's `SummaryWriter` writes them (one `Event` per tag and step, with a
/// `Summary.Value`'s float32 `simple_value`, in TFRecord framing with masked CRC-32C), or as
/// one JSON object per step (`{"step": s, "tag0": v, ...}`, numbers as Python's `json` writes
/// them). `benchmarks/make_logs.py` writes the same shapes to files.
public struct LogReadingBenchmark: Sendable {
    /// Each run's log, in the workload's format.
    public let logs: [[UInt8]]
    public let format: LogFormat

    /// - Parameters:
    ///   - format: `.tensorboard` or `.jsonl`.
    ///   - runs: logs (100).
    ///   - steps: steps per run (5000).
    ///   - tags: scalars logged per step (2): 10^6 points with the defaults.
    public init(format: LogFormat, runs: Int = 100, steps: Int = 5000, tags: Int = 2) {
        self.format = format
        logs = (0..<runs).map { r in
            var bytes: [UInt8] = []
            if format == .tensorboard {
                Self.appendRecord(Self.event(wallTime: 1.7e9 + Double(r), step: 0, version: "brain.Event:2"), to: &bytes)
            }
            for step in 0..<steps {
                let wallTime = 1.7e9 + Double(r) + Double(step) * 0.01
                let values = (0..<tags).map { Self.value(run: r, tag: $0, step: step) }
                if format == .tensorboard {
                    for (k, value) in values.enumerated() {
                        Self.appendRecord(Self.event(wallTime: wallTime, step: step, tag: "tag\(k)", value: Float(value)), to: &bytes)
                    }
                } else {
                    var line = "{\"step\": \(step)"
                    for (k, value) in values.enumerated() { line += ", \"tag\(k)\": \(value)" }
                    bytes += Array((line + "}\n").utf8)
                }
            }
            return bytes
        }
    }

    /// Parses every log; returns the number of points read.
    public func run() -> Int {
        logs.reduce(0) { $0 + LogRun.parse($1, format: format).pointCount }
    }

    /// A decaying loss with a little noise, the same for every build.
    static func value(run: Int, tag: Int, step: Int) -> Double {
        let rate = 1.0 + Double(run % 10) * 0.2
        let noise = Double((step &* 2_654_435_761 &+ run &* 40_503 &+ tag) % 1000) / 100_000
        return (2.0 + Double(tag)) / (1.0 + rate * Double(step) / 500.0) + noise
    }

    private static func varint(_ value: UInt64, into bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private static func lengthDelimited(_ field: UInt64, _ payload: [UInt8], into bytes: inout [UInt8]) {
        varint(field << 3 | 2, into: &bytes)
        varint(UInt64(payload.count), into: &bytes)
        bytes += payload
    }

    /// An `Event` (event.proto): wall_time 1, step 2, file_version 3, summary 5 holding one
    /// `Summary.Value` with tag 1 and simple_value 2.
    private static func event(wallTime: Double, step: Int, version: String? = nil, tag: String = "", value: Float = 0) -> [UInt8] {
        var event: [UInt8] = [0x09]
        withUnsafeBytes(of: wallTime.bitPattern.littleEndian) { event += $0 }
        event.append(0x10)
        varint(UInt64(step), into: &event)
        if let version {
            lengthDelimited(3, Array(version.utf8), into: &event)
            return event
        }
        var summaryValue: [UInt8] = []
        lengthDelimited(1, Array(tag.utf8), into: &summaryValue)
        summaryValue.append(0x15)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { summaryValue += $0 }
        var summary: [UInt8] = []
        lengthDelimited(1, summaryValue, into: &summary)
        lengthDelimited(5, summary, into: &event)
        return event
    }

    /// Appends `payload` as a TFRecord: length, masked CRC-32C of the length, payload, its masked CRC-32C.
    private static func appendRecord(_ payload: [UInt8], to bytes: inout [UInt8]) {
        var length: [UInt8] = []
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { length += $0 }
        bytes += length
        withUnsafeBytes(of: masked(length).littleEndian) { bytes += $0 }
        bytes += payload
        withUnsafeBytes(of: masked(payload).littleEndian) { bytes += $0 }
    }

    private static func masked(_ data: [UInt8]) -> UInt32 {
        data.withUnsafeBytes { CRC32C.masked($0) }
    }
}
