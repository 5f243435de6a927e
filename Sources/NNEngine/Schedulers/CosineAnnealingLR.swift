import Foundation

/// Anneals the learning rate along a cosine from its base to `etaMin` over `tMax` epochs (PyTorch's recursive form).
///
/// Loshchilov and Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts" (ICLR 2017).
/// Past `tMax` the recursion climbs back up, as PyTorch's does.
public final class CosineAnnealingLR: LRScheduler {
    public let tMax: Int
    public let etaMin: Double

    /// - Parameters: tMax (half period in epochs, > 0), etaMin (minimum rate), lastEpoch (-1 to start).
    public init(optimizer: Optimizer, tMax: Int, etaMin: Double = 0, lastEpoch: Int = -1) throws {
        guard tMax > 0 else { throw OptimizerError.invalidHyperparameter("Invalid T_max: \(tMax)") }
        self.tMax = tMax
        self.etaMin = etaMin
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch)
    }

    override public func computeLR() -> [Double] {
        let t = Double(tMax), epoch = Double(lastEpoch)
        if lastEpoch == 0 { return currentLRs }
        if stepCount == 1 && lastEpoch > 0 { return closedFormLR() }
        let period = 2 * tMax
        if ((lastEpoch - 1 - tMax) % period + period) % period == 0 {
            return zip(currentLRs, baseLRs).map { lr, base in lr + (base - etaMin) * (1 - cos(Double.pi / t)) / 2 }
        }
        let ratio = (1 + cos(Double.pi * epoch / t)) / (1 + cos(Double.pi * (epoch - 1) / t))
        return currentLRs.map { ratio * ($0 - etaMin) + etaMin }
    }

    override public func closedFormLR() -> [Double] {
        baseLRs.map { etaMin + ($0 - etaMin) * (1 + cos(Double.pi * Double(lastEpoch) / Double(tMax))) / 2 }
    }
}
