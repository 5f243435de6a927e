import Foundation
import NNRuns
import NNStudies
import Testing
@testable import nndash

/// Recording survives what the disk does: a run that cannot be recorded is reported, and a
/// restart (`r`) records again once the way is clear.
@Suite struct RunRecordingTests {
    static let record = [MetricRecord(series: "a", step: 0, values: ["loss": 1])]

    @Test func aRestartRecordsAgainAfterAFailure() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A file where the runs folder should be: no run folder can be made under it.
        let runs = folder.appendingPathComponent("runs")
        #expect(FileManager.default.createFile(atPath: runs.path, contents: Data()))
        let recording = RunRecording(study: "sweep", params: { [:] }, under: runs)
        recording.record(Self.record, generation: 1)
        #expect(recording.problem.withLock { $0 }?.hasSuffix("runs: Not a directory") == true, "\(recording.problem.withLock { $0 } ?? "")")
        #expect(recording.lastFolder.withLock { $0 } == nil)

        try FileManager.default.removeItem(at: runs)
        recording.record(Self.record, generation: 1)
        #expect(recording.lastFolder.withLock { $0 } == nil, "the failed run is not retried step by step")
        recording.record(Self.record, generation: 2)
        let recorded = try #require(recording.lastFolder.withLock { $0 })
        #expect(recording.problem.withLock { $0 } == nil)
        #expect(try RunFolder.load(recorded).report.series.first?.y == [1])
    }

    /// The dashboard's note follows the recording: its problem while it lasts, nothing once a
    /// restart records again (the footer's room is the keys'), and an export's outcome only while
    /// nothing is wrong.
    @Test func theNoteSaysWhatTheRecordingDoesNow() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = folder.appendingPathComponent("runs")
        #expect(FileManager.default.createFile(atPath: runs.path, contents: Data()))
        let recording = RunRecording(study: "sweep", params: { [:] }, under: runs)
        #expect(DashboardApp.note(recording: recording, exported: nil) == nil)
        recording.record(Self.record, generation: 1)
        let problem = try #require(DashboardApp.note(recording: recording, exported: "exported to a.txt"))
        #expect(problem.hasPrefix("recording stopped"), "\(problem)")

        try FileManager.default.removeItem(at: runs)
        recording.record(Self.record, generation: 2)
        let recorded = try #require(recording.lastFolder.withLock { $0 })
        #expect(recorded.lastPathComponent.hasPrefix("sweep-"))
        #expect(DashboardApp.note(recording: recording, exported: nil) == nil)
        #expect(DashboardApp.note(recording: recording, exported: "exported to a.txt") == "exported to a.txt")
        #expect(DashboardApp.note(recording: nil, exported: nil) == nil)
    }

    /// Two recordings of the same study started at once under one folder never share a run folder.
    @Test func twoStudiesStartedTogetherGetTwoFolders() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = folder.appendingPathComponent("runs")
        let recordings = (0..<8).map { _ in RunRecording(study: "sweep", params: { [:] }, under: runs) }
        DispatchQueue.concurrentPerform(iterations: recordings.count) { i in recordings[i].record(Self.record, generation: 1) }
        let folders = recordings.compactMap { $0.lastFolder.withLock { $0 }?.lastPathComponent }
        #expect(folders.count == 8 && Set(folders).count == 8, "\(folders)")
    }
}
