import Foundation

/// An exponential moving average from 0, v_t = β·v_{t−1} + (1 − β)·x_t, and its debiased value
/// v_t / (1 − β^t) (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015), as
/// fastai's LR finder and loss curves smooth.
public struct ExponentialAverage: Sendable {
    /// The weight on the past, in [0, 1).
    public let beta: Double
    /// v_t.
    public private(set) var value = 0.0
    /// t, the values added.
    public private(set) var count = 0

    public init(beta: Double) { self.beta = beta }

    /// Adds `x`; returns the debiased average.
    @discardableResult
    public mutating func add(_ x: Double) -> Double {
        value = beta * value + (1 - beta) * x
        count += 1
        return debiased
    }

    /// v_t / (1 − β^t); 0 before the first value.
    public var debiased: Double { count == 0 ? 0 : value / (1 - pow(beta, Double(count))) }

    /// The average of each prefix of `values`, debiased or raw.
    public static func of(_ values: [Double], beta: Double, debiased: Bool = true) -> [Double] {
        var average = ExponentialAverage(beta: beta)
        return values.map { x in
            average.add(x)
            return debiased ? average.debiased : average.value
        }
    }
}
