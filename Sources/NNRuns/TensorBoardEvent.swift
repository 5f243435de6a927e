/// The parts of a TensorBoard `Event` protobuf that nndash draws, decoded in place: strings
/// point into the record's bytes and are valid only while those bytes are. A value holds no
/// reference (its histogram is kept apart), so decoding a scalar allocates nothing.
///
/// Field numbers from TensorBoard's `event.proto`, `summary.proto`, `tensor.proto` and
/// `histogram.proto`.
struct TensorBoardEvent {
    /// The field of `Event`'s `what` oneof that was set.
    enum What { case none, fileVersion, summary, sessionLog, graph, other }

    /// A `HistogramProto`: its min, max and count, and its buckets: bucket `i` counts the
    /// values above `bucketLimits[i - 1]` (above `min` for the first) up to `bucketLimits[i]`.
    struct Histogram {
        var min = 0.0, max = 0.0, num = 0.0
        var bucketLimits: [Double] = [], buckets: [Double] = []
    }

    /// One `Summary.Value`.
    struct Value {
        enum Datum {
            case none
            /// `simple_value` (float32).
            case simple(Float)
            /// `histo`: the index of its histogram in `histograms`.
            case histogram(Int)
            /// `tensor` holding exactly one float or double (TensorBoard's new-style scalars).
            case scalarTensor(Double)
            /// Any other tensor.
            case tensor
            /// An encoded image (`image`) or audio clip (`audio`), which nndash does not draw.
            case image, audio
        }

        var tag = UnsafeRawBufferPointer(start: nil, count: 0)
        var nodeName = UnsafeRawBufferPointer(start: nil, count: 0)
        /// `metadata.plugin_data.plugin_name`, when the value carries metadata.
        var pluginName: UnsafeRawBufferPointer?
        /// `metadata.plugin_data.content`, the plugin's own data (empty when absent).
        var pluginContent = UnsafeRawBufferPointer(start: nil, count: 0)
        var datum = Datum.none
    }

    static let sessionLogStart: UInt64 = 1

    var wallTime = 0.0
    var step: Int64 = 0
    var what = What.none
    var fileVersion = UnsafeRawBufferPointer(start: nil, count: 0)
    var sessionStatus: UInt64 = 0
    /// The summary's values.
    var values: ArraySlice<Value> { valueStorage[0..<valueCount] }
    /// Room for the values, reused from event to event (emptied by setting `valueCount`, which
    /// costs nothing, where `removeAll` takes a generic path per event).
    private var valueStorage: [Value] = []
    private var valueCount = 0
    /// The histograms of `values`.
    var histograms: [Histogram] = []

    /// One scalar as torch's `add_scalar` (and tensorboardX, Keras) writes it, the bulk of most
    /// event files: `Event{wall_time, step, summary{value{tag, simple_value}}}`, fields in that
    /// order, each once, lengths of one byte. Such a record is read by its fixed layout, without
    /// the general decoding; anything else (another field, another order, a step of ten bytes,
    /// a NaN wall time) is left to `decode(_:)`, which reads these records the same way.
    struct PlainScalar {
        var wallTime: Double
        var step: Int64
        var tag: UnsafeRawBufferPointer
        var value: Float
    }

    /// `bytes` as a `PlainScalar`, or nil when they are laid out in any other way.
    static func plainScalar(_ bytes: UnsafeRawBufferPointer) -> PlainScalar? {
        let n = bytes.count
        guard n >= 18, bytes[0] == 0x09 else { return nil }  // wall_time (1, fixed64)
        let wallTime = Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 1, as: UInt64.self)))
        guard !wallTime.isNaN else { return nil }
        var i = 9
        var step: UInt64 = 0
        if bytes[i] == 0x10 {  // step (2, varint), absent when 0; at most 9 bytes (below 2^63)
            i += 1
            var shift: UInt64 = 0
            while true {
                guard i < n, shift <= 56 else { return nil }
                let byte = bytes[i]
                i += 1
                step |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
        }
        // summary (5), holding one value (1) of tag (1) and simple_value (2, fixed32).
        guard n - i >= 11, bytes[i] == 0x2A, bytes[i + 2] == 0x0A else { return nil }
        let summaryLength = Int(bytes[i + 1]), valueLength = Int(bytes[i + 3])
        guard summaryLength < 0x80, i + 2 + summaryLength == n, valueLength == summaryLength - 2 else { return nil }
        let v = i + 4
        guard bytes[v] == 0x0A else { return nil }
        let tagLength = Int(bytes[v + 1])
        guard tagLength < 0x80, v + 2 + tagLength + 5 == n, bytes[v + 2 + tagLength] == 0x15 else { return nil }
        let value = Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
        return PlainScalar(wallTime: wallTime, step: Int64(step),
                           tag: UnsafeRawBufferPointer(rebasing: bytes[(v + 2)..<(v + 2 + tagLength)]), value: value)
    }

    /// Decodes `bytes` as an `Event`, replacing what was decoded before.
    mutating func decode(_ bytes: UnsafeRawBufferPointer) throws(ProtoError) {
        wallTime = 0
        step = 0
        what = .none
        sessionStatus = 0
        valueCount = 0
        if !histograms.isEmpty { histograms.removeAll(keepingCapacity: true) }
        var reader = ProtoReader(bytes)
        while let (number, wire) = try reader.nextField() {
            switch (number, wire) {
            case (1, .fixed64): wallTime = try reader.double()
            case (2, .varint): step = Int64(bitPattern: try reader.varint())
            case (3, .lengthDelimited):
                fileVersion = try reader.lengthDelimited()
                set(.fileVersion)
            case (5, .lengthDelimited):
                let summary = try reader.lengthDelimited()
                set(.summary)
                try decodeSummary(summary)
            case (7, .lengthDelimited):
                sessionStatus = try Self.sessionStatus(try reader.lengthDelimited())
                set(.sessionLog)
            case (4, _), (8, _), (9, _):
                try reader.skip(wire)
                set(.graph)
            case (6, _):
                try reader.skip(wire)
                set(.other)
            default: try reader.skip(wire)
            }
        }
    }

    /// Records which oneof member was set last, as protobuf does: setting another one clears it.
    private mutating func set(_ member: What) {
        if member != .summary, what == .summary { valueCount = 0 }
        if member != .sessionLog { sessionStatus = 0 }
        what = member
    }

    private static func sessionStatus(_ bytes: UnsafeRawBufferPointer) throws(ProtoError) -> UInt64 {
        var reader = ProtoReader(bytes)
        var status: UInt64 = 0
        while let (number, wire) = try reader.nextField() {
            if number == 1, wire == .varint { status = try reader.varint() } else { try reader.skip(wire) }
        }
        return status
    }

    private mutating func decodeSummary(_ bytes: UnsafeRawBufferPointer) throws(ProtoError) {
        var reader = ProtoReader(bytes)
        while let (number, wire) = try reader.nextField() {
            if number == 1, wire == .lengthDelimited {
                let value = try decodeValue(try reader.lengthDelimited())
                if valueCount < valueStorage.count { valueStorage[valueCount] = value } else { valueStorage.append(value) }
                valueCount += 1
            } else {
                try reader.skip(wire)
            }
        }
    }

    private mutating func decodeValue(_ bytes: UnsafeRawBufferPointer) throws(ProtoError) -> Value {
        var value = Value()
        var reader = ProtoReader(bytes)
        while let (number, wire) = try reader.nextField() {
            switch (number, wire) {
            case (1, .lengthDelimited): value.tag = try reader.lengthDelimited()
            case (7, .lengthDelimited): value.nodeName = try reader.lengthDelimited()
            case (9, .lengthDelimited): (value.pluginName, value.pluginContent) = try Self.pluginData(try reader.lengthDelimited())
            case (2, .fixed32): value.datum = .simple(try reader.float())
            case (5, .lengthDelimited):
                histograms.append(try Self.histogram(try reader.lengthDelimited()))
                value.datum = .histogram(histograms.count - 1)
            case (8, .lengthDelimited): value.datum = try Self.tensor(try reader.lengthDelimited())
            case (3, _):
                try reader.skip(wire)
                value.datum = .none
            case (4, _):
                try reader.skip(wire)
                value.datum = .image
            case (6, _):
                try reader.skip(wire)
                value.datum = .audio
            default: try reader.skip(wire)
            }
        }
        return value
    }

    /// `SummaryMetadata.plugin_data`'s `plugin_name` and `content` (empty when absent).
    private static func pluginData(_ bytes: UnsafeRawBufferPointer) throws(ProtoError)
        -> (name: UnsafeRawBufferPointer, content: UnsafeRawBufferPointer)
    {
        var name = UnsafeRawBufferPointer(start: nil, count: 0)
        var content = UnsafeRawBufferPointer(start: nil, count: 0)
        var metadata = ProtoReader(bytes)
        while let (number, wire) = try metadata.nextField() {
            guard number == 1, wire == .lengthDelimited else { try metadata.skip(wire); continue }
            var pluginData = ProtoReader(try metadata.lengthDelimited())
            while let (field, fieldWire) = try pluginData.nextField() {
                if field == 1, fieldWire == .lengthDelimited {
                    name = try pluginData.lengthDelimited()
                } else if field == 2, fieldWire == .lengthDelimited {
                    content = try pluginData.lengthDelimited()
                } else {
                    try pluginData.skip(fieldWire)
                }
            }
        }
        return (name, content)
    }

    private static func histogram(_ bytes: UnsafeRawBufferPointer) throws(ProtoError) -> Histogram {
        var reader = ProtoReader(bytes)
        var min = 0.0, max = 0.0, num = 0.0
        var limits: [Double] = [], buckets: [Double] = []
        while let (number, wire) = try reader.nextField() {
            switch (number, wire) {
            case (1, .fixed64): min = try reader.double()
            case (2, .fixed64): max = try reader.double()
            case (3, .fixed64): num = try reader.double()
            case (6, .fixed64): limits.append(try reader.double())
            case (6, .lengthDelimited): try packedDoubles(try reader.lengthDelimited(), into: &limits)
            case (7, .fixed64): buckets.append(try reader.double())
            case (7, .lengthDelimited): try packedDoubles(try reader.lengthDelimited(), into: &buckets)
            default: try reader.skip(wire)
            }
        }
        if limits.count != buckets.count { (limits, buckets) = ([], []) }
        return Histogram(min: min, max: max, num: num, bucketLimits: limits, buckets: buckets)
    }

    /// Appends the little-endian doubles of a packed repeated `double` field.
    private static func packedDoubles(_ bytes: UnsafeRawBufferPointer, into values: inout [Double]) throws(ProtoError) {
        guard bytes.count % 8 == 0 else { throw ProtoError() }
        var reader = ProtoReader(bytes)
        for _ in 0..<bytes.count / 8 { values.append(try reader.double()) }
    }

    /// A `TensorProto` of dtype float (1) or double (2) holding one element, from `float_val`,
    /// `double_val` (packed or not) or little-endian `tensor_content`.
    private static func tensor(_ bytes: UnsafeRawBufferPointer) throws(ProtoError) -> Value.Datum {
        var reader = ProtoReader(bytes)
        var dtype: UInt64 = 0
        var floats = 0, doubles = 0, contentBytes = 0
        var lastFloat: Float = 0, lastDouble = 0.0
        var content = UnsafeRawBufferPointer(start: nil, count: 0)
        while let (number, wire) = try reader.nextField() {
            switch (number, wire) {
            case (1, .varint): dtype = try reader.varint()
            case (4, .lengthDelimited):
                content = try reader.lengthDelimited()
                contentBytes = content.count
            case (5, .fixed32):
                lastFloat = try reader.float()
                floats += 1
            case (5, .lengthDelimited):
                let packed = try reader.lengthDelimited()
                guard packed.count % 4 == 0 else { throw ProtoError() }
                if packed.count > 0 {
                    lastFloat = Float(bitPattern: UInt32(littleEndian: packed.loadUnaligned(
                        fromByteOffset: packed.count - 4, as: UInt32.self)))
                }
                floats += packed.count / 4
            case (6, .fixed64):
                lastDouble = try reader.double()
                doubles += 1
            case (6, .lengthDelimited):
                let packed = try reader.lengthDelimited()
                guard packed.count % 8 == 0 else { throw ProtoError() }
                if packed.count > 0 {
                    lastDouble = Double(bitPattern: UInt64(littleEndian: packed.loadUnaligned(
                        fromByteOffset: packed.count - 8, as: UInt64.self)))
                }
                doubles += packed.count / 8
            default: try reader.skip(wire)
            }
        }
        switch dtype {
        case 1 where contentBytes == 4:
            return .scalarTensor(Double(Float(bitPattern: UInt32(littleEndian: content.loadUnaligned(as: UInt32.self)))))
        case 1 where contentBytes == 0 && floats == 1: return .scalarTensor(Double(lastFloat))
        case 2 where contentBytes == 8:
            return .scalarTensor(Double(bitPattern: UInt64(littleEndian: content.loadUnaligned(as: UInt64.self))))
        case 2 where contentBytes == 0 && doubles == 1: return .scalarTensor(lastDouble)
        default: return .tensor
        }
    }
}
