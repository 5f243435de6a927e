/// Scales the learning rate by a factor moving linearly from `startFactor` to `endFactor` over `totalIters` epochs.
public final class LinearLR: LRScheduler {
    public let startFactor: Double
    public let endFactor: Double
    public let totalIters: Int

    /// - Parameters: startFactor (in (0, 1]), endFactor (in [0, 1]), totalIters, lastEpoch (-1 to start).
    public init(
        optimizer: Optimizer, startFactor: Double = 1.0 / 3, endFactor: Double = 1, totalIters: Int = 5,
        lastEpoch: Int = -1
    ) throws {
        guard startFactor > 0, startFactor <= 1 else {
            throw OptimizerError.invalidHyperparameter(
                "Starting multiplicative factor expected to be greater than 0 and less or equal to 1, got \(startFactor).")
        }
        guard (0...1).contains(endFactor) else {
            throw OptimizerError.invalidHyperparameter(
                "Ending multiplicative factor expected to be between 0 and 1, got \(endFactor).")
        }
        self.startFactor = startFactor
        self.endFactor = endFactor
        self.totalIters = totalIters
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch)
    }

    override public func computeLR() -> [Double] {
        if lastEpoch == 0 { return currentLRs.map { $0 * startFactor } }
        if lastEpoch > totalIters { return currentLRs }
        let change = endFactor - startFactor
        let ratio = 1 + change / (Double(totalIters) * startFactor + Double(lastEpoch - 1) * change)
        return currentLRs.map { $0 * ratio }
    }

    override public func closedFormLR() -> [Double]? {
        let progress = Double(min(totalIters, lastEpoch)) / Double(totalIters)
        return baseLRs.map { $0 * (startFactor + (endFactor - startFactor) * progress) }
    }
}
