import Foundation
import NNRuns
import NNStudies
import Synchronization

/// Records each start of a study in its own run folder, from the runner's queue.
///
/// Every step's metrics are written (and flushed) as they come, so a killed process loses at
/// most the step in flight. A restart opens a new folder with the parameters in effect then
/// (keys may have changed them); the end of a run writes its summary. A record that cannot be
/// written (a full disk) is counted and reported, and the next one is tried, so recording goes on
/// once space returns; a run whose folder cannot be made is not recorded, and a restart tries again.
final class RunRecording: Sendable {
    private struct State {
        var generation = 0
        var recorder: Recorder?
        /// The run whose folder could not be made: nothing more is tried for it (a restart tries again).
        var failedGeneration: Int?
        /// Records of the current run that could not be written (a full disk); later ones are still tried.
        var lost = 0
    }

    private let study: String
    private let params: @Sendable () -> JSONValue
    private let base: URL
    private let state = Mutex(State())
    /// The folder of the newest run, and the first error met while recording, if any.
    let lastFolder = Mutex<URL?>(nil)
    let problem = Mutex<String?>(nil)

    /// - Parameter params: the study's parameters at the moment a run starts.
    init(study: String, params: @escaping @Sendable () -> JSONValue, under base: URL) {
        self.study = study
        self.params = params
        self.base = base
    }

    func record(_ records: [MetricRecord], generation: Int) {
        state.withLock { s in
            guard s.failedGeneration != generation else { return }
            if s.generation != generation || s.recorder == nil {
                try? s.recorder?.close()
                s.recorder = nil
                s.generation = generation
                s.lost = 0
                var folder: URL?
                do {
                    let made = try Recorder.createFolder(study: study, under: base)
                    folder = made
                    s.recorder = try Recorder(folder: made, study: study, params: params())
                    lastFolder.withLock { $0 = folder }
                    problem.withLock { $0 = nil }
                } catch {
                    // A folder without its run.json is no run: it is not left behind.
                    if let folder { try? FileManager.default.removeItem(at: folder) }
                    s.failedGeneration = generation
                    problem.withLock { $0 = "recording stopped: \(error)" }
                    return
                }
            }
            for record in records {
                do {
                    let values = record.values.sorted { $0.key < $1.key }
                    try s.recorder?.record(series: record.series, params: record.params, step: record.step, values: values)
                } catch {
                    s.lost += 1
                    let lost = s.lost
                    problem.withLock { $0 = "\(counted(lost, "record")) not written: \(error)" }
                }
            }
        }
    }

    /// Closes the run of `generation` with the study's findings.
    func finish(_ snapshot: any StudySnapshot, generation: Int) {
        state.withLock { s in
            guard s.generation == generation, let recorder = s.recorder else { return }
            do {
                try recorder.close(summary: snapshot.report.summary)
            } catch {
                problem.withLock { $0 = "the summary was not written: \(error)" }
            }
            s.recorder = nil
        }
    }
}
