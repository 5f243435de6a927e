import Foundation

/// Multiplies the learning rate by `gamma` at each milestone epoch (a repeated milestone applies it again).
public final class MultiStepLR: LRScheduler {
    public let milestones: [Int]
    public let gamma: Double

    /// - Parameters: milestones (epoch indices), gamma (decay factor), lastEpoch (-1 to start).
    public init(optimizer: Optimizer, milestones: [Int], gamma: Double = 0.1, lastEpoch: Int = -1) throws {
        self.milestones = milestones.sorted()
        self.gamma = gamma
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch)
    }

    override public func computeLR() -> [Double] {
        let hits = milestones.filter { $0 == lastEpoch }.count
        return hits == 0 ? currentLRs : currentLRs.map { $0 * pow(gamma, Double(hits)) }
    }

    override public func closedFormLR() -> [Double]? {
        let passed = milestones.filter { $0 <= lastEpoch }.count
        return baseLRs.map { $0 * pow(gamma, Double(passed)) }
    }
}
