import Foundation
import NNEngine
import NNRuns
import Testing
@testable import NNStudies

@Suite("Training")
struct TrainingTests {
    static func run(_ configuration: TrainingConfiguration) throws -> Training {
        var study = try Training(configuration)
        while try study.step() != nil {}
        return study
    }

    @Test func mlpLearnsTheSpiral() throws {
        var c = TrainingConfiguration()
        c.model = .mlp
        c.data = .spiral
        c.optimizer = .Adam
        c.learningRate = 0.01
        c.scheduler = .none
        c.epochs = 30
        c.batchSize = 16
        let study = try Self.run(c)
        let accuracy = try #require(study.epochs.last?.validationAccuracy)
        // Three classes: chance is 1/3.
        #expect(accuracy > 0.8, "validation accuracy \(accuracy)")
        #expect(study.epochs.count == 30)
        #expect(study.report.series.first { $0.label == "train loss" }?.y.count == study.totalIterations)
    }

    @Test func lenetLearnsTheShapes() throws {
        var c = TrainingConfiguration()
        c.model = .lenet
        c.data = .shapes
        c.optimizer = .Adam
        c.learningRate = 0.003
        c.scheduler = .none
        c.epochs = 6
        c.batchSize = 16
        let study = try Self.run(c)
        let accuracy = try #require(study.epochs.last?.validationAccuracy)
        #expect(accuracy > 0.8, "validation accuracy \(accuracy)")
    }

    @Test func oneExampleIsTooFew() {
        let one = Dataset(name: "one", features: [0, 0], featureShape: [2], labels: [0], classNames: ["a"])
        #expect(throws: TrainingError.self) { try Training(TrainingConfiguration(), dataset: one) }
    }

    @Test func sparseAdamIsRefusedAsPyTorchRefusesItsDenseGradients() {
        var c = TrainingConfiguration()
        c.model = .mlp
        c.data = .blobs
        c.optimizer = .SparseAdam
        #expect(throws: TrainingError.unsupportedOptimizer(
            "SparseAdam: SparseAdam does not support dense gradients, please consider Adam instead (every model here has dense gradients)")) {
            try Training(c)
        }
        #expect(TrainingConfiguration.optimizers.count == Optimizer.names.count - 1)
    }

    @Test func lenetNeedsImages() {
        var c = TrainingConfiguration()
        c.model = .lenet
        c.data = .moons
        #expect(throws: ModelKind.Mismatch.self) { try Training(c) }
    }

    @Test("every optimizer a run can use trains", arguments: TrainingConfiguration.optimizers)
    func everyOptimizerSteps(_ optimizer: OptimizerName) throws {
        var c = TrainingConfiguration()
        c.model = .mlp
        c.data = .blobs
        c.optimizer = optimizer
        c.learningRate = optimizer == .Adadelta ? 1 : 0.01
        c.epochs = 1
        let study = try Self.run(c)
        #expect(study.epochs.count == 1)
        #expect(study.epochs[0].trainLoss.isFinite)
    }

    @Test("resuming from a checkpoint continues on the identical trajectory",
          arguments: [(ModelKind.mlp, DataSource.moons, OptimizerName.SGD, SchedulerKind.StepLR), (.mlp, .spiral, .Adam, .ExponentialLR)])
    func resumeIsExact(_ p: (ModelKind, DataSource, OptimizerName, SchedulerKind)) throws {
        var c = TrainingConfiguration()
        (c.model, c.data, c.optimizer, c.scheduler) = p
        c.stepSize = 1
        c.gamma = 0.5
        c.epochs = 3
        c.batchSize = 20
        let straight = try Self.run(c)
        var first = try Training(c)
        // Stop mid-epoch: 25 iterations of 12 per epoch.
        for _ in 0..<25 { _ = try first.step() }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nndash-ckpt-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try first.saveCheckpoint(to: url)
        var resumed = try Training(c, resumingFrom: TrainingCheckpoint.read(from: url))
        while try resumed.step() != nil {}
        #expect(resumed.iteration == straight.iteration)
        #expect(resumed.report.series == straight.report.series)
        #expect(resumed.epochs == straight.epochs)
        #expect(resumed.report.summary["predictions"] == straight.report.summary["predictions"])
        for ((name, a), (_, b)) in zip(resumed.model.namedParameters, straight.model.namedParameters) {
            #expect(a.toArray() == b.toArray(), "\(name)")
        }
    }

    @Test func aRequestedCheckpointIsSavedAtTheNextStep() throws {
        var c = TrainingConfiguration()
        (c.model, c.data, c.epochs) = (.mlp, .blobs, 1)
        var study = try Training(c)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nndash-req-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        let request = CheckpointRequest(url: url)
        study.checkpointRequest = request
        _ = try study.step()
        #expect(!FileManager.default.fileExists(atPath: url.path))
        request.request()
        _ = try study.step()
        let saved = try TrainingCheckpoint.read(from: url)
        #expect(saved.iteration == 2)
        #expect(study.report.summary["saved_checkpoint"]?["iteration"]?.intValue == 2)
        #expect(!request.take())
    }

    @Test func checkpointOfAnotherRunIsRefused() throws {
        var c = TrainingConfiguration()
        (c.model, c.data, c.epochs) = (.mlp, .blobs, 1)
        let study = try Training(c)
        c.hidden = 32
        #expect(throws: TrainingError.self) { try Training(c, resumingFrom: study.checkpoint) }
    }

    /// A checkpoint saves and restores buffers beside parameters: batch norm's running statistics
    /// and batch count survive the file under PyTorch's `state_dict()` names.
    @Test func batchNormBuffersAreCheckpointed() throws {
        func model(seed: UInt64) -> Sequential {
            Sequential(Linear(inFeatures: 2, outFeatures: 3, generator: Generator(seed: seed)), BatchNorm1d(numFeatures: 3))
        }
        let trained = model(seed: 1)
        #expect(trained.namedBuffers.map(\.0) == ["1.running_mean", "1.running_var", "1.num_batches_tracked"])
        // Three training batches move the statistics away from their initial 0, 1 and 0.
        for k in 0..<3 {
            _ = trained(Tensor((0..<8).map { Float($0 * (k + 1)) - 3 }, shape: [4, 2]))
        }
        var c = TrainingConfiguration()
        (c.model, c.data, c.epochs) = (.mlp, .blobs, 1)
        var checkpoint = try Training(c).checkpoint
        checkpoint.model = TrainingCheckpoint.state(of: trained)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nndash-bn-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try checkpoint.write(to: url)

        let restored = model(seed: 2)
        try TrainingCheckpoint.read(from: url).loadState(into: restored)
        let buffers = restored.namedBuffers.map { $0.1.toArray() }
        #expect(buffers == trained.namedBuffers.map { $0.1.toArray() })
        #expect(buffers[0] != [0, 0, 0] && buffers[1] != [1, 1, 1])
        #expect(buffers[2] == [3])
        for ((name, a), (_, b)) in zip(restored.namedParameters, trained.namedParameters) {
            #expect(a.toArray() == b.toArray(), "\(name)")
        }

        checkpoint.model["1.running_var"] = nil
        #expect(throws: TrainingError.invalidCheckpoint("1.running_var is missing or has the wrong size")) {
            try checkpoint.loadState(into: restored)
        }
    }

    @Test func dataSourceArguments() {
        #expect(DataSource(argument: "spiral") == .spiral)
        #expect(DataSource(argument: "idx:a.idx,b.idx") == .idx(images: "a.idx", labels: "b.idx"))
        #expect(DataSource(argument: "idx:a.idx") == nil)
        #expect(DataSource(argument: "mnist:valid") == nil)
    }
}
