import Foundation
import NNEngine
import NNRuns

/// Saving a run and continuing it on the identical trajectory.
extension Training {
    /// The run's complete state.
    public var checkpoint: TrainingCheckpoint {
        var weights: [String: [Float]] = [:]
        for (name, t) in model.namedParameters + model.namedBuffers { weights[name] = t.toArray() }
        var history: [String: [[Double]]] = [:]
        for s in report.series { history[s.label] = [s.x, s.y] }
        return TrainingCheckpoint(
            params: configuration.params.jsonText, epoch: epoch, batchIndex: batchIndex, iteration: iteration,
            model: weights, optimizer: optimizer.stateDict(), scheduler: scheduler?.stateDict(),
            history: history, epochs: epochs, epochLoss: epochLoss, epochCorrect: epochCorrect, epochSeen: epochSeen)
    }

    /// A run of `configuration` continued from `checkpoint`.
    ///
    /// - Throws: `TrainingError.invalidCheckpoint` when the checkpoint was made by a different run
    ///   (other parameters, model shapes or optimizer).
    public init(_ configuration: TrainingConfiguration, dataset: Dataset? = nil, resumingFrom checkpoint: TrainingCheckpoint) throws {
        try self.init(configuration, dataset: dataset ?? configuration.data.load(seed: configuration.seed))
        guard let saved = try? JSONValue(parsing: checkpoint.params) else {
            throw TrainingError.invalidCheckpoint("its parameters are not JSON")
        }
        for key in ["model", "data", "optimizer", "batch_size", "seed", "validation_fraction", "hidden", "scheduler"]
        where saved[key] != configuration.params[key] {
            throw TrainingError.invalidCheckpoint(
                "it was saved with \(key) \(saved[key]?.jsonText ?? "null"), this run has \(configuration.params[key]?.jsonText ?? "null")")
        }
        for (name, t) in model.namedParameters + model.namedBuffers {
            guard let values = checkpoint.model[name], values.count == t.count else {
                throw TrainingError.invalidCheckpoint("\(name) is missing or has the wrong size")
            }
            t.copy(from: values)
        }
        try optimizer.loadStateDict(checkpoint.optimizer)
        if let scheduler, let state = checkpoint.scheduler { try scheduler.loadStateDict(state) }
        (epoch, batchIndex, iteration, epochs) = (checkpoint.epoch, checkpoint.batchIndex, checkpoint.iteration, checkpoint.epochs)
        (epochLoss, epochCorrect, epochSeen) = (checkpoint.epochLoss, checkpoint.epochCorrect, checkpoint.epochSeen)
        for i in series.indices {
            guard let curve = checkpoint.history[series[i].label], curve.count == 2, curve[0].count == curve[1].count else {
                throw TrainingError.invalidCheckpoint("the curve \(series[i].label) is missing")
            }
            (series[i].x, series[i].y) = (curve[0], curve[1])
        }
        order = loader.order(epoch: epoch)
        view = predictionView()
    }

    /// Writes `checkpoint` to `url`.
    public func saveCheckpoint(to url: URL) throws { try checkpoint.write(to: url) }
}
