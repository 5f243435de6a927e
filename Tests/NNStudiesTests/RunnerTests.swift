import Dispatch
import Foundation
import NNRuns
@testable import NNStudies
import Synchronization
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
    final class Collector: Sendable {
        let snapshots = Mutex<[Runner.Snapshot]>([])
        let records = Mutex<[MetricRecord]>([])
        var last: Runner.Snapshot? { snapshots.withLock { $0.last } }
    }

    @Test func runsToTheEndAndPublishesTheFinalState() {
        let collector = Collector()
        let runner = Runner(makeStudy: { CountingStudy(steps: 100) },
                            onRecord: { records, _ in collector.records.withLock { $0 += records } },
                            onUpdate: { s in collector.snapshots.withLock { $0.append(s) } })
        runner.start()
        runner.wait()
        let last = collector.last
        #expect(last?.status == .finished)
        #expect(last?.steps == 100)
        #expect(last?.report.series.first?.y.last == 9801.0)
        #expect(collector.records.withLock { $0.count } == 100)
    }

    @Test func aFailingStudyReportsItsError() {
        let collector = Collector()
        let runner = Runner(makeStudy: { FailingStudy() }, onUpdate: { s in collector.snapshots.withLock { $0.append(s) } })
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
                            onUpdate: { s in collector.snapshots.withLock { $0.append(s) } })
        let deadline = ContinuousClock.now + .seconds(5)
        runner.start()
        while collector.last == nil && ContinuousClock.now < deadline {}
        runner.restart()
        while collector.last?.generation != 2 && ContinuousClock.now < deadline {}
        runner.stop()
        runner.wait()
        let snapshots = collector.snapshots.withLock { $0 }
        let first = snapshots.filter { $0.generation == 1 }, second = snapshots.filter { $0.generation == 2 }
        #expect(first.last?.status == .stopped)
        #expect(second.first?.steps == 0)
        #expect(second.last?.status == .stopped)
        #expect(snapshots.firstIndex { $0.generation == 2 }! > snapshots.lastIndex { $0.generation == 1 }!)
    }

    @Test func pausedRunsMakeNoProgress() {
        let collector = Collector()
        let runner = Runner(makeStudy: { CountingStudy(steps: 1_000_000_000) },
                            onRecord: { records, _ in collector.records.withLock { $0 += records } },
                            onUpdate: { _ in })
        runner.start()
        let deadline = ContinuousClock.now + .seconds(5)
        while collector.records.withLock({ $0.count }) < 10 && ContinuousClock.now < deadline {}
        runner.setPaused(true)
        Thread.sleep(forTimeInterval: 0.05)
        let before = collector.records.withLock { $0.count }
        Thread.sleep(forTimeInterval: 0.2)
        let after = collector.records.withLock { $0.count }
        runner.setPaused(false)
        while collector.records.withLock({ $0.count }) == after && ContinuousClock.now < deadline {}
        let resumed = collector.records.withLock { $0.count }
        runner.stop()
        runner.wait()
        #expect(before >= 10)
        #expect(after == before)
        #expect(resumed > after)
    }
}
