import Foundation
import NNEngine
import NNRuns

/// The ideas under the losses, with the lessons' numbers computed by the engine: loss, cost and
/// objective (lesson 000, on lesson 003's MSE example); entropy, cross-entropy and KL divergence,
/// H(p, q) = H(p) + KL(p‖q) (lesson 000, on lesson 002's KLDivLoss distributions and lesson 000's
/// CrossEntropy example); and lesson 003's chain-rule example by autograd and by hand.
public struct LossConcepts: Study {
    public static let name = "concepts"

    public struct Configuration: Hashable, Sendable {
        /// λ of the objective's L2 term, λ·Σθ².
        public var lambda = 0.01
        /// Points of the binary entropy curve H(p) on [0, 1].
        public var points = 101
        public static let pointsRange = 3...100_001

        public init(lambda: Double = 0.01, points: Int = 101) {
            self.lambda = lambda
            self.points = points
        }
    }

    /// Loss (one sample), cost (their mean) and objective (cost + λ·Σθ²), taking the predictions as
    /// the parameters θ of a model with one free value per sample.
    public struct CostParts: Hashable, Sendable {
        public var target: [Double]
        public var prediction: [Double]
        /// Each sample's squared error: `MSELoss(reduction='none')`.
        public var losses: [Double]
        /// Their mean: `MSELoss()`, the lesson's 0.8333.
        public var cost: Double
        public var lambda: Double
        /// λ·Σθ².
        public var penalty: Double
        public var objective: Double
    }

    /// One pair of distributions p (the target) and q (the model's).
    public struct EntropyRow: Hashable, Sendable {
        public var p: [Double]
        public var q: [Double]
        /// H(p) = −Σ p log p.
        public var entropy: Double
        /// H(p, q) = −Σ p log q.
        public var crossEntropy: Double
        /// KL(p‖q) = Σ p log(p/q).
        public var kl: Double
        /// Where the row comes from (`lesson 002 KLDivLoss, row 1`).
        public var source: String
    }

    /// Lesson 003's chain rule: fc1 = 1/(exp(−x·w + b) + 1), fc2 = 2·fc1 + 1 at x = 1, w = 0, b = 0.
    public struct ChainRule: Hashable, Sendable {
        public var x: Double, w: Double, b: Double
        public var fc1: Double, fc2: Double
        /// By autograd: ∂fc2/∂fc1 (`fc1.grad` after `retain_grad()`), ∂fc2/∂w, ∂fc2/∂b.
        public var fc1Grad: Double, wGrad: Double, bGrad: Double
        /// The factors by hand: ∂fc2/∂fc1 = 2, ∂fc1/∂z = fc1·(1 − fc1) with z = x·w − b, ∂z/∂w = x, ∂z/∂b = −1.
        public var outer: Double, sigmoidSlope: Double
        public var handW: Double { outer * sigmoidSlope * x }
        public var handB: Double { -outer * sigmoidSlope }
    }

    public let configuration: Configuration
    private var stepsDone = 0
    private var costParts: CostParts?
    private var rows: [EntropyRow] = []
    private var curve: [(p: Double, h: Double)] = []
    private var chain: ChainRule?

    public init(_ configuration: Configuration = Configuration()) { self.configuration = configuration }

    public var params: JSONValue { configuration.params }

    private static func values(_ t: Tensor) -> [Double] { t.toArray().map(Double.init) }

    public mutating func step() throws -> [MetricRecord]? {
        defer { stepsDone += 1 }
        switch stepsDone {
        case 0:
            costParts = try Self.costParts(lambda: configuration.lambda)
        case 1:
            rows = try Self.entropyRows()
            curve = try Self.binaryEntropy(points: configuration.points)
        case 2:
            chain = try Self.chainRule()
        default:
            return nil
        }
        return [MetricRecord(series: "concepts", step: stepsDone, values: snapshotValue.metrics)]
    }

    /// Lesson 003's MSE example: targets [3, 5, 2.5], predictions [4.5, 5, 2].
    static func costParts(lambda: Double) throws -> CostParts {
        let target = Tensor([3.0, 5.0, 2.5]), prediction = Tensor([4.5, 5.0, 2.0])
        let losses = try mseLoss(prediction, target, reduction: .none)
        let cost = try mseLoss(prediction, target)
        let penalty = Double((prediction * prediction).sum().item()) * lambda
        let c = Double(cost.item())
        return CostParts(target: values(target), prediction: values(prediction), losses: values(losses), cost: c,
                         lambda: lambda, penalty: penalty, objective: c + penalty)
    }

    /// H(p), H(p, q) and KL(p‖q) by the engine's losses: `crossEntropy` of log q (whose softmax
    /// is q) against p, of log p against p, and `klDiv` of log q against p, summed.
    static func entropy(p: [Float], q: [Float], source: String) throws -> EntropyRow {
        let pt = Tensor(p, shape: [1, p.count]), logQ = Tensor(q.map { Foundation.log($0) }, shape: [1, q.count])
        // Logits whose softmax is p: log p, with −100 for a zero of p (its softmax is then below
        // 1e-43, and 0·(−100) contributes nothing, as 0·log 0 counts as 0).
        let logP = Tensor(p.map { $0 > 0 ? Foundation.log($0) : -100 }, shape: [1, p.count])
        let cross = try crossEntropy(logQ, pt, reduction: .sum)
        let own = try crossEntropy(logP, pt, reduction: .sum)
        let kl = try klDiv(logQ, pt, reduction: .sum)
        return EntropyRow(p: p.map(Double.init), q: q.map(Double.init), entropy: Double(own.item()),
                          crossEntropy: Double(cross.item()), kl: Double(kl.item()), source: source)
    }

    /// Lesson 002's KLDivLoss distributions, and lesson 000's CrossEntropy example (one-hot targets
    /// against the softmax of its logits [1, 2] and [1, 3]).
    static func entropyRows() throws -> [EntropyRow] {
        let p: [[Float]] = [[0.9, 0.05, 0.05], [0.1, 0.7, 0.2]], q: [[Float]] = [[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]]
        let sources = Snapshot.sources
        var rows = try (0..<2).map { try entropy(p: p[$0], q: q[$0], source: sources[$0]) }
        for (k, (logits, target)) in [([Float(1), 2], 0), ([Float(1), 3], 1)].enumerated() {
            let softmax = Tensor(logits, shape: [1, 2]).softmax(dim: 1).toArray()
            let onehot: [Float] = target == 0 ? [1, 0] : [0, 1]
            rows.append(try entropy(p: onehot, q: softmax, source: sources[2 + k]))
        }
        return rows
    }

    /// H(p) = −p log p − (1 − p) log(1 − p) of a coin with P(heads) = p, by `binaryCrossEntropy`
    /// of p against itself (the cross-entropy of a distribution with itself is its entropy).
    static func binaryEntropy(points: Int) throws -> [(p: Double, h: Double)] {
        let ps = (0..<points).map { Float($0) / Float(points - 1) }
        let t = Tensor(ps)
        let h = try binaryCrossEntropy(t, t, reduction: .none)
        return zip(ps, h.toArray()).map { (Double($0), Double($1)) }
    }

    /// Lesson 003's chain-rule example by autograd.
    static func chainRule() throws -> ChainRule {
        let x = Tensor(Float(1)), w = Tensor(Float(0), requiresGrad: true), b = Tensor(Float(0), requiresGrad: true)
        let fc1 = 1 / ((-1 * x * w + b).exp() + 1)
        fc1.retainGrad()
        let fc2 = 2 * fc1 + 1
        try fc2.backward()
        let s = Double(fc1.item())
        return ChainRule(x: 1, w: 0, b: 0, fc1: s, fc2: Double(fc2.item()), fc1Grad: Double(fc1.grad?.item() ?? .nan),
                         wGrad: Double(w.grad?.item() ?? .nan), bGrad: Double(b.grad?.item() ?? .nan),
                         outer: 2, sigmoidSlope: s * (1 - s))
    }

    private var snapshotValue: Snapshot {
        Snapshot(configuration: configuration, costParts: costParts, entropyRows: rows,
                 entropyCurve: curve.map { [$0.p, $0.h] }, chainRule: chain)
    }

    public var snapshot: any StudySnapshot { snapshotValue }
}
