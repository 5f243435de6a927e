import Foundation
import NNRuns
import NNStudies
import Synchronization

/// Records each start of a study in its own run folder, from the runner's queue.
///
/// Every step's metrics are written (and flushed) as they come, so a killed process loses at
/// most the step in flight. A restart opens a new folder with the parameters in effect then
/// (keys may have changed them); the end of a run writes its summary.
final class RunRecording: Sendable {
    private struct State {
        var generation = 0
        var recorder: Recorder?
        var failed = false
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
            guard !s.failed else { return }
            do {
                if s.generation != generation || s.recorder == nil {
                    try s.recorder?.close()
                    let folder = Recorder.defaultFolder(study: study, under: base)
                    s.recorder = try Recorder(folder: folder, study: study, params: params())
                    s.generation = generation
                    lastFolder.withLock { $0 = folder }
                }
                for record in records {
                    let values = record.values.sorted { $0.key < $1.key }
                    try s.recorder?.record(series: record.series, params: record.params, step: record.step, values: values)
                }
            } catch {
                s.failed = true
                problem.withLock { $0 = "recording stopped: \(error)" }
            }
        }
    }

    /// Closes the run of `generation` with the study's findings.
    func finish(_ snapshot: any StudySnapshot, generation: Int) {
        state.withLock { s in
            guard s.generation == generation, let recorder = s.recorder else { return }
            try? recorder.close(summary: snapshot.report.summary)
            s.recorder = nil
        }
    }
}
