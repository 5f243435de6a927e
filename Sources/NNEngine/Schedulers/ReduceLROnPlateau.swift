import Foundation
import NNText

/// Reduces the learning rate by `factor` when a metric has stopped improving for `patience` epochs.
public final class ReduceLROnPlateau: SchedulerStateSaving {
    /// Whether lower or higher metric values are better.
    public enum Mode: String, Sendable { case min, max }
    /// Whether `threshold` is relative to the best value or absolute.
    public enum ThresholdMode: String, Sendable { case rel, abs }

    public let optimizer: Optimizer
    public let mode: Mode
    public let factor: Double
    public let patience: Int
    public let threshold: Double
    public let thresholdMode: ThresholdMode
    public let cooldown: Int
    public let minLRs: [Double]
    public let eps: Double
    /// The best metric so far.
    public private(set) var best: Double
    /// Epochs without improvement.
    public private(set) var numBadEpochs = 0
    /// Epochs of cooldown left after a reduction.
    public private(set) var cooldownCounter = 0
    /// Steps taken.
    public private(set) var lastEpoch = 0
    /// The groups' learning rates after the last step.
    public private(set) var lastLR: [Double]

    /// - Parameters:
    ///   - mode: min or max; factor: reduction factor (< 1); patience: bad epochs tolerated.
    ///   - threshold, thresholdMode: what counts as an improvement (rel: `best * (1 -/+ threshold)`).
    ///   - cooldown: epochs to wait after a reduction; minLR: floor, one or one per group;
    ///     eps: reductions smaller than this are skipped.
    public init(
        optimizer: Optimizer, mode: Mode = .min, factor: Double = 0.1, patience: Int = 10, threshold: Double = 1e-4,
        thresholdMode: ThresholdMode = .rel, cooldown: Int = 0, minLR: [Double] = [0], eps: Double = 1e-8
    ) throws {
        guard factor < 1 else { throw OptimizerError.invalidHyperparameter("Factor should be < 1.0.") }
        let groups = optimizer.paramGroups.count
        guard minLR.count == 1 || minLR.count == groups else {
            throw OptimizerError.invalidHyperparameter("expected \(groups) min_lrs, got \(minLR.count)")
        }
        self.optimizer = optimizer
        self.mode = mode
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.thresholdMode = thresholdMode
        self.cooldown = cooldown
        self.minLRs = minLR.count == 1 ? Array(repeating: minLR[0], count: groups) : minLR
        self.eps = eps
        best = mode == .min ? .infinity : -.infinity
        lastLR = optimizer.paramGroups.map(\.learningRate)
    }

    /// One floor for every group.
    public convenience init(
        optimizer: Optimizer, mode: Mode = .min, factor: Double = 0.1, patience: Int = 10, threshold: Double = 1e-4,
        thresholdMode: ThresholdMode = .rel, cooldown: Int = 0, minLR: Double, eps: Double = 1e-8
    ) throws {
        try self.init(
            optimizer: optimizer, mode: mode, factor: factor, patience: patience, threshold: threshold,
            thresholdMode: thresholdMode, cooldown: cooldown, minLR: [minLR], eps: eps)
    }

    private func isBetter(_ value: Double) -> Bool {
        switch (mode, thresholdMode) {
        case (.min, .rel): value < best * (1 - threshold)
        case (.min, .abs): value < best - threshold
        case (.max, .rel): value > best * (threshold + 1)
        case (.max, .abs): value > best + threshold
        }
    }

    /// Records the epoch's `metric` and reduces the rates after `patience` epochs without improvement.
    public func step(_ metric: Double) {
        lastEpoch += 1
        if isBetter(metric) {
            best = metric
            numBadEpochs = 0
        } else {
            numBadEpochs += 1
        }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            numBadEpochs = 0
        }
        if numBadEpochs > patience {
            for (index, group) in optimizer.paramGroups.enumerated() {
                let old = group.learningRate
                let new = max(old * factor, minLRs[index])
                if old - new > eps { optimizer.setOption("lr", .number(new), group: index) }
            }
            cooldownCounter = cooldown
            numBadEpochs = 0
        }
        lastLR = optimizer.paramGroups.map(\.learningRate)
    }

    /// The counters: best, bad epochs, cooldown, epoch and last rates.
    public func stateDict() -> SchedulerStateDict {
        SchedulerStateDict(
            lastEpoch: lastEpoch, stepCount: lastEpoch, baseLRs: [], lastLR: lastLR,
            values: ["best": best, "num_bad_epochs": Double(numBadEpochs), "cooldown_counter": Double(cooldownCounter)])
    }

    /// Restores counters saved by `stateDict()`.
    public func loadStateDict(_ dict: SchedulerStateDict) throws {
        guard let best = dict.values["best"], let bad = dict.values["num_bad_epochs"],
            let cooldown = dict.values["cooldown_counter"]
        else { throw OptimizerError.invalidStateDict("not a ReduceLROnPlateau state") }
        guard dict.lastLR.count == lastLR.count else {
            throw OptimizerError.invalidStateDict("scheduler state has \(counted(dict.lastLR.count, "group")), the optimizer has \(lastLR.count)")
        }
        try LRScheduler.requireCounters(dict)
        try Optimizer.requireCount(bad, "num_bad_epochs")
        try Optimizer.requireCount(cooldown, "cooldown_counter")
        self.best = best
        numBadEpochs = Int(bad)
        cooldownCounter = Int(cooldown)
        lastEpoch = dict.lastEpoch
        lastLR = dict.lastLR
    }
}
