import Foundation

/// Decays the learning rate as `(1 - epoch / totalIters)^power` until `totalIters`.
public final class PolynomialLR: LRScheduler {
    public let totalIters: Int
    public let power: Double

    /// - Parameters: totalIters (epochs of decay), power (the polynomial's power), lastEpoch (-1 to start).
    public init(optimizer: Optimizer, totalIters: Int = 5, power: Double = 1, lastEpoch: Int = -1) throws {
        self.totalIters = totalIters
        self.power = power
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch)
    }

    override public func computeLR() -> [Double] {
        if lastEpoch == 0 || lastEpoch > totalIters { return currentLRs }
        let total = Double(totalIters), epoch = Double(lastEpoch)
        let decay = pow((1 - epoch / total) / (1 - (epoch - 1) / total), power)
        return currentLRs.map { $0 * decay }
    }

    override public func closedFormLR() -> [Double]? {
        let remaining = 1 - Double(min(totalIters, lastEpoch)) / Double(totalIters)
        return baseLRs.map { $0 * pow(remaining, power) }
    }
}
