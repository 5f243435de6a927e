import Dispatch
import Foundation
import NNRuns
import Synchronization

/// Runs a study on a background serial queue and publishes snapshots of it.
///
/// The study never touches the interface: `onUpdate` receives `Sendable` snapshots, at most
/// one per `publishInterval` and always the last one. Pause, resume, restart and stop may be
/// called from any thread.
public final class Runner: Sendable {
    /// What the runner is doing.
    public enum Status: Hashable, Sendable {
        case running, paused, finished, stopped
        case failed(String)
    }

    /// One published moment of a run.
    public struct Snapshot: Sendable {
        /// What the study has found, as it was at this moment.
        public var state: any StudySnapshot
        public var status: Status
        public var steps: Int
        /// Which start of the study this is: it grows with every restart.
        public var generation: Int

        /// The `--json` document of `state`.
        public var report: StudyReport { state.report }
    }

    private struct Control {
        var generation = 0
        var paused = false
        var stopped = false
    }

    private let makeStudy: @Sendable () -> any Study
    private let delay: Duration
    private let publishInterval: Duration
    private let onUpdate: @Sendable (Snapshot) -> Void
    private let onRecord: (@Sendable ([MetricRecord], Int) -> Void)?
    private let queue = DispatchQueue(label: "nndash.runner", qos: .userInitiated)
    private let control = Mutex(Control())

    /// - Parameters:
    ///   - makeStudy: builds a fresh study; called on the runner's queue at each (re)start.
    ///   - delay: a pause after each step, so a person can watch the curves grow.
    ///   - publishInterval: the shortest time between two snapshots.
    ///   - onRecord: receives each step's metrics and the generation, on the runner's queue.
    ///   - onUpdate: receives snapshots, on the runner's queue.
    public init(
        delay: Duration = .zero, publishInterval: Duration = .milliseconds(16),
        makeStudy: @escaping @Sendable () -> any Study,
        onRecord: (@Sendable ([MetricRecord], Int) -> Void)? = nil,
        onUpdate: @escaping @Sendable (Snapshot) -> Void
    ) {
        self.makeStudy = makeStudy
        self.delay = delay
        self.publishInterval = publishInterval
        self.onRecord = onRecord
        self.onUpdate = onUpdate
    }

    /// Starts the study from the beginning; a run in progress is abandoned.
    public func start() {
        let generation = control.withLock { c -> Int in
            c.generation += 1
            c.paused = false
            c.stopped = false
            return c.generation
        }
        queue.async { [self] in run(generation: generation) }
    }

    public func restart() { start() }

    public func setPaused(_ paused: Bool) {
        control.withLock { $0.paused = paused }
    }

    public var isPaused: Bool { control.withLock { $0.paused } }

    /// Stops for good; the current step finishes first.
    public func stop() {
        control.withLock { $0.stopped = true }
    }

    /// Stops, then waits at most `timeout` for the step in flight to end; true if it did.
    public func stop(waitingAtMost timeout: DispatchTimeInterval) -> Bool {
        stop()
        let ended = DispatchSemaphore(value: 0)
        queue.async { ended.signal() }
        return ended.wait(timeout: .now() + timeout) == .success
    }

    /// Blocks until every queued run has ended (for tests and non-interactive output).
    public func wait() {
        queue.sync {}
    }

    private func isCurrent(_ generation: Int) -> Bool {
        control.withLock { $0.generation == generation && !$0.stopped }
    }

    private func run(generation: Int) {
        guard isCurrent(generation) else { return }
        var study = makeStudy()
        var steps = 0
        let clock = ContinuousClock()
        var lastPublish = clock.now
        func publish(_ status: Status) {
            onUpdate(Snapshot(state: study.snapshot, status: status, steps: steps, generation: generation))
            lastPublish = clock.now
        }
        publish(.running)
        while true {
            let (current, paused) = control.withLock { ($0.generation == generation && !$0.stopped, $0.paused) }
            guard current else {
                publish(.stopped)
                return
            }
            if paused {
                if clock.now - lastPublish > .milliseconds(250) { publish(.paused) }
                Thread.sleep(forTimeInterval: 0.005)
                continue
            }
            do {
                guard let records = try study.step() else {
                    publish(.finished)
                    return
                }
                steps += 1
                if let onRecord, !records.isEmpty { onRecord(records, generation) }
            } catch {
                publish(.failed("\(error)"))
                return
            }
            if clock.now - lastPublish >= publishInterval { publish(.running) }
            if delay > .zero { sleep(delay, generation: generation) }
        }
    }

    /// Sleeps for `duration`, waking early when the run is abandoned.
    private func sleep(_ duration: Duration, generation: Int) {
        let clock = ContinuousClock()
        let end = clock.now + duration
        while clock.now < end && isCurrent(generation) {
            let left = end - clock.now
            let slice = min(left, .milliseconds(10))
            let (s, atto) = slice.components
            Thread.sleep(forTimeInterval: Double(s) + Double(atto) * 1e-18)
        }
    }
}
