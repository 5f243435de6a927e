import Dispatch
import NNCharts
import NNRuns

/// The watched runs as chart series, grown as points arrive rather than rebuilt per frame,
/// so a frame costs the same however long the runs are.
struct WatchCurves: Sendable {
    /// One scalar tag of one run.
    struct Curve: Sendable {
        /// The tag, safe to draw.
        let tag: String
        /// The chart's line, fed the run's scalar series as it grows.
        var fed: FedLine
        var stats = CurveStats()
        /// Whether every point has a wall time (else x falls back to the step).
        var hasTimes = true
        /// The series' `removals` when its points were taken.
        var removals = 0
        /// Whether the curve is a system metric (drawn on the system page, not with the training).
        var isSystem = false

        var series: LineSeries { fed.line }
    }

    /// One run: its name and its curves in the order the run's tags appeared.
    struct Run: Sendable {
        /// The run's name, safe to draw: the name its store gave it (W&B's display name), else
        /// its path.
        let name: String
        /// The run's hyperparameters, keys and values safe to draw.
        var params: [String: String] = [:]
        /// The hyperparameters as the store gave them, to notice a change.
        var rawParams: [String: String] = [:]
        var curves: [Curve] = []
        var histograms: [HistogramBand] = []
        /// The histograms of each tag taken so far.
        var histogramsTaken: [Int] = []
    }

    private(set) var runs: [Run] = []
    /// Every scalar tag but the system metrics, safe to draw, in the order tags first appeared
    /// across runs.
    private(set) var tags: [String] = []
    /// Every system metric's tag, safe to draw, in the order they first appeared.
    private(set) var systemTags: [String] = []
    private var knownTags: Set<String> = []
    /// Runs found whose logs are not read yet (the first runs are drawn while they load).
    var unreadRuns = 0
    /// What the watcher skipped or repaired, one line each (`RunWatcher.warnings`).
    var warnings: [String] = []
    /// Seconds since 1970 that wall-time x values count from: the first wall time seen.
    private(set) var wallOrigin: Double?
    let xMode: XMode
    /// The TensorBoard smoothing weight, or nil for none.
    let smoothing: Double?
    /// Buckets kept per series (see `SeriesEnvelope`).
    let capacity: Int

    init(_ settings: WatchFeed.Settings = WatchFeed.Settings(), capacity: Int = 1024) {
        xMode = settings.xMode
        smoothing = settings.smoothing
        self.capacity = capacity
    }

    /// Takes what `logRuns` gained since the last update.
    /// - Parameters:
    ///   - logRuns: the watcher's runs, in its order (runs are only ever appended).
    ///   - restarted: runs read again from the start, whose curves start over.
    ///   - changed: the runs that may have changed (with the new ones and `restarted`, the only
    ///     ones looked at, so that an idle poll costs nothing per run); nil for all.
    /// - Returns: whether anything changed.
    @discardableResult
    mutating func update(from logRuns: [LogRun], restarted: [Int] = [], changed looked: [Int]? = nil) -> Bool {
        var changed = false
        for r in restarted where r < runs.count {
            runs[r] = Run(name: runs[r].name, params: runs[r].params, rawParams: runs[r].rawParams)
            changed = true
        }
        let indices = looked.map { Set($0 + restarted).filter { $0 < runs.count }.sorted() + Array(runs.count..<logRuns.count) }
            ?? Array(logRuns.indices)
        // Runs with points to take: taken after this loop, on every core (each run's curves
        // are its own), while new curves, tags and the wall-time origin are settled here in
        // order.
        var taking: [Int] = []
        for r in indices {
            let logRun = logRuns[r]
            var takes = false
            if r == runs.count {
                runs.append(Run(name: (logRun.displayName ?? logRun.name).displaySafe))
                changed = true
            }
            if runs[r].rawParams != logRun.params {
                runs[r].rawParams = logRun.params
                runs[r].params = Dictionary(logRun.params.map { ($0.key.displaySafe, $0.value.displaySafe) },
                                            uniquingKeysWith: { a, _ in a })
                changed = true
            }
            for (k, scalar) in logRun.scalars.enumerated() {
                if k == runs[r].curves.count { addCurve(scalar, run: r) }
                if runs[r].curves[k].removals != scalar.removals {
                    // Points taken were replaced (a restarted step): take them all again.
                    let curve = runs[r].curves[k]
                    runs[r].curves[k] = Curve(tag: curve.tag, fed: FedLine(LineSeries(
                        name: runs[r].name, smoothing: smoothing, capacity: capacity, nonFinite: .marked)),
                        removals: scalar.removals, isSystem: curve.isSystem)
                    changed = true
                }
                if runs[r].curves[k].fed.taken < scalar.count {
                    if wallOrigin == nil, scalar.wallTimes.count == scalar.count, let first = scalar.wallTimes.first {
                        wallOrigin = first.rounded(.down)
                    }
                    takes = true
                    changed = true
                }
            }
            if takes { taking.append(r) }
            for (k, histogram) in logRun.histograms.enumerated() {
                if k == runs[r].histograms.count {
                    runs[r].histograms.append(HistogramBand(tag: histogram.tag.displaySafe))
                    runs[r].histogramsTaken.append(0)
                }
                if runs[r].histogramsTaken[k] < histogram.count {
                    runs[r].histograms[k].update(from: histogram)
                    runs[r].histogramsTaken[k] = histogram.count
                    changed = true
                }
            }
        }
        take(from: logRuns, runs: taking)
        return changed
    }

    /// Takes the new points of runs `taking` (indices in both `logRuns` and `runs`), in
    /// parallel, once the wall-time origin is settled (a curve taken before the first with
    /// wall times would have drawn steps, having no times of its own, so the origin taken
    /// here is the one it saw).
    private mutating func take(from logRuns: [LogRun], runs taking: [Int]) {
        let (xMode, wallOrigin) = (xMode, wallOrigin)
        guard taking.count > 1 else {
            for r in taking { Self.take(logRuns[r], into: &runs[r], xMode: xMode, wallOrigin: wallOrigin) }
            return
        }
        runs.withUnsafeMutableBufferPointer { buffer in
            // Iteration j touches run taking[j] alone (the indices are distinct).
            nonisolated(unsafe) let runs = buffer
            DispatchQueue.concurrentPerform(iterations: taking.count) { j in
                Self.take(logRuns[taking[j]], into: &runs[taking[j]], xMode: xMode, wallOrigin: wallOrigin)
            }
        }
    }

    /// Appends the points of `logRun`'s scalars not taken yet to `run`'s curves.
    private static func take(_ logRun: LogRun, into run: inout Run, xMode: XMode, wallOrigin: Double?) {
        for (k, scalar) in logRun.scalars.enumerated() where run.curves[k].fed.taken < scalar.count {
            take(scalar, into: &run.curves[k], xMode: xMode, wallOrigin: wallOrigin)
        }
    }

    private mutating func addCurve(_ scalar: Series, run r: Int) {
        let tag = scalar.label.displaySafe
        runs[r].curves.append(Curve(tag: tag, fed: FedLine(LineSeries(
            name: runs[r].name, smoothing: smoothing, capacity: capacity, nonFinite: .marked)),
            removals: scalar.removals, isSystem: scalar.isSystemMetric))
        if knownTags.insert(tag).inserted {
            if scalar.isSystemMetric { systemTags.append(tag) } else { tags.append(tag) }
        }
    }

    /// Appends the points of `scalar` not taken yet to `curve`.
    private static func take(_ scalar: Series, into curve: inout Curve, xMode: XMode, wallOrigin: Double?) {
        let timed = !scalar.wallTimes.isEmpty && scalar.wallTimes.count == scalar.count
        if !timed { curve.hasTimes = false }
        let origin: Double?
        switch xMode {
        case .step: origin = nil
        case .relative: origin = scalar.wallTimes.first ?? 0
        case .wall: origin = wallOrigin ?? 0
        }
        for i in curve.fed.taken..<scalar.count { curve.stats.add(step: scalar.x.integer(at: i), value: scalar.y[i]) }
        curve.fed.take(scalar.points(timeOrigin: origin))
    }

    /// Whether any curve of `tag` has its x in seconds (the others fall back to steps).
    func showsTime(tag: String) -> Bool {
        xMode != .step && runs.contains { $0.curves.contains { $0.tag == tag && $0.hasTimes } }
    }
}
