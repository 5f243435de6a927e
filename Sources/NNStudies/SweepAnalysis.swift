import Foundation
import NNText

/// What a set of loss curves says about their learning rates: how fast each converges,
/// which diverge, which stall, and which is best. Computed from the runs, not assumed.
///
/// This is the one definition of diverged, converged and fastest: the chart's markers, the
/// legend, the table, `--plain` and `--json` all read it.
public struct SweepAnalysis: Hashable, Sendable {
    /// What became of one curve.
    public enum Verdict: Hashable, Sendable {
        /// The loss first came within `tolerance` times its start at `step`.
        case converged(step: Int)
        /// Still falling: the last quarter of the run went at least `progress` lower than the quarter before.
        case converging
        /// Neither falling nor growing: it oscillates or sits at `loss` above the minimum.
        case stalled(loss: Double)
        /// Growing, not yet beyond `divergenceFactor` times its start.
        case diverging
        /// Not finite, or beyond `divergenceFactor` times its start, first at `step`.
        case diverged(step: Int)

        /// The verdict in a few words, e.g. `1e-6 in 9`, `diverged at 12`, `stalls at 0.00338`.
        public var text: String {
            switch self {
            case .converged(let step): "1e-6 in \(step)"
            case .converging: "converging"
            case .stalled(let loss): "stalls at \(NumberFormat.short(loss))"
            case .diverging: "diverging"
            case .diverged(let step): "diverged at \(step)"
            }
        }

        /// The name `--json` gives it.
        public var name: String {
            switch self {
            case .converged: "converged"
            case .converging: "converging"
            case .stalled: "stalled"
            case .diverging: "diverging"
            case .diverged: "diverged"
            }
        }
    }

    /// The verdict on one curve.
    public struct Run: Hashable, Sendable {
        public var learningRate: Double
        public var verdict: Verdict
        /// The loss's mean factor per step, `(loss[end] / loss[0])^(1/end)`, measured up to the
        /// step it converged (later steps are float noise around the minimum) or the last step
        /// before it diverged; nil when it stalled or no step can measure it.
        public var lossFactor: Double?
        public var finalLoss: Double

        /// The step the loss first came within `tolerance` of its start; nil if it never did.
        public var stepsToTolerance: Int? {
            if case .converged(let step) = verdict { step } else { nil }
        }

        /// The step the loss first left the finite range or `divergenceFactor` times its start.
        public var divergedAt: Int? {
            if case .diverged(let step) = verdict { step } else { nil }
        }

        /// Whether the loss grew beyond bounds or is still growing.
        public var diverged: Bool {
            switch verdict {
            case .diverged, .diverging: true
            default: false
            }
        }
    }

    public var runs: [Run]
    /// The index in `runs` of the fastest run: the first to converge (the smaller factor
    /// breaking a tie), else the fastest still converging; nil when none converges.
    public var best: Int?

    /// Losses this many times the initial loss count as reached.
    public static let tolerance = 1e-6
    /// Losses this many times the initial loss count as diverged.
    public static let divergenceFactor = 1e6
    /// A quarter of the run must bring the loss this much lower (a fraction) to count as converging.
    public static let progress = 0.1

    /// - Parameters:
    ///   - learningRates: one per curve.
    ///   - losses: each curve's loss above the minimum at steps 0, 1, 2, ...
    public init(learningRates: [Double], losses: [[Double]]) {
        runs = zip(learningRates, losses).map { Self.analyze(learningRate: $0, losses: $1) }
        let converged = runs.indices.filter { runs[$0].stepsToTolerance != nil }
        let pool = converged.isEmpty ? runs.indices.filter { runs[$0].verdict == .converging } : converged
        best = pool.min { a, b in
            let ra = runs[a], rb = runs[b]
            let sa = ra.stepsToTolerance ?? Int.max, sb = rb.stepsToTolerance ?? Int.max
            if sa != sb { return sa < sb }
            return (ra.lossFactor ?? .infinity) < (rb.lossFactor ?? .infinity)
        }
    }

    /// The verdict on one curve of losses above the minimum.
    public static func analyze(learningRate: Double, losses: [Double]) -> Run {
        let initial = losses.first ?? .nan
        let finalLoss = losses.last ?? .nan
        var verdict: Verdict?
        var end = losses.count - 1
        for (step, loss) in losses.enumerated() {
            if !loss.isFinite || (initial > 0 && loss > initial * divergenceFactor) {
                verdict = .diverged(step: step)
                end = step - 1
                break
            }
            if loss <= initial * tolerance {
                verdict = .converged(step: step)
                end = step
                break
            }
        }
        // Past the step it converged, a curve is float noise around the minimum: it has no
        // later verdict, only a later divergence.
        if case .converged = verdict, let step = losses.firstIndex(where: {
            !$0.isFinite || (initial > 0 && $0 > initial * divergenceFactor)
        }) {
            verdict = .diverged(step: step)
            end = step - 1
        }
        let factor = end > 0 && initial > 0 && losses[end].isFinite
            ? Foundation.pow(Swift.max(0, losses[end]) / initial, 1 / Double(end)) : nil
        if verdict == nil {
            verdict = trend(losses, factor: factor)
        }
        if case .stalled = verdict {
            return Run(learningRate: learningRate, verdict: verdict!, lossFactor: nil, finalLoss: finalLoss)
        }
        return Run(learningRate: learningRate, verdict: verdict!, lossFactor: factor, finalLoss: finalLoss)
    }

    /// Converging, stalled or diverging, for a finite curve that has not reached the tolerance:
    /// the lowest loss of its last quarter against that of the quarter before.
    static func trend(_ losses: [Double], factor: Double?) -> Verdict {
        let n = losses.count
        guard n >= 8 else {
            guard let factor else { return .stalled(loss: losses.last ?? .nan) }
            return factor < 1 ? .converging : (factor > 1 ? .diverging : .stalled(loss: losses.last ?? .nan))
        }
        let before = losses[n / 2..<3 * n / 4].min()!
        let last = losses[3 * n / 4..<n]
        if last.min()! < (1 - progress) * before { return .converging }
        if last.max()! > before / (1 - progress), losses[n - 1] > losses[0] { return .diverging }
        return .stalled(loss: losses[n - 1])
    }
}
