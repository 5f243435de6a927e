/// Scales the learning rate by a constant `factor` until epoch `totalIters`, then restores it.
public final class ConstantLR: LRScheduler {
    public let factor: Double
    public let totalIters: Int

    /// - Parameters: factor (in [0, 1]), totalIters (epochs scaled), lastEpoch (-1 to start).
    public init(optimizer: Optimizer, factor: Double = 1.0 / 3, totalIters: Int = 5, lastEpoch: Int = -1) throws {
        guard (0...1).contains(factor) else {
            throw OptimizerError.invalidHyperparameter(
                "Constant multiplicative factor expected to be between 0 and 1, got \(factor).")
        }
        self.factor = factor
        self.totalIters = totalIters
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch)
    }

    override public func computeLR() -> [Double] {
        if lastEpoch == 0 { return currentLRs.map { $0 * factor } }
        return lastEpoch != totalIters ? currentLRs : currentLRs.map { $0 * (1 / factor) }
    }

    override public func closedFormLR() -> [Double]? {
        baseLRs.map { $0 * (factor + (lastEpoch >= totalIters ? 1 - factor : 0)) }
    }
}
