import Foundation
import NNRuns
import Testing

/// A run's hyperparameters from the stores that keep them beside its curves (MLflow params and
/// W&B config are checked with their stores in RunStoreTests).
@Suite struct HyperparameterTests {
    @Test func lightningsHparamsYAMLGivesItsCSVRunParams() throws {
        let runs = try RunWatcher.read(paths: [Fixtures.logs.appendingPathComponent("lightning").path])
        #expect(runs.map(\.name) == ["spiral/version_0/metrics.csv"])
        #expect(runs.first?.params == ["lr": "0.1"])
    }

    @Test func tensorBoardsHparamsRecordGivesTheRunsParams() {
        var writer = EventFileWriter()
        writer.append(EventFileWriter.event(step: 0, fileVersion: "brain.Event:2"))
        let content = EventFileWriter.sessionStartInfo([("lr", 0.01), ("optimizer", "adam"), ("augment", true)])
        writer.append(EventFileWriter.event(step: 0, values: [
            EventFileWriter.pluginValue("_hparams_/session_start_info", plugin: "hparams", content: content),
        ]))
        writer.append(EventFileWriter.event(step: 0, scalars: [("loss", 1)]))
        let run = LogRun.parse(writer.bytes, format: .tensorboard)
        #expect(run.params == ["lr": "0.01", "optimizer": "adam", "augment": "true"])
        #expect(run.scalar("loss")?.count == 1)
        #expect(run.warnings == ["not drawn: 1 hparams record"])
    }
}
