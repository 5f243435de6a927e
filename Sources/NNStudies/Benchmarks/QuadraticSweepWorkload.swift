import NNEngine

/// `sweep-quadratic`: the seed's learning-rate sweep on f(x) = (2x)², autograd every step.
///
/// For each of 10 learning rates in linspace(0.01, 0.2) it runs 100 iterations of
/// `y = (2x)²; y.backward(); x -= lr * x.grad; x.grad = nil` from x = 2, reading every loss.
public struct QuadraticSweepWorkload: Workload {
    public static let name = "sweep-quadratic"
    public let learningRates: [Double]
    public let iterations: Int
    public let x0: Float
    /// The loss of every run's last iteration, one per learning rate.
    public private(set) var finalLosses: [Double] = []

    public init() { self.init(learningRates: linspace(0.01, 0.2, count: 10), iterations: 100, x0: 2) }

    public init(learningRates: [Double], iterations: Int, x0: Float) {
        self.learningRates = learningRates
        self.iterations = iterations
        self.x0 = x0
    }

    public mutating func reset() { finalLosses = [] }

    /// Runs every learning rate; returns the sum of the final losses.
    public mutating func run() throws -> Double {
        var losses = [Double](repeating: 0, count: iterations)
        finalLosses = try learningRates.map { lr in
            let x = Tensor(x0, requiresGrad: true)
            let rate = Float(lr)
            for i in 0..<iterations {
                let y = (2 * x).pow(2)
                try y.backward()
                losses[i] = Double(y.item())
                if let grad = x.grad { noGrad { x -= rate * grad } }
                x.zeroGrad()
            }
            return losses.last ?? .nan
        }
        return finalLosses.reduce(0, +)
    }
}
