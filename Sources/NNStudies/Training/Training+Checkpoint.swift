import Foundation
import NNEngine
import NNRuns

/// Saving a run and continuing it on the identical trajectory.
extension Training {
    /// The run's complete state.
    public var checkpoint: TrainingCheckpoint {
        var history: [String: [[Double]]] = [:]
        for s in report.series { history[s.label] = [s.x.array, s.y.array] }
        return TrainingCheckpoint(
            params: configuration.params.jsonText, epoch: epoch, batchIndex: batchIndex, iteration: iteration,
            model: TrainingCheckpoint.state(of: model), optimizer: optimizer.stateDict(), scheduler: scheduler?.stateDict(),
            history: history, epochs: epochs, epochLoss: epochLoss, epochCorrect: epochCorrect, epochSeen: epochSeen)
    }

    /// A run of `configuration` continued from `checkpoint`.
    ///
    /// Every value read from the checkpoint is checked against the run it claims to continue
    /// before it is used: its settings (all but the number of epochs must be `configuration`'s),
    /// its position (epoch, batch and iteration agree with each other and with the data), the
    /// sizes of its weights, curves and optimizer state, and its scheduler's counters.
    ///
    /// - Throws: `TrainingError.invalidCheckpoint` naming the first value that does not fit.
    public init(_ configuration: TrainingConfiguration, dataset: Dataset? = nil, resumingFrom checkpoint: TrainingCheckpoint) throws {
        let saved = try checkpoint.configuration
        var comparable = configuration
        comparable.epochs = saved.epochs
        if comparable != saved {
            let key = configuration.params.objectValue?.first { $0.1 != saved.params[$0.0] && $0.0 != "epochs" }?.0 ?? "parameters"
            throw TrainingError.invalidCheckpoint(
                "it was saved with \(key) \(saved.params[key]?.jsonText ?? "null"), this run has \(configuration.params[key]?.jsonText ?? "null")")
        }
        try self.init(configuration, dataset: dataset ?? configuration.loadData().dataset)
        try checkPosition(of: checkpoint)
        try checkpoint.loadState(into: model)
        try checkOptimizerState(checkpoint.optimizer, iteration: checkpoint.iteration)
        try checkSchedulerState(checkpoint.scheduler, epoch: checkpoint.epoch)
        do {
            try optimizer.loadStateDict(checkpoint.optimizer)
            if let scheduler, let state = checkpoint.scheduler { try scheduler.loadStateDict(state) }
        } catch {
            throw TrainingError.invalidCheckpoint("\(error)")
        }
        (epoch, batchIndex, iteration, epochs) = (checkpoint.epoch, checkpoint.batchIndex, checkpoint.iteration, checkpoint.epochs)
        (epochLoss, epochCorrect, epochSeen) = (checkpoint.epochLoss, checkpoint.epochCorrect, checkpoint.epochSeen)
        for i in series.indices {
            let expected = i == Self.trainLoss || i == Self.learningRate ? iteration : epoch
            guard let curve = checkpoint.history[series[i].label], curve.count == 2,
                  curve[0].count == expected, curve[1].count == expected else {
                throw TrainingError.invalidCheckpoint("the curve \(series[i].label) is missing or does not have \(counted(expected, "point"))")
            }
            // Appended a point at a time, as the run appended them: the curve stays compact as it grows.
            var restored = Series(label: series[i].label, params: series[i].params, panel: series[i].panel)
            for (x, y) in zip(curve[0], curve[1]) { restored.append(x: x, y: y) }
            series[i] = restored
        }
        order = loader.order(epoch: epoch)
        view = predictionView()
    }

    /// Checks that the checkpoint's epoch, batch, iteration and epoch sums describe one place in this run.
    private func checkPosition(of checkpoint: TrainingCheckpoint) throws(TrainingError) {
        let batches = loader.count
        guard (0...configuration.epochs).contains(checkpoint.epoch) else {
            throw .invalidCheckpoint(checkpoint.epoch > configuration.epochs && checkpoint.epoch <= TrainingConfiguration.epochsRange.upperBound
                ? "it has finished \(counted(checkpoint.epoch, "epoch")), more than the \(configuration.epochs) of this run"
                : "its epoch \(checkpoint.epoch) is not between 0 and \(configuration.epochs)")
        }
        let lastBatch = checkpoint.epoch == configuration.epochs ? 0 : batches - 1
        guard (0...lastBatch).contains(checkpoint.batchIndex) else {
            throw .invalidCheckpoint("its batchIndex \(checkpoint.batchIndex) is not between 0 and \(lastBatch) in epoch \(checkpoint.epoch) of \(configuration.epochs)")
        }
        guard checkpoint.iteration == checkpoint.epoch * batches + checkpoint.batchIndex else {
            throw .invalidCheckpoint(
                "its iteration \(checkpoint.iteration) is not epoch \(checkpoint.epoch) × \(counted(batches, "batch", "batches")) + batch \(checkpoint.batchIndex)")
        }
        guard checkpoint.epochs.count == checkpoint.epoch,
              checkpoint.epochs.enumerated().allSatisfy({ $1.epoch == $0 + 1 && $1.iteration == ($0 + 1) * batches }) else {
            throw .invalidCheckpoint("its epoch metrics do not match its \(checkpoint.epoch) finished epochs")
        }
        let seen = Swift.min(checkpoint.batchIndex * configuration.batchSize, trainSet.count)
        guard checkpoint.epochSeen == seen, (0...seen).contains(checkpoint.epochCorrect) else {
            throw .invalidCheckpoint("its epoch sums (\(checkpoint.epochCorrect) of \(checkpoint.epochSeen) correct) do not match batch \(checkpoint.batchIndex)")
        }
    }

    /// Checks the saved optimizer options (only the learning rate may have moved, by the
    /// schedule) and the per-parameter counters.
    private func checkOptimizerState(_ saved: OptimizerStateDict, iteration: Int) throws(TrainingError) {
        guard saved.paramGroups.count == optimizer.paramGroups.count else {
            throw .invalidCheckpoint("its optimizer has \(saved.paramGroups.count) parameter groups, this run's has \(optimizer.paramGroups.count)")
        }
        for (group, current) in zip(saved.paramGroups, optimizer.paramGroups) {
            for key in Set(group.options.keys).union(current.options.keys) where key != "lr" && group.options[key] != current.options[key] {
                throw .invalidCheckpoint("its optimizer option \(key) is \(group.options[key]?.description ?? "missing"), this run has \(current.options[key]?.description ?? "none")")
            }
            guard let lr = group.options["lr"]?.number, lr.isFinite, lr >= 0 else {
                throw .invalidCheckpoint("its learning rate is \(group.options["lr"]?.description ?? "missing")")
            }
        }
        for (number, state) in saved.state {
            if let step = state.scalars["step"], !(step >= 0 && step <= Double(iteration) && step.rounded() == step) {
                throw .invalidCheckpoint("the optimizer's step count of parameter \(number) is \(step)")
            }
        }
    }

    /// Checks the scheduler's counters: one step per finished epoch after the initial one.
    private func checkSchedulerState(_ saved: SchedulerStateDict?, epoch: Int) throws(TrainingError) {
        guard let scheduler else {
            if saved != nil { throw .invalidCheckpoint("it has a scheduler state, this run has no scheduler") }
            return
        }
        guard let saved else { throw .invalidCheckpoint("its scheduler state is missing") }
        guard saved.lastEpoch == epoch, saved.stepCount == epoch + 1 else {
            throw .invalidCheckpoint("its scheduler is at epoch \(saved.lastEpoch) after \(counted(saved.stepCount, "step")), the run at epoch \(epoch)")
        }
        guard saved.baseLRs == scheduler.baseLRs, saved.lastLR.count == scheduler.lastLR.count,
              saved.lastLR.allSatisfy({ $0.isFinite && $0 >= 0 }), saved.values.values.allSatisfy(\.isFinite), saved.children.isEmpty else {
            throw .invalidCheckpoint("its scheduler state does not belong to this run's \(configuration.scheduler.rawValue)")
        }
    }

    /// Writes `checkpoint` to `url`.
    public func saveCheckpoint(to url: URL) throws { try checkpoint.write(to: url) }
}

extension TrainingCheckpoint {
    /// `model`'s parameters and buffers (batch norm's running statistics, say) by their
    /// `state_dict()` names: what a checkpoint's `model` holds.
    static func state(of model: any Module) -> [String: [Float]] {
        var state: [String: [Float]] = [:]
        for (name, t) in model.namedParameters + model.namedBuffers { state[name] = t.toArray() }
        return state
    }

    /// Copies the saved parameters and buffers into `model`'s.
    ///
    /// - Throws: `TrainingError.invalidCheckpoint` naming the first one missing or of another size.
    func loadState(into model: any Module) throws(TrainingError) {
        for (name, t) in model.namedParameters + model.namedBuffers {
            guard let values = self.model[name], values.count == t.count else {
                throw .invalidCheckpoint("\(name) is missing or has the wrong size")
            }
            t.copy(from: values)
        }
    }
}
