extension Training.Snapshot {
    /// What the train and validation curves say about overfitting, from the epochs so far: the
    /// epoch of the lowest validation loss, the gap between validation and training loss at
    /// the latest epoch, and the epochs whose validation loss rose while training loss fell.
    public struct Overfitting: Equatable, Sendable {
        /// The epoch (1-based) with the lowest validation loss, and that loss.
        public var bestEpoch: Int
        public var bestValidationLoss: Double
        /// Validation loss minus training loss at the latest epoch.
        public var gap: Double
        /// Epochs whose validation loss rose over the epoch before while training loss fell.
        public var risingWhileTrainingFalls: [Int]
        /// The latest epoch.
        public var lastEpoch: Int
    }

    /// The analysis of the epochs so far; nil before the first epoch ends.
    public var overfitting: Overfitting? {
        let rows = epochs.filter { $0.validationLoss.isFinite && $0.trainLoss.isFinite }
        guard let last = rows.last, let best = rows.min(by: { $0.validationLoss < $1.validationLoss }) else { return nil }
        let rising = zip(rows, rows.dropFirst()).filter { before, after in
            after.validationLoss > before.validationLoss && after.trainLoss < before.trainLoss
        }.map { $0.1.epoch }
        return Overfitting(bestEpoch: best.epoch, bestValidationLoss: best.validationLoss,
                           gap: last.validationLoss - last.trainLoss, risingWhileTrainingFalls: rising, lastEpoch: last.epoch)
    }

    /// The learning rate of each run of epochs that trained at one rate: (first epoch, last
    /// epoch, lr), in order; what a scheduler did, epoch by epoch.
    public var learningRateByEpoch: [(first: Int, last: Int, lr: Double)] {
        var runs: [(first: Int, last: Int, lr: Double)] = []
        for row in epochs {
            if let end = runs.last, end.lr == row.learningRate {
                runs[runs.count - 1].last = row.epoch
            } else {
                runs.append((row.epoch, row.epoch, row.learningRate))
            }
        }
        return runs
    }
}
