/// The curves of one watched run (a folder of event files, or one log file) as read so far.
///
/// Strings (name, tags) are kept raw as the log wrote them; pass them through `displaySafe`
/// before drawing them.
public struct LogRun: Sendable {
    /// The run's path relative to the watched path, e.g. `tensorboard/lr0.05`.
    public let name: String
    /// The run's folder (TensorBoard) or log file.
    public let path: String
    public internal(set) var format: LogFormat
    /// The CSV field separator, detected from the header; nil for other formats.
    public internal(set) var separator: Character?
    /// Scalar curves in the order their tags first appeared.
    public internal(set) var scalars: [ScalarSeries] = []
    /// Histogram summaries in the order their tags first appeared.
    public internal(set) var histograms: [HistogramSeries] = []

    var scalarTable = TagTable()
    var histogramTable = TagTable()
    var problems = LogWarnings()
    var tensorBoard = TensorBoardState()

    public init(name: String, path: String, format: LogFormat) {
        self.name = name
        self.path = path
        self.format = format
    }

    /// What was skipped or repaired while reading, one line per kind.
    public var warnings: [String] { problems.messages }

    /// The scalar curve of `tag`, if the run has one.
    public func scalar(_ tag: String) -> ScalarSeries? {
        scalars.first { $0.tag == tag }
    }

    /// The histograms of `tag`, if the run has any.
    public func histogram(_ tag: String) -> HistogramSeries? {
        histograms.first { $0.tag == tag }
    }

    /// The number of scalar points and histograms held.
    public var pointCount: Int {
        scalars.reduce(0) { $0 + $1.count } + histograms.reduce(0) { $0 + $1.count }
    }

    /// Forgets everything read (the file was truncated or rewritten): reading starts over.
    mutating func reset() {
        scalars = []
        histograms = []
        scalarTable = TagTable()
        histogramTable = TagTable()
        tensorBoard = TensorBoardState()
        separator = nil
    }

    mutating func scalarIndex(_ tag: UnsafeRawBufferPointer) -> Int {
        if let i = scalarTable.index(of: tag) { return i }
        scalars.append(ScalarSeries(tag: String(decoding: tag, as: UTF8.self)))
        return scalarTable.insert(tag)
    }

    mutating func histogramIndex(_ tag: UnsafeRawBufferPointer) -> Int {
        if let i = histogramTable.index(of: tag) { return i }
        histograms.append(HistogramSeries(tag: String(decoding: tag, as: UTF8.self)))
        return histogramTable.insert(tag)
    }

    /// Appends a point of a text log; a step at or below the curve's last one means the
    /// writer restarted (or repeated a step), so the points from that step on are dropped first.
    mutating func appendRestarting(_ index: Int, step: Int64, value: Double, place: @autoclosure () -> String) {
        if let last = scalars[index].steps.last, step <= last {
            let kept = scalars[index].steps.withUnsafeBufferPointer { steps in
                var low = 0
                var high = steps.count
                while low < high {
                    let mid = (low + high) / 2
                    if steps[mid] < step { low = mid + 1 } else { high = mid }
                }
                return low
            }
            let dropped = scalars[index].removeLast(scalars[index].count - kept)
            problems.add("points dropped because a later line repeated or went back to their step",
                count: dropped, at: place())
        }
        scalars[index].append(step: step, value: value, wallTime: nil)
    }
}
