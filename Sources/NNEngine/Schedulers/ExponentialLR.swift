import Foundation

/// Multiplies the learning rate by `gamma` every epoch.
public final class ExponentialLR: LRScheduler {
    public let gamma: Double

    /// - Parameters: gamma (decay factor per epoch), lastEpoch (-1 to start).
    public init(optimizer: Optimizer, gamma: Double, lastEpoch: Int = -1) throws {
        self.gamma = gamma
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch)
    }

    override public func computeLR() -> [Double] {
        lastEpoch == 0 ? currentLRs : currentLRs.map { $0 * gamma }
    }

    override public func closedFormLR() -> [Double]? {
        baseLRs.map { $0 * pow(gamma, Double(lastEpoch)) }
    }
}
