/// What nndash remembers across the events of a TensorBoard run: each tag's plugin, from the
/// metadata its first value carried, and the kinds of data it does not draw.
///
/// Points follow TensorBoard's data server (`tensorboard/data/server/run.rs`): every summary
/// value is offered to its tag's series, where a step that does not increase replaces the
/// points at that step or later (`LogRun.appendPreempting`); `SessionLog` events and the file
/// version play no part, and an event whose wall time is NaN is dropped. Unlike the server,
/// nndash keeps every point (no reservoir sampling): charts decimate when they draw.
struct TensorBoardState: Sendable {
    /// Tags whose first value carried metadata, and its plugin's name.
    var metadataTags = TagTable()
    var pluginNames: [String] = []

    /// The plugin named by the metadata of `tag`'s first value, if it carried any.
    func plugin(of tag: UnsafeRawBufferPointer) -> String? {
        metadataTags.index(of: tag).map { pluginNames[$0] }
    }

    /// The hyperparameters of an hparams plugin record (`add_hparams`, Keras' and Lightning's
    /// hparams logging): `HParamsPluginData.session_start_info` (field 3), whose `hparams`
    /// (field 1) map names to `google.protobuf.Value`s (number 2, string 3, bool 4). Field
    /// numbers from TensorBoard's `plugins/hparams/plugin_data.proto`.
    static func sessionStartHparams(_ bytes: UnsafeRawBufferPointer) throws(ProtoError) -> [String: String] {
        var params: [String: String] = [:]
        var data = ProtoReader(bytes)
        while let (number, wire) = try data.nextField() {
            guard number == 3, wire == .lengthDelimited else { try data.skip(wire); continue }
            var start = ProtoReader(try data.lengthDelimited())
            while let (field, fieldWire) = try start.nextField() {
                guard field == 1, fieldWire == .lengthDelimited else { try start.skip(fieldWire); continue }
                var entry = ProtoReader(try start.lengthDelimited())
                var key = "", text = ""
                while let (entryField, entryWire) = try entry.nextField() {
                    switch (entryField, entryWire) {
                    case (1, .lengthDelimited): key = String(decoding: try entry.lengthDelimited(), as: UTF8.self)
                    case (2, .lengthDelimited):
                        var value = ProtoReader(try entry.lengthDelimited())
                        while let (valueField, valueWire) = try value.nextField() {
                            switch (valueField, valueWire) {
                            case (2, .fixed64): text = JSONValue.format(try value.double())
                            case (3, .lengthDelimited): text = String(decoding: try value.lengthDelimited(), as: UTF8.self)
                            case (4, .varint): text = try value.varint() != 0 ? "true" : "false"
                            default: try value.skip(valueWire)
                            }
                        }
                    default: try entry.skip(entryWire)
                    }
                }
                params[key] = text
            }
        }
        return params
    }

    /// What a value of `plugin` that nndash does not draw is called in the warning that counts them.
    static func kindName(plugin: String) -> LogWarnings.Kind {
        switch plugin {
        case "text": .init("text summary", "text summaries")
        case "images": .init("image", "images")
        case "audio": .init("audio clip", "audio clips")
        case "pr_curves": .init("PR curve", "PR curves")
        case "custom_scalars": .init("custom-scalar layout", "custom-scalar layouts")
        case "hparams": .init("hparams record", "hparams records")
        case "mesh": .init("mesh", "meshes")
        case "graphs": .init("graph", "graphs")
        case "": .init("tensor", "tensors")
        default: .init("\(plugin) tensor", "\(plugin) tensors")
        }
    }
}

extension LogRun {
    /// Adds a scalar read by its fixed layout, as `apply(_:place:)` adds its event. Inlined
    /// into the reader's loop: called apart, it retains the place's captured file name a point.
    @inline(__always)
    mutating func apply(_ scalar: TensorBoardEvent.PlainScalar, place: @autoclosure () -> String) {
        guard let i = scalarIndex(scalar.tag, place: place()) else { return }
        appendPreempting(i, step: scalar.step, value: Double(scalar.value), wallTime: scalar.wallTime, place: place())
    }

    /// Adds one decoded event by the rules of TensorBoard's data server.
    mutating func apply(_ event: TensorBoardEvent, place: @autoclosure () -> String) {
        switch event.what {
        case .graph:
            problems.skipped(.init("graph", "graphs"))
            return
        case .summary: break
        default: return
        }
        guard !event.wallTime.isNaN else {
            problems.add(.init("event with a NaN wall time skipped (as TensorBoard skips it)", "events with a NaN wall time skipped (as TensorBoard skips them)"), at: place())
            return
        }
        for value in event.values {
            if let plugin = value.pluginName, tensorBoard.metadataTags.index(of: value.tag) == nil {
                _ = tensorBoard.metadataTags.insert(value.tag)
                tensorBoard.pluginNames.append(String(decoding: plugin, as: UTF8.self))
            }
            switch value.datum {
            case .simple(let v):
                guard let i = scalarIndex(value.tag, place: place()) else { continue }
                appendPreempting(i, step: event.step, value: Double(v), wallTime: event.wallTime, place: place())
            case .histogram(let h):
                guard let i = histogramIndex(value.tag, place: place()) else { continue }
                let histogram = event.histograms[h]
                appendPreempting(histogram: i, step: event.step, min: histogram.min, max: histogram.max,
                                 count: histogram.num, wallTime: event.wallTime, bucketLimits: histogram.bucketLimits,
                                 buckets: histogram.buckets, place: place())
            case .scalarTensor(let v):
                if let plugin = tensorBoard.plugin(of: value.tag), !plugin.isEmpty, plugin != "scalars" {
                    problems.skipped(TensorBoardState.kindName(plugin: plugin))
                    continue
                }
                guard let i = scalarIndex(value.tag.isEmpty ? value.nodeName : value.tag, place: place()) else { continue }
                appendPreempting(i, step: event.step, value: v, wallTime: event.wallTime, place: place())
            case .tensor, .none:
                // torch's and Lightning's hparams records carry their data in the metadata alone.
                let plugin = tensorBoard.plugin(of: value.tag) ?? ""
                if plugin == "hparams", value.pluginContent.count > 0,
                    let hparams = try? TensorBoardState.sessionStartHparams(value.pluginContent)
                {
                    params.merge(hparams) { $1 }
                }
                if case .none = value.datum, plugin != "hparams" { continue }
                problems.skipped(TensorBoardState.kindName(plugin: plugin))
            case .image: problems.skipped(.init("image", "images"))
            case .audio: problems.skipped(.init("audio clip", "audio clips"))
            }
        }
    }
}
