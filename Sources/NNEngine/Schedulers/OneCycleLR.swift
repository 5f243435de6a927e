import Foundation
import NNText

/// The 1cycle policy: the rate rises from `maxLR / divFactor` to `maxLR`, then anneals far below,
/// while momentum (or Adam's beta1) cycles inversely. Step it once per batch.
///
/// Smith and Topin, "Super-Convergence: Very Fast Training of Neural Networks Using Large Learning
/// Rates" (2018).
public final class OneCycleLR: LRScheduler {
    /// How a phase moves from its start value to its end value.
    public enum AnnealStrategy: String, Sendable { case cos, linear }

    private struct Phase {
        var endStep: Double
        var lr: KeyPath<Limits, Double>
        var lrEnd: KeyPath<Limits, Double>
        var momentum: KeyPath<Limits, Double>
        var momentumEnd: KeyPath<Limits, Double>
    }

    private struct Limits {
        var initialLR, maxLR, minLR, baseMomentum, maxMomentum: Double
    }

    public let totalSteps: Int
    public let annealStrategy: AnnealStrategy
    public let cycleMomentum: Bool
    private let limits: [Limits]
    private let phases: [Phase]
    private let useBeta1: Bool

    /// - Parameters:
    ///   - maxLR: the peak rate, one for all groups or one per group.
    ///   - totalSteps: steps in the cycle, or give `epochs` and `stepsPerEpoch`.
    ///   - pctStart: fraction of the cycle spent rising; annealStrategy: cos or linear.
    ///   - cycleMomentum, baseMomentum, maxMomentum: momentum cycling (beta1 for Adam-like optimizers).
    ///   - divFactor: initial rate = maxLR / divFactor; finalDivFactor: minimum = initial / finalDivFactor.
    ///   - threePhase: rise, fall back to the initial rate, then anneal to the minimum.
    public init(
        optimizer: Optimizer, maxLR: [Double], totalSteps: Int? = nil, epochs: Int? = nil, stepsPerEpoch: Int? = nil,
        pctStart: Double = 0.3, annealStrategy: AnnealStrategy = .cos, cycleMomentum: Bool = true,
        baseMomentum: Double = 0.85, maxMomentum: Double = 0.95, divFactor: Double = 25,
        finalDivFactor: Double = 1e4, threePhase: Bool = false, lastEpoch: Int = -1
    ) throws {
        let groups = optimizer.paramGroups.count
        if let totalSteps {
            guard totalSteps > 0 else {
                throw OptimizerError.invalidHyperparameter("Expected positive integer total_steps, but got \(totalSteps)")
            }
            self.totalSteps = totalSteps
        } else if let epochs, let stepsPerEpoch {
            guard epochs > 0 else {
                throw OptimizerError.invalidHyperparameter("Expected positive integer epochs, but got \(epochs)")
            }
            guard stepsPerEpoch > 0 else {
                throw OptimizerError.invalidHyperparameter(
                    "Expected positive integer steps_per_epoch, but got \(stepsPerEpoch)")
            }
            self.totalSteps = epochs * stepsPerEpoch
        } else {
            throw OptimizerError.invalidHyperparameter(
                "You must define either total_steps OR (epochs AND steps_per_epoch)")
        }
        guard (0...1).contains(pctStart) else {
            throw OptimizerError.invalidHyperparameter("Expected float between 0 and 1 pct_start, but got \(pctStart)")
        }
        guard maxLR.count == 1 || maxLR.count == groups else {
            throw OptimizerError.invalidHyperparameter("expected \(counted(groups, "value")) for max_lr, got \(maxLR.count)")
        }
        let total = Double(self.totalSteps)
        if threePhase {
            phases = [
                Phase(endStep: pctStart * total - 1, lr: \.initialLR, lrEnd: \.maxLR,
                      momentum: \.maxMomentum, momentumEnd: \.baseMomentum),
                Phase(endStep: 2 * pctStart * total - 2, lr: \.maxLR, lrEnd: \.initialLR,
                      momentum: \.baseMomentum, momentumEnd: \.maxMomentum),
                Phase(endStep: total - 1, lr: \.initialLR, lrEnd: \.minLR,
                      momentum: \.maxMomentum, momentumEnd: \.maxMomentum),
            ]
        } else {
            phases = [
                Phase(endStep: pctStart * total - 1, lr: \.initialLR, lrEnd: \.maxLR,
                      momentum: \.maxMomentum, momentumEnd: \.baseMomentum),
                Phase(endStep: total - 1, lr: \.maxLR, lrEnd: \.minLR,
                      momentum: \.baseMomentum, momentumEnd: \.maxMomentum),
            ]
        }
        self.annealStrategy = annealStrategy
        self.cycleMomentum = cycleMomentum
        limits = (0..<groups).map { index in
            let peak = maxLR.count == 1 ? maxLR[0] : maxLR[index]
            return Limits(
                initialLR: peak / divFactor, maxLR: peak, minLR: peak / divFactor / finalDivFactor,
                baseMomentum: baseMomentum, maxMomentum: maxMomentum)
        }
        useBeta1 = optimizer.defaults["betas"] != nil
        if cycleMomentum {
            guard optimizer.defaults["momentum"] != nil || useBeta1 else {
                throw OptimizerError.invalidUsage(
                    "optimizer must support momentum or beta1 with `cycle_momentum` option enabled")
            }
        }
        if lastEpoch == -1 {
            for (index, limit) in limits.enumerated() {
                optimizer.setOption("initial_lr", .number(limit.initialLR), group: index)
                if cycleMomentum { MomentumCycling.set(limit.maxMomentum, group: index, of: optimizer, beta1: useBeta1) }
            }
        }
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch)
    }

    /// One peak rate for every group.
    public convenience init(
        optimizer: Optimizer, maxLR: Double, totalSteps: Int? = nil, epochs: Int? = nil, stepsPerEpoch: Int? = nil,
        pctStart: Double = 0.3, annealStrategy: AnnealStrategy = .cos, cycleMomentum: Bool = true,
        baseMomentum: Double = 0.85, maxMomentum: Double = 0.95, divFactor: Double = 25,
        finalDivFactor: Double = 1e4, threePhase: Bool = false, lastEpoch: Int = -1
    ) throws {
        try self.init(
            optimizer: optimizer, maxLR: [maxLR], totalSteps: totalSteps, epochs: epochs,
            stepsPerEpoch: stepsPerEpoch, pctStart: pctStart, annealStrategy: annealStrategy,
            cycleMomentum: cycleMomentum, baseMomentum: baseMomentum, maxMomentum: maxMomentum,
            divFactor: divFactor, finalDivFactor: finalDivFactor, threePhase: threePhase, lastEpoch: lastEpoch)
    }

    private func anneal(_ start: Double, _ end: Double, _ pct: Double) -> Double {
        switch annealStrategy {
        case .cos: end + (start - end) / 2 * (cos(Double.pi * pct) + 1)
        case .linear: (end - start) * pct + start
        }
    }

    override public func computeLR() throws -> [Double] {
        let stepNumber = Double(lastEpoch)
        guard lastEpoch <= totalSteps else {
            throw OptimizerError.invalidUsage(
                "Tried to step \(lastEpoch) times. The specified number of total steps is \(totalSteps)")
        }
        var rates: [Double] = []
        for (index, limit) in limits.enumerated() {
            var start = 0.0
            for (p, phase) in phases.enumerated() {
                if stepNumber <= phase.endStep || p == phases.count - 1 {
                    let pct = (stepNumber - start) / (phase.endStep - start)
                    rates.append(anneal(limit[keyPath: phase.lr], limit[keyPath: phase.lrEnd], pct))
                    if cycleMomentum {
                        let momentum = anneal(limit[keyPath: phase.momentum], limit[keyPath: phase.momentumEnd], pct)
                        MomentumCycling.set(momentum, group: index, of: optimizer, beta1: useBeta1)
                    }
                    break
                }
                start = phase.endStep
            }
        }
        return rates
    }
}
