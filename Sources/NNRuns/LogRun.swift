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
    public internal(set) var scalars: [Series] = []
    /// Histogram summaries in the order their tags first appeared.
    public internal(set) var histograms: [HistogramSeries] = []
    /// The run's hyperparameters where its store keeps them (MLflow params, W&B config), as text.
    public internal(set) var params: [String: String] = [:]
    /// The run's summary where its store keeps one apart from its curves (W&B's), numbers only.
    public internal(set) var summary: [String: Double] = [:]
    /// The name the run was given where its store keeps one apart from its folder (W&B's
    /// display name, `wandb.init(name=...)`); nil otherwise.
    public internal(set) var displayName: String? {
        didSet { if displayName != oldValue { renames += 1 } }
    }
    /// Times `displayName` changed (the warnings name the run by it).
    private var renames = 0

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

    /// Grows whenever `warnings`, or the name they are printed after, changes; never shrinks
    /// (reading over from the start keeps the warnings).
    public var warningsRevision: Int { problems.revision + renames }

    /// The scalar curve of `tag`, if the run has one.
    public func scalar(_ tag: String) -> Series? {
        scalars.first { $0.label == tag }
    }

    /// The histograms of `tag`, if the run has any.
    public func histogram(_ tag: String) -> HistogramSeries? {
        histograms.first { $0.tag == tag }
    }

    /// The number of scalar points and histograms held.
    public var pointCount: Int {
        scalars.reduce(0) { $0 + $1.count } + histograms.reduce(0) { $0 + $1.count }
    }

    /// Gives back the room the scalar curves' columns hold beyond their points.
    mutating func shrinkScalars() {
        for i in scalars.indices { scalars[i].shrink() }
    }

    /// Forgets everything read (the file was truncated or rewritten): reading starts over.
    mutating func reset() {
        scalars = []
        histograms = []
        scalarTable = TagTable()
        histogramTable = TagTable()
        tensorBoard = TensorBoardState()
        separator = nil
        summary = [:]
    }

    /// The most scalar tags, and the most histogram tags, one run holds: a log cannot exhaust
    /// memory by naming a new tag on every line. Points of further tags are skipped, counted
    /// in a warning.
    public static let maximumTagCount = 1 << 17

    /// The index of the scalar curve of `tag`, made if new; nil (and a warning) when the run
    /// already has `maximumTagCount` of them.
    /// `scalarIndex(_:place:)`, trying the series at `hint` first (a guess, checked).
    mutating func scalarIndex(_ tag: UnsafeRawBufferPointer, hint: Int, place: @autoclosure () -> String) -> Int? {
        if scalarTable.holds(tag, at: hint) { return hint }
        return scalarIndex(tag, place: place())
    }

    mutating func scalarIndex(_ tag: UnsafeRawBufferPointer, place: @autoclosure () -> String) -> Int? {
        Self.index(of: tag, in: &scalarTable, &scalars, problems: &problems, noun: ("point", "points"),
                   make: { Series(label: $0) }, place: place)
    }

    /// The index of the histograms of `tag`, made if new; nil (and a warning) when the run
    /// already has `maximumTagCount` of them.
    mutating func histogramIndex(_ tag: UnsafeRawBufferPointer, place: @autoclosure () -> String) -> Int? {
        Self.index(of: tag, in: &histogramTable, &histograms, problems: &problems, noun: ("histogram", "histograms"),
                   make: HistogramSeries.init(tag:), place: place)
    }

    /// The index in `series` of `tag`'s entry, found through `table` or made by `make` if new;
    /// nil, and a warning naming what is skipped (`noun`), when `series` holds `maximumTagCount`.
    private static func index<Entry>(
        of tag: UnsafeRawBufferPointer, in table: inout TagTable, _ series: inout [Entry], problems: inout LogWarnings,
        noun: (one: String, many: String), make: (String) -> Entry, place: () -> String
    ) -> Int? {
        if let i = table.recentIndex(of: tag) { return i }
        guard series.count < maximumTagCount else {
            problems.add(.init("\(noun.one) of a tag beyond the first \(maximumTagCount) skipped",
                               "\(noun.many) of tags beyond the first \(maximumTagCount) skipped"), at: place())
            return nil
        }
        series.append(make(String(decoding: tag, as: UTF8.self)))
        return table.insert(tag)
    }

    /// Appends a point by TensorBoard's rule for a step that does not increase (its data
    /// server's reservoir, `tensorboard/data/server/reservoir.rs`): a point at step `s` replaces
    /// every earlier point of its series at step `s` or later, so a run resumed from a checkpoint
    /// and a step logged twice show only the newest values. Every reader uses this rule.
    mutating func appendPreempting(_ index: Int, step: Int64, value: Double, wallTime: Double?,
                                   place: @autoclosure () -> String) {
        if !scalars[index].append(ascending: step, value: value, wallTime: wallTime) {
            notePreempted(scalars[index].removePoints(from: step), place: place())
            scalars[index].append(step: step, value: value, wallTime: wallTime)
        }
    }

    /// Appends a histogram by the rule of `appendPreempting`.
    mutating func appendPreempting(histogram index: Int, step: Int64, min: Double, max: Double, count: Double,
                                   wallTime: Double, bucketLimits: [Double], buckets: [Double],
                                   place: @autoclosure () -> String) {
        if let last = histograms[index].steps.last, step <= last {
            notePreempted(histograms[index].removePoints { $0 >= step }, place: place())
        }
        histograms[index].append(step: step, min: min, max: max, count: count, wallTime: wallTime,
                                 bucketLimits: bucketLimits, buckets: buckets)
    }

    private mutating func notePreempted(_ count: Int, place: @autoclosure () -> String) {
        problems.add(.init(
            "point replaced by a later one at the same or an earlier step (a restarted or repeated step: the newer are kept, as TensorBoard shows them)",
            "points replaced by later ones at the same or an earlier step (a restarted or repeated step: the newer are kept, as TensorBoard shows them)"),
            count: count, at: place())
    }
}
