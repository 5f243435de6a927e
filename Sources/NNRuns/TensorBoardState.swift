import Foundation

/// What TensorBoard's `EventAccumulator` remembers across the events of a run, so that
/// nndash keeps and purges exactly the points TensorBoard shows.
///
/// The rule (tensorboard/backend/event_processing/event_accumulator.py): files whose
/// `file_version` is 2 or more (every current writer) purge only at a `SessionLog.START`
/// event, dropping every point at or after its step; older files purge, for the tags of a
/// summary whose step is below the most recent one, the points at or after that step.
struct TensorBoardState: Sendable {
    var fileVersion: Double?
    var mostRecentStep: Int64 = -1
    /// Tags whose first value carried metadata, and whether its plugin draws scalars.
    var metadataTags = TagTable()
    var scalarPlugin: [Bool] = []

    /// `brain.Event:2` → 2; text that is not a number → -1, as TensorBoard parses it.
    static func parseFileVersion(_ bytes: UnsafeRawBufferPointer) -> Double {
        let text = String(decoding: bytes, as: UTF8.self)
        let last = text.components(separatedBy: "brain.Event:").last ?? text
        return Double(last.trimmingCharacters(in: .whitespaces)) ?? -1
    }
}

extension LogRun {
    /// Adds one decoded event with TensorBoard's purge rules.
    mutating func apply(_ event: TensorBoardEvent, place: @autoclosure () -> String) {
        if event.what == .fileVersion {
            tensorBoard.fileVersion = TensorBoardState.parseFileVersion(event.fileVersion)
        }
        if let version = tensorBoard.fileVersion, version >= 2 {
            if event.what == .sessionLog, event.sessionStatus == TensorBoardEvent.sessionLogStart {
                purge(tags: nil, from: event.step, place: place())
            }
        } else if event.step < tensorBoard.mostRecentStep, event.what == .summary {
            purge(tags: Set(event.values.map { String(decoding: $0.tag, as: UTF8.self) }), from: event.step, place: place())
        } else {
            tensorBoard.mostRecentStep = event.step
        }
        guard event.what == .summary else { return }
        var wentBack = 0
        for value in event.values {
            if let plugin = value.pluginName, tensorBoard.metadataTags.index(of: value.tag) == nil {
                _ = tensorBoard.metadataTags.insert(value.tag)
                tensorBoard.scalarPlugin.append(plugin.isEmpty || plugin.elementsEqual("scalars".utf8))
            }
            switch value.datum {
            case .simple(let v):
                let i = scalarIndex(value.tag)
                if let last = scalars[i].steps.last, last > event.step { wentBack += 1 }
                scalars[i].append(step: event.step, value: Double(v), wallTime: event.wallTime)
            case .histogram(let min, let max, let num, let limits, let buckets):
                let i = histogramIndex(value.tag)
                if let last = histograms[i].steps.last, last > event.step { wentBack += 1 }
                histograms[i].append(step: event.step, min: min, max: max, count: num, wallTime: event.wallTime,
                                     bucketLimits: limits, buckets: buckets)
            case .scalarTensor(let v):
                if let k = tensorBoard.metadataTags.index(of: value.tag), !tensorBoard.scalarPlugin[k] { continue }
                let i = scalarIndex(value.tag.isEmpty ? value.nodeName : value.tag)
                if let last = scalars[i].steps.last, last > event.step { wentBack += 1 }
                scalars[i].append(step: event.step, value: v, wallTime: event.wallTime)
            case .tensor, .none: continue
            }
        }
        if wentBack > 0 {
            problems.add("points kept below their series' previous step (TensorBoard purges only at a SessionLog START)",
                count: wentBack, at: place())
        }
    }

    /// Drops the points at or after `step` of `tags` (of every tag when nil).
    private mutating func purge(tags: Set<String>?, from step: Int64, place: @autoclosure () -> String) {
        var dropped = 0
        for i in scalars.indices where tags?.contains(scalars[i].tag) ?? true {
            dropped += scalars[i].removePoints { $0 >= step }
        }
        for i in histograms.indices where tags?.contains(histograms[i].tag) ?? true {
            dropped += histograms[i].removePoints { $0 >= step }
        }
        if dropped > 0 {
            problems.add("points purged because the run restarted at an earlier step", count: dropped, at: place())
        }
    }
}
