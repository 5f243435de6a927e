import Foundation

/// Applies W&B `Record` protobufs to a run: history rows become points, config items params,
/// summary items the run's summary, and system metrics (stats records) series named
/// `system/<key>` whose x is the sample's number (its wall time kept for `x`).
///
/// Field numbers from W&B's `wandb/proto/wandb_internal.proto`: `Record` history 2, summary 3,
/// config 5, stats 7, run 17; `HistoryRecord` item 1, step 2 (`HistoryStep` num 1);
/// `HistoryItem`, `ConfigItem`, `SummaryItem` key 1, nested_key 2, value_json 16;
/// `StatsRecord` timestamp 2 (`Timestamp` seconds 1, nanos 2), item 3 (`StatsItem` key 1,
/// value_json 16); `RunRecord` config 4, display_name 8.
struct WandbRecord {
    /// One `key`/`value_json` item, in place.
    private struct Item {
        var key = UnsafeRawBufferPointer(start: nil, count: 0)
        var nestedKey: [UnsafeRawBufferPointer] = []
        var valueJSON = UnsafeRawBufferPointer(start: nil, count: 0)

        /// `key`, or the nested key's parts joined with `.` as W&B shows them.
        var name: String {
            if nestedKey.isEmpty { return String(decoding: key, as: UTF8.self) }
            return nestedKey.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ".")
        }

        var value: JSONValue? { try? JSONValue(parsing: valueJSON) }

        /// Whether the key is one of W&B's own (`_step`, `_runtime`, `_timestamp`, `_wandb`).
        var isBookkeeping: Bool { (nestedKey.first ?? key).first == UInt8(ascii: "_") }
    }

    /// System-metric samples read so far (the x of `system/` series).
    private var samples: Int64 = 0
    private var items: [Item] = []

    mutating func decode(_ bytes: UnsafeRawBufferPointer, into run: inout LogRun, place: @autoclosure () -> String) throws(ProtoError) {
        var reader = ProtoReader(bytes)
        while let (number, wire) = try reader.nextField() {
            switch (number, wire) {
            case (2, .lengthDelimited): try history(try reader.lengthDelimited(), into: &run, place: place())
            case (3, .lengthDelimited): try updates(try reader.lengthDelimited(), into: &run, config: false)
            case (5, .lengthDelimited): try updates(try reader.lengthDelimited(), into: &run, config: true)
            case (7, .lengthDelimited): try stats(try reader.lengthDelimited(), into: &run, place: place())
            case (17, .lengthDelimited):
                var runRecord = ProtoReader(try reader.lengthDelimited())
                while let (field, fieldWire) = try runRecord.nextField() {
                    if field == 4, fieldWire == .lengthDelimited {
                        try updates(try runRecord.lengthDelimited(), into: &run, config: true)
                    } else if field == 8, fieldWire == .lengthDelimited {
                        let name = try runRecord.lengthDelimited()
                        if !name.isEmpty { run.displayName = String(decoding: name, as: UTF8.self) }
                    } else {
                        try runRecord.skip(fieldWire)
                    }
                }
            default: try reader.skip(wire)
            }
        }
    }

    private static func item(_ bytes: UnsafeRawBufferPointer) throws(ProtoError) -> Item {
        var item = Item()
        var reader = ProtoReader(bytes)
        while let (number, wire) = try reader.nextField() {
            switch (number, wire) {
            case (1, .lengthDelimited): item.key = try reader.lengthDelimited()
            case (2, .lengthDelimited): item.nestedKey.append(try reader.lengthDelimited())
            case (16, .lengthDelimited): item.valueJSON = try reader.lengthDelimited()
            default: try reader.skip(wire)
            }
        }
        return item
    }

    /// A `HistoryRecord`: one row of `run.log`, its step from `_step` (else `step.num`).
    private mutating func history(_ bytes: UnsafeRawBufferPointer, into run: inout LogRun, place: @autoclosure () -> String) throws(ProtoError) {
        items.removeAll(keepingCapacity: true)
        var step: Int64?
        var reader = ProtoReader(bytes)
        while let (number, wire) = try reader.nextField() {
            if number == 1, wire == .lengthDelimited {
                items.append(try Self.item(try reader.lengthDelimited()))
            } else if number == 2, wire == .lengthDelimited {
                var stepReader = ProtoReader(try reader.lengthDelimited())
                while let (field, fieldWire) = try stepReader.nextField() {
                    if field == 1, fieldWire == .varint { step = Int64(bitPattern: try stepReader.varint()) } else { try stepReader.skip(fieldWire) }
                }
            } else {
                try reader.skip(wire)
            }
        }
        var wallTime: Double?
        for item in items where item.isBookkeeping {
            let name = item.name
            if name == "_step", let d = item.value?.doubleValue, d.rounded() == d, abs(d) < 9.2e18 {
                step = Int64(d)
            } else if name == "_timestamp" {
                wallTime = item.value?.doubleValue
            }
        }
        for item in items {
            if item.isBookkeeping { continue }
            guard let value = item.value, let number = Self.number(value) else { continue }
            let index: Int?
            if item.nestedKey.isEmpty {
                index = run.scalarIndex(item.key, place: place())
            } else {
                index = Array(item.name.utf8).withUnsafeBytes { run.scalarIndex($0, place: place()) }
            }
            guard let index else { continue }
            run.appendPreempting(index, step: step ?? 0, value: number, wallTime: wallTime, place: place())
        }
    }

    /// A JSON number (not a boolean, string or object: W&B logs those too).
    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .number(let d): d
        case .int(let i): Double(i)
        default: nil
        }
    }

    /// A `ConfigRecord` or `SummaryRecord`: updates (field 1) and removals (field 2).
    private func updates(_ bytes: UnsafeRawBufferPointer, into run: inout LogRun, config: Bool) throws(ProtoError) {
        var reader = ProtoReader(bytes)
        while let (number, wire) = try reader.nextField() {
            guard number == 1 || number == 2, wire == .lengthDelimited else {
                try reader.skip(wire)
                continue
            }
            let item = try Self.item(try reader.lengthDelimited())
            if item.isBookkeeping { continue }
            let name = item.name
            if config {
                run.params[name] = number == 2 ? nil : item.value.map(Self.text) ?? ""
            } else {
                run.summary[name] = number == 2 ? nil : item.value.flatMap(Self.number)
            }
        }
    }

    /// A config value as text: strings as they are, anything else as JSON.
    private static func text(_ value: JSONValue) -> String {
        value.stringValue ?? value.jsonText
    }

    /// A `StatsRecord`: one sample of system metrics.
    private mutating func stats(_ bytes: UnsafeRawBufferPointer, into run: inout LogRun, place: @autoclosure () -> String) throws(ProtoError) {
        items.removeAll(keepingCapacity: true)
        var wallTime: Double?
        var reader = ProtoReader(bytes)
        while let (number, wire) = try reader.nextField() {
            switch (number, wire) {
            case (2, .lengthDelimited):
                var time = ProtoReader(try reader.lengthDelimited())
                var seconds: Int64 = 0, nanos: Int64 = 0
                while let (field, fieldWire) = try time.nextField() {
                    switch (field, fieldWire) {
                    case (1, .varint): seconds = Int64(bitPattern: try time.varint())
                    case (2, .varint): nanos = Int64(bitPattern: try time.varint())
                    default: try time.skip(fieldWire)
                    }
                }
                wallTime = Double(seconds) + Double(nanos) / 1e9
            case (3, .lengthDelimited): items.append(try Self.item(try reader.lengthDelimited()))
            default: try reader.skip(wire)
            }
        }
        var tag: [UInt8] = []
        for item in items {
            guard let value = item.value, let number = Self.number(value) else { continue }
            tag.removeAll(keepingCapacity: true)
            tag += "system/".utf8
            tag += item.key
            guard let index = tag.withUnsafeBytes({ run.scalarIndex($0, place: place()) }) else { continue }
            run.scalars[index].isSystemMetric = true
            run.appendPreempting(index, step: samples, value: number, wallTime: wallTime, place: place())
        }
        samples += 1
    }
}
