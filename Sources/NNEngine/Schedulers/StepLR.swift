import Foundation

/// Multiplies the learning rate by `gamma` every `stepSize` epochs.
public final class StepLR: LRScheduler {
    public let stepSize: Int
    public let gamma: Double

    /// - Parameters: stepSize (epochs between decays, > 0), gamma (decay factor), lastEpoch (-1 to start).
    public init(optimizer: Optimizer, stepSize: Int, gamma: Double = 0.1, lastEpoch: Int = -1) throws {
        guard stepSize > 0 else { throw OptimizerError.invalidHyperparameter("Invalid step_size: \(stepSize)") }
        self.stepSize = stepSize
        self.gamma = gamma
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch)
    }

    override public func computeLR() -> [Double] {
        lastEpoch == 0 || lastEpoch % stepSize != 0 ? currentLRs : currentLRs.map { $0 * gamma }
    }

    override public func closedFormLR() -> [Double]? {
        baseLRs.map { $0 * pow(gamma, Double(lastEpoch / stepSize)) }
    }
}
