import Dispatch
import NNRuns

/// Reads the watched runs on a background queue, on a timer, and hands the main queue the
/// latest curves: their envelopes are bounded, so a copy costs the same however long the
/// runs grow, and a slow read (a large log at start) never holds up keys or signals.
final class WatchFeed: @unchecked Sendable {
    /// How the curves are built; changing it rebuilds them from every point read.
    struct Settings: Equatable, Sendable {
        var xMode = XMode.step
        var smoothing: Double?
    }

    private let queue = DispatchQueue(label: "nndash.watch")
    private let interval: Double
    private let onUpdate: @Sendable () -> Void
    /// The newest curves not yet taken by the main queue.
    private let outbox = Mailbox<WatchCurves>()
    // Touched only on `queue` (hence `@unchecked Sendable`).
    private let watcher: RunWatcher
    private var curves = WatchCurves()
    /// `watcher.warningsRevision` when `curves.warnings` were taken.
    private var warningsRevision = 0
    private let timer: any DispatchSourceTimer
    /// Runs read for the first time by the first poll: the first curves are drawn while the
    /// rest load. Each next poll reads twice as many, up to `mostReadsPerPoll`, so that a
    /// thousand runs take a handful of frames rather than forty.
    static let firstReadsPerPoll = 25
    static let mostReadsPerPoll = 400

    /// - Parameters:
    ///   - watcher: the runs to follow.
    ///   - interval: seconds between two reads.
    ///   - onUpdate: called on the queue when new curves wait in `take()`.
    init(watcher: RunWatcher, interval: Double, onUpdate: @escaping @Sendable () -> Void) {
        self.watcher = watcher
        watcher.firstReadsPerPoll = Self.firstReadsPerPoll
        self.interval = interval
        self.onUpdate = onUpdate
        timer = DispatchSource.makeTimerSource(queue: queue)
    }

    /// Reads now, then every `interval` seconds, until the process exits.
    func start() {
        timer.schedule(deadline: .now(), repeating: interval, leeway: .milliseconds(20))
        timer.setEventHandler { [weak self] in self?.poll() }
        timer.resume()
    }

    /// Rebuilds the curves with `settings` from every point read so far.
    func apply(_ settings: Settings) {
        queue.async { [self] in
            let warnings = curves.warnings
            curves = WatchCurves(settings)
            curves.warnings = warnings
            curves.update(from: watcher.runs)
            publish()
        }
    }

    /// Every point read so far of run `index`'s scalar tag drawn as `tag` (its display-safe
    /// form): steps and values as the log holds them, for an export. Waits for a read in progress.
    func points(run index: Int, tag: String) -> (x: [Double], y: [Double])? {
        queue.sync {
            guard watcher.runs.indices.contains(index),
                  let scalar = watcher.runs[index].scalars.first(where: { $0.label.displaySafe == tag }) else { return nil }
            return (scalar.x.array, scalar.y.array)
        }
    }

    /// The newest curves, if any arrived since the last call.
    func take() -> WatchCurves? { outbox.take() }

    private func poll() {
        let update = watcher.poll()
        let unread = watcher.unreadCount
        // The warnings' lines are built only when they changed: building them copies every run's.
        let revision = watcher.warningsRevision
        let warned = revision != warningsRevision
        if warned {
            warningsRevision = revision
            curves.warnings = watcher.warnings
        }
        if curves.update(from: watcher.runs, restarted: update.restarted, changed: update.grew) || unread != curves.unreadRuns
            || warned
        {
            curves.unreadRuns = unread
            publish()
        }
        // Runs found but not read yet: read the next ones now rather than at the next tick.
        if unread > 0 {
            watcher.firstReadsPerPoll = min(Self.mostReadsPerPoll, 2 * (watcher.firstReadsPerPoll ?? Self.firstReadsPerPoll))
            queue.async { [weak self] in self?.poll() }
        }
    }

    private func publish() {
        if outbox.put(curves) { onUpdate() }
    }
}
