import Foundation
import NNText

/// Cycles the learning rate between `baseLR` and `maxLR` (and momentum inversely). Step it once per batch.
///
/// Smith, "Cyclical Learning Rates for Training Neural Networks" (WACV 2017).
public final class CyclicLR: LRScheduler {
    /// The cycle's amplitude policy.
    public enum Mode: String, Sendable {
        /// Constant amplitude.
        case triangular
        /// Amplitude halved each cycle.
        case triangular2
        /// Amplitude scaled by `gamma^iteration`.
        case expRange = "exp_range"
    }

    /// Whether the scale function takes the cycle number or the iteration.
    public enum ScaleMode: String, Sendable { case cycle, iterations }

    public let maxLRs: [Double]
    public let totalSize: Double
    public let stepRatio: Double
    public let mode: Mode
    public let gamma: Double
    public let scaleMode: ScaleMode
    public let cycleMomentum: Bool
    private let scaleFn: (Double) -> Double
    private let baseMomentums: [Double]
    private let maxMomentums: [Double]
    private let useBeta1: Bool

    /// - Parameters:
    ///   - baseLR, maxLR: the cycle's bounds, one for all groups or one per group.
    ///   - stepSizeUp, stepSizeDown: iterations rising and falling (down defaults to up).
    ///   - mode, gamma: the amplitude policy; scaleFn with scaleMode overrides it.
    ///   - cycleMomentum, baseMomentum, maxMomentum: momentum cycling (beta1 for Adam-like optimizers).
    public init(
        optimizer: Optimizer, baseLR: [Double], maxLR: [Double], stepSizeUp: Int = 2000, stepSizeDown: Int? = nil,
        mode: Mode = .triangular, gamma: Double = 1, scaleFn: ((Double) -> Double)? = nil,
        scaleMode: ScaleMode = .cycle, cycleMomentum: Bool = true, baseMomentum: [Double] = [0.8],
        maxMomentum: [Double] = [0.9], lastEpoch: Int = -1
    ) throws {
        let groups = optimizer.paramGroups.count
        func perGroup(_ values: [Double], _ name: String) throws -> [Double] {
            guard values.count == 1 || values.count == groups else {
                throw OptimizerError.invalidHyperparameter("expected \(counted(groups, "value")) for \(name), got \(values.count)")
            }
            return values.count == 1 ? Array(repeating: values[0], count: groups) : values
        }
        let baseLRs = try perGroup(baseLR, "base_lr")
        maxLRs = try perGroup(maxLR, "max_lr")
        guard stepSizeUp > 0, (stepSizeDown ?? stepSizeUp) > 0 else {
            throw OptimizerError.invalidHyperparameter("step sizes must be positive, got \(stepSizeUp)")
        }
        let up = Double(stepSizeUp), down = Double(stepSizeDown ?? stepSizeUp)
        totalSize = up + down
        stepRatio = up / totalSize
        self.mode = mode
        self.gamma = gamma
        if let scaleFn {
            self.scaleFn = scaleFn
            self.scaleMode = scaleMode
        } else {
            switch mode {
            case .triangular: self.scaleFn = { _ in 1 }
            case .triangular2: self.scaleFn = { x in 1 / pow(2, x - 1) }
            case .expRange: self.scaleFn = { x in pow(gamma, x) }
            }
            self.scaleMode = mode == .expRange ? .iterations : .cycle
        }
        self.cycleMomentum = cycleMomentum
        useBeta1 = optimizer.defaults["betas"] != nil
        baseMomentums = try perGroup(baseMomentum, "base_momentum")
        maxMomentums = try perGroup(maxMomentum, "max_momentum")
        if cycleMomentum {
            guard optimizer.defaults["momentum"] != nil || useBeta1 else {
                throw OptimizerError.invalidUsage(
                    "optimizer must support momentum or beta1 with `cycle_momentum` option enabled")
            }
        }
        if lastEpoch == -1 {
            for index in 0..<groups {
                optimizer.setOption("lr", .number(baseLRs[index]), group: index)
                if cycleMomentum {
                    MomentumCycling.set(maxMomentums[index], group: index, of: optimizer, beta1: useBeta1)
                }
            }
        }
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch, initialStep: false)
        self.baseLRs = baseLRs
        try initialStep()
    }

    /// One base and one peak rate for every group.
    public convenience init(
        optimizer: Optimizer, baseLR: Double, maxLR: Double, stepSizeUp: Int = 2000, stepSizeDown: Int? = nil,
        mode: Mode = .triangular, gamma: Double = 1, scaleFn: ((Double) -> Double)? = nil,
        scaleMode: ScaleMode = .cycle, cycleMomentum: Bool = true, baseMomentum: Double = 0.8,
        maxMomentum: Double = 0.9, lastEpoch: Int = -1
    ) throws {
        try self.init(
            optimizer: optimizer, baseLR: [baseLR], maxLR: [maxLR], stepSizeUp: stepSizeUp,
            stepSizeDown: stepSizeDown, mode: mode, gamma: gamma, scaleFn: scaleFn, scaleMode: scaleMode,
            cycleMomentum: cycleMomentum, baseMomentum: [baseMomentum], maxMomentum: [maxMomentum],
            lastEpoch: lastEpoch)
    }

    override public func computeLR() -> [Double] {
        let epoch = Double(lastEpoch)
        let cycle = (1 + epoch / totalSize).rounded(.down)
        let x = 1 + epoch / totalSize - cycle
        let scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1)
        let scale = scaleFn(scaleMode == .cycle ? cycle : epoch)
        if cycleMomentum {
            for index in maxMomentums.indices {
                let momentum = maxMomentums[index] - (maxMomentums[index] - baseMomentums[index]) * scaleFactor * scale
                MomentumCycling.set(momentum, group: index, of: optimizer, beta1: useBeta1)
            }
        }
        return zip(baseLRs, maxLRs).map { base, peak in base + (peak - base) * scaleFactor * scale }
    }
}
