import Dispatch
import Foundation
import NNRuns
@testable import NNStudies
import Testing

/// A study that counts to `steps`, one point a step.
struct CountingStudy: Study {
    static let name = "count"
    var steps: Int
    var series = Series(label: "n")
    var params: JSONValue { ["steps": .number(Double(steps))] }
    mutating func step() throws -> [MetricRecord]? {
        guard series.x.count < steps else { return nil }
        let n = Double(series.x.count)
        series.append(x: n, y: n * n)
        return [MetricRecord(series: "n", step: Int(n), values: ["y": n * n])]
    }
    var report: StudyReport { StudyReport(study: Self.name, params: params, series: [series]) }
}

struct FailingStudy: Study {
    static let name = "fail"
    struct Boom: Error {}
    var params: JSONValue { [:] }
    mutating func step() throws -> [MetricRecord]? { throw Boom() }
    var report: StudyReport { StudyReport(study: Self.name, params: params) }
}

@Suite struct RunnerTests {
    /// What the runner published. Guarded by `NSLock` rather than `Mutex`: ThreadSanitizer does not
    /// see the hand-over in `Mutex`'s contended path (it lives in the uninstrumented runtime
    /// library) and reported the two sides of this lock as a race.
    final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var snapshotList: [Runner.Snapshot] = []
        private var recordList: [MetricRecord] = []
        var snapshots: [Runner.Snapshot] { lock.withLock { snapshotList } }
        var records: [MetricRecord] { lock.withLock { recordList } }
        var last: Runner.Snapshot? { lock.withLock { snapshotList.last } }
        func add(_ snapshot: Runner.Snapshot) { lock.withLock { snapshotList.append(snapshot) } }
        func add(_ records: [MetricRecord]) { lock.withLock { recordList += records } }
    }

    @Test func runsToTheEndAndPublishesTheFinalState() {
        let collector = Collector()
        let runner = Runner(makeStudy: { CountingStudy(steps: 100) },
                            onRecord: { records, _ in collector.add(records) },
                            onUpdate: { s in collector.add(s) })
        runner.start()
        runner.wait()
        let last = collector.last
        #expect(last?.status == .finished)
        #expect(last?.steps == 100)
        #expect(last?.report.series.first?.y.last == 9801.0)
        #expect(collector.records.count == 100)
    }

    @Test func aFailingStudyReportsItsError() {
        let collector = Collector()
        let runner = Runner(makeStudy: { FailingStudy() }, onUpdate: { s in collector.add(s) })
        runner.start()
        runner.wait()
        guard case .failed(let message)? = collector.last?.status else {
            Issue.record("expected a failure, got \(String(describing: collector.last?.status))")
            return
        }
        #expect(message.contains("Boom"))
    }

    @Test func restartAbandonsTheRunAndStartsAgain() {
        let collector = Collector()
        let runner = Runner(delay: .milliseconds(1), makeStudy: { CountingStudy(steps: 1_000_000) },
                            onUpdate: { s in collector.add(s) })
        let deadline = ContinuousClock.now + .seconds(5)
        runner.start()
        while collector.last == nil && ContinuousClock.now < deadline {}
        runner.restart()
        while collector.last?.generation != 2 && ContinuousClock.now < deadline {}
        runner.stop()
        runner.wait()
        let snapshots = collector.snapshots
        let first = snapshots.filter { $0.generation == 1 }, second = snapshots.filter { $0.generation == 2 }
        #expect(first.last?.status == .stopped)
        #expect(second.first?.steps == 0)
        #expect(second.last?.status == .stopped)
        #expect(snapshots.firstIndex { $0.generation == 2 }! > snapshots.lastIndex { $0.generation == 1 }!)
    }

    @Test func pausedRunsMakeNoProgress() {
        let collector = Collector()
        let runner = Runner(makeStudy: { CountingStudy(steps: 1_000_000_000) },
                            onRecord: { records, _ in collector.add(records) },
                            onUpdate: { _ in })
        runner.start()
        let deadline = ContinuousClock.now + .seconds(5)
        while collector.records.count < 10 && ContinuousClock.now < deadline {}
        runner.setPaused(true)
        Thread.sleep(forTimeInterval: 0.05)
        let before = collector.records.count
        Thread.sleep(forTimeInterval: 0.2)
        let after = collector.records.count
        runner.setPaused(false)
        while collector.records.count == after && ContinuousClock.now < deadline {}
        let resumed = collector.records.count
        runner.stop()
        runner.wait()
        #expect(before >= 10)
        #expect(after == before)
        #expect(resumed > after)
    }

    @Test func stopWaitsForTheStepInFlight() {
        let collector = Collector()
        let runner = Runner(makeStudy: { CountingStudy(steps: 1_000_000_000) },
                            onUpdate: { s in collector.add(s) })
        runner.start()
        let deadline = ContinuousClock.now + .seconds(5)
        while collector.last == nil && ContinuousClock.now < deadline {}
        #expect(runner.stop(waitingAtMost: .seconds(5)))
        // The run has ended by the time stop returns: its last word is already published.
        #expect(collector.last?.status == .stopped)
    }
}
