import Foundation

/// Cosine annealing restarted every `T_i` epochs, the period growing by `tMult` at each restart.
///
/// Loshchilov and Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts" (ICLR 2017).
public final class CosineAnnealingWarmRestarts: LRScheduler {
    public let t0: Int
    public let tMult: Int
    public let etaMin: Double
    /// Epochs since the last restart (fractional when stepped with fractional epochs).
    public private(set) var tCur: Double = 0
    /// The current period.
    public private(set) var tI: Double

    /// - Parameters: t0 (first period, > 0), tMult (period growth, >= 1), etaMin (minimum rate), lastEpoch.
    public init(optimizer: Optimizer, t0: Int, tMult: Int = 1, etaMin: Double = 0, lastEpoch: Int = -1) throws {
        guard t0 > 0 else { throw OptimizerError.invalidHyperparameter("Expected positive integer T_0, but got \(t0)") }
        guard tMult >= 1 else {
            throw OptimizerError.invalidHyperparameter("Expected integer T_mult >= 1, but got \(tMult)")
        }
        self.t0 = t0
        self.tMult = tMult
        self.etaMin = etaMin
        self.tI = Double(t0)
        self.tCur = Double(lastEpoch)
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch)
    }

    override public func computeLR() -> [Double] {
        baseLRs.map { etaMin + ($0 - etaMin) * (1 + cos(Double.pi * tCur / tI)) / 2 }
    }

    override public func step() throws {
        if lastEpoch < 0 {
            try step(epoch: 0.0)
            return
        }
        stepCount += 1
        lastEpoch += 1
        tCur += 1
        if tCur >= tI {
            tCur -= tI
            tI *= Double(tMult)
        }
        apply(computeLR())
    }

    override public func step(epoch: Int) throws { try step(epoch: Double(epoch)) }

    /// Jumps to a (possibly fractional) `epoch`, placing it within its restart period.
    public func step(epoch: Double) throws {
        guard epoch >= 0 else {
            throw OptimizerError.invalidUsage("Expected non-negative epoch, but got \(epoch)")
        }
        // The epoch becomes `lastEpoch`, an integer.
        guard epoch <= 9_007_199_254_740_992 else {
            throw OptimizerError.invalidUsage("Expected an epoch of at most 2^53, but got \(epoch)")
        }
        stepCount += 1
        let first = Double(t0), mult = Double(tMult)
        if epoch >= first {
            if tMult == 1 {
                tCur = epoch.truncatingRemainder(dividingBy: first)
                tI = first
            } else {
                let n = (log(epoch / first * (mult - 1) + 1) / log(mult)).rounded(.down)
                tCur = epoch - first * (pow(mult, n) - 1) / (mult - 1)
                tI = first * pow(mult, n)
            }
        } else {
            tI = first
            tCur = epoch
        }
        lastEpoch = Int(epoch.rounded(.down))
        apply(computeLR())
    }

    override public var extraState: [String: Double] {
        get { ["T_cur": tCur, "T_i": tI] }
        set {
            tCur = newValue["T_cur"] ?? tCur
            tI = newValue["T_i"] ?? tI
        }
    }
}
