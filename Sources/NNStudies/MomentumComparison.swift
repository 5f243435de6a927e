import Foundation
import NNEngine
import NNRuns
import NNText

/// SGD with momentum against plain SGD on f(x) = (2x)², through the engine's `SGD` optimizer,
/// and the exponentially weighted average that momentum is built on.
///
/// Momentum: Polyak, "Some methods of speeding up the convergence of iteration methods" (1964);
/// Nesterov momentum as in Sutskever et al. (ICML 2013). The average
/// v_t = β·v_{t−1} + (1 − β)·θ_t, bias-corrected as v_t / (1 − β^t) (Kingma and Ba, 2015).
public struct MomentumComparison: Study {
    public static let name = "momentum"

    /// One optimizer run: SGD's learning rate, momentum and Nesterov flag.
    public struct Run: Hashable, Sendable {
        public var lr: Double
        public var momentum: Double
        public var nesterov: Bool

        public init(lr: Double, momentum: Double, nesterov: Bool = false) {
            self.lr = lr
            self.momentum = momentum
            self.nesterov = nesterov
        }

        /// The legend's name, e.g. `lr=0.01 m=0.9 nesterov`.
        public var label: String {
            "lr=\(NumberFormat.short(lr)) m=\(NumberFormat.short(momentum))" + (nesterov ? " nesterov" : "")
        }
    }

    public struct Configuration: Hashable, Sendable {
        /// Lesson 000's runs: momentum 0.9 at lr 0.01 against no momentum at lr 0.03 and at lr 0.01,
        /// its other momentum 0.63, and Nesterov (lesson 001).
        public static let seedRuns = [
            Run(lr: 0.01, momentum: 0.9), Run(lr: 0.03, momentum: 0), Run(lr: 0.01, momentum: 0),
            Run(lr: 0.01, momentum: 0.63), Run(lr: 0.01, momentum: 0.9, nesterov: true),
        ]
        /// The seed's smoothing factors for the weighted average.
        public static let seedBetas = [0.98, 0.95, 0.9, 0.8]

        public var runs: [Run]
        public var iterations: Int
        public var x0: Double
        /// SGD's `weight_decay` and `dampening`, the same for every run.
        public var weightDecay: Double
        public var dampening: Double
        public var betas: [Double]
        /// Points of the noisy sequence the averages smooth.
        public var points: Int
        /// The numbers of points a run may ask for (`--points`, and a recorded run's `points`).
        public static let pointsRange = 1...100_000
        public var seed: UInt64

        public init(runs: [Run] = seedRuns, iterations: Int = 100, x0: Double = 2, weightDecay: Double = 0,
                    dampening: Double = 0, betas: [Double] = seedBetas, points: Int = 100, seed: UInt64 = 0) {
            self.runs = runs
            self.iterations = iterations
            self.x0 = x0
            self.weightDecay = weightDecay
            self.dampening = dampening
            self.betas = betas
            self.points = points
            self.seed = seed
        }
    }

    public let configuration: Configuration
    private var xs: [Tensor] = []
    private var optimizers: [SGD] = []
    private var losses: [[Double]]
    private var positions: [[Double]]
    private let averages: [Series]
    private var iteration = 0

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        losses = configuration.runs.map { _ in [] }
        positions = configuration.runs.map { _ in [] }
        averages = Self.averages(configuration)
    }

    /// A noisy sequence θ_t (a sine plus Gaussian noise from `seed`) and its averages for every β,
    /// without (panel `ewa`) and with (panel `ewa_corrected`) bias correction.
    static func averages(_ configuration: Configuration) -> [Series] {
        let noise = Tensor.randn([configuration.points], generator: Generator(seed: configuration.seed)).toArray()
        let t = (0..<configuration.points).map(Double.init)
        let theta = t.map { 10 + 5 * sin($0 / 15) } .enumerated().map { $1 + 2 * Double(noise[$0]) }
        var series = [
            Series(label: "theta", panel: "ewa", x: t, y: theta),
            Series(label: "theta", panel: "ewa_corrected", x: t, y: theta),
        ]
        for beta in configuration.betas {
            let raw = exponentiallyWeightedAverage(theta, beta: beta, biasCorrection: false)
            let corrected = exponentiallyWeightedAverage(theta, beta: beta, biasCorrection: true)
            series.append(Series(label: "beta=\(NumberFormat.short(beta))", params: ["beta": .number(beta)], panel: "ewa", x: t, y: raw))
            series.append(Series(label: "beta=\(NumberFormat.short(beta))", params: ["beta": .number(beta)],
                                 panel: "ewa_corrected", x: t, y: corrected))
        }
        for beta in configuration.betas {
            series.append(Series(label: "beta=\(NumberFormat.short(beta))", params: ["beta": .number(beta)], panel: "weights",
                                 x: t, y: averageWeights(beta: beta, points: configuration.points)))
        }
        return series
    }

    /// The weight (1 − β)·β^t the average gives the value t steps back, for t = 0..<points.
    public static func averageWeights(beta: Double, points: Int) -> [Double] {
        (0..<points).map { (1 - beta) * Foundation.pow(beta, Double($0)) }
    }

    /// The curvature of f(x) = (2x)² = 4x²: f'(x) = 8x.
    public static let curvature = 8.0

    /// The factor |x| shrinks by per step once the first step is past: the spectral radius of
    /// SGD's update (x, v) → (x', v') on f(x) = 4x², with weight decay adding to the curvature.
    ///
    /// v' = μ·v + (1 − d)·h·x, x' = x − lr·v' (Nesterov: x' = x − lr·(h·x + μ·v')), h = 8 + weight_decay.
    public static func contraction(_ run: Run, weightDecay: Double, dampening: Double) -> Double {
        let h = curvature + weightDecay, mu = run.momentum, d = run.momentum == 0 ? 0 : dampening
        // The matrix [[a, b], [c, e]] acting on (x, v).
        let c = (1 - d) * h, e = mu
        let a = run.nesterov ? 1 - run.lr * h - run.lr * mu * c : 1 - run.lr * c
        let b = run.nesterov ? -run.lr * mu * e : -run.lr * e
        let trace = a + e, determinant = a * e - b * c
        let discriminant = trace * trace - 4 * determinant
        if discriminant >= 0 {
            let root = discriminant.squareRoot()
            return max(abs(trace + root), abs(trace - root)) / 2
        }
        return determinant.squareRoot()
    }

    /// v_t = β·v_{t−1} + (1 − β)·θ_t from v_0 = 0, optionally divided by 1 − β^t.
    public static func exponentiallyWeightedAverage(_ theta: [Double], beta: Double, biasCorrection: Bool) -> [Double] {
        ExponentialAverage.of(theta, beta: beta, debiased: biasCorrection)
    }

    public var params: JSONValue { configuration.params }

    /// Advances every run one iteration; the first step creates the optimizers, and throws
    /// `OptimizerError` for a run SGD rejects (e.g. Nesterov without momentum).
    public mutating func step() throws -> [MetricRecord]? {
        guard iteration < configuration.iterations else { return nil }
        if optimizers.isEmpty {
            for run in configuration.runs {
                let x = Tensor(Float(configuration.x0), requiresGrad: true)
                xs.append(x)
                optimizers.append(try SGD([x], learningRate: run.lr, momentum: run.momentum, dampening: configuration.dampening,
                                          weightDecay: configuration.weightDecay, nesterov: run.nesterov))
            }
        }
        var records: [MetricRecord] = []
        for (i, x) in xs.enumerated() {
            optimizers[i].zeroGrad()
            let y = SweepFunction.quadratic(x)
            try y.backward()
            let loss = Double(y.item()), value = Double(x.item())
            losses[i].append(loss)
            positions[i].append(value)
            try optimizers[i].step()
            let run = configuration.runs[i]
            records.append(MetricRecord(series: run.label, params: run.params, step: iteration,
                                        values: ["loss": loss, "x": value]))
        }
        iteration += 1
        return records
    }

    public var snapshot: any StudySnapshot {
        Snapshot(configuration: configuration, losses: losses, positions: positions, averages: averages)
    }
}
