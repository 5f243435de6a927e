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
    var snapshot: any StudySnapshot { ReportSnapshot(report: StudyReport(study: Self.name, params: params, series: [series])) }
}

struct FailingStudy: Study {
    static let name = "fail"
    struct Boom: Error {}
    var params: JSONValue { [:] }
    mutating func step() throws -> [MetricRecord]? { throw Boom() }
    var snapshot: any StudySnapshot { ReportSnapshot(report: StudyReport(study: Self.name, params: params)) }
}

@Suite struct RunnerTests {
    /// What the runner published. Guarded by `NSCondition` rather than `Mutex`: ThreadSanitizer does not
    /// see the hand-over in `Mutex`'s contended path (it lives in the uninstrumented runtime
    /// library) and reported the two sides of this lock as a race.
    final class Collector: @unchecked Sendable {
        private let condition = NSCondition()
        private var snapshotList: [Runner.Snapshot] = []
        private var recordList: [MetricRecord] = []
        var snapshots: [Runner.Snapshot] { condition.withLock { snapshotList } }
        var records: [MetricRecord] { condition.withLock { recordList } }
        var last: Runner.Snapshot? { condition.withLock { snapshotList.last } }
        func add(_ snapshot: Runner.Snapshot) { changing { snapshotList.append(snapshot) } }
        func add(_ records: [MetricRecord]) { changing { recordList += records } }

        /// Sleeps until what was published satisfies `predicate` (true), or 10 s pass (false).
        @discardableResult
        func wait(until predicate: (_ snapshots: [Runner.Snapshot], _ records: [MetricRecord]) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(10)
            return condition.withLock {
                while !predicate(snapshotList, recordList) {
                    if !condition.wait(until: deadline) { return predicate(snapshotList, recordList) }
                }
                return true
            }
        }

        private func changing(_ change: () -> Void) {
            condition.withLock {
                change()
                condition.broadcast()
            }
        }
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
        runner.start()
        #expect(collector.wait { snapshots, _ in !snapshots.isEmpty })
        runner.restart()
        #expect(collector.wait { snapshots, _ in snapshots.last?.generation == 2 })
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
                            onUpdate: { s in collector.add(s) })
        runner.start()
        #expect(collector.wait { _, records in records.count >= 10 })
        runner.setPaused(true)
        // The runner says it is paused once the step in flight has ended: from then on, nothing moves.
        #expect(collector.wait { snapshots, _ in snapshots.last?.status == .paused })
        let before = collector.records.count
        // A paused runner says so again every quarter second from its loop, which would have
        // stepped in between were it running: two more such words, and no record between them.
        let pausedSoFar = collector.snapshots.filter { $0.status == .paused }.count
        #expect(collector.wait { snapshots, _ in snapshots.filter { $0.status == .paused }.count >= pausedSoFar + 2 })
        let after = collector.records.count
        runner.setPaused(false)
        #expect(collector.wait { _, records in records.count > after })
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
        #expect(collector.wait { snapshots, _ in !snapshots.isEmpty })
        #expect(runner.stop(waitingAtMost: .seconds(5)))
        // The run has ended by the time stop returns: its last word is already published.
        #expect(collector.last?.status == .stopped)
    }
}
