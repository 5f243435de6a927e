import Foundation
import NNEngine

/// A one-dimensional function with a known minimum, for gradient descent to walk down.
public enum SweepFunction: String, CaseIterable, Sendable {
    /// (2x)², the seed's function: minimum 0 at x = 0, curvature 8.
    case quadratic
    /// 3(x − 1)² + 0.5: minimum 0.5 at x = 1, curvature 6.
    case shifted
    /// x⁴: minimum 0 at x = 0, flat there, so descent slows down near it.
    case quartic
    /// log cosh(2x): minimum 0 at x = 0; quadratic near it, linear (slope 2) far away.
    case logcosh
    /// |x|^1.5: minimum 0 at x = 0, where the curvature is infinite, so a fixed step oscillates.
    case abs15 = "abs1.5"

    /// How `params` name it (plain ASCII, as recorded).
    public var formula: String {
        switch self {
        case .quadratic: "(2x)^2"
        case .shifted: "3(x-1)^2+0.5"
        case .quartic: "x^4"
        case .logcosh: "log(cosh(2x))"
        case .abs15: "|x|^1.5"
        }
    }

    /// How the dashboard and the findings write it, in mathematical notation.
    public var notation: String {
        switch self {
        case .quadratic: "(2x)²"
        case .shifted: "3(x − 1)² + 0.5"
        case .quartic: "x⁴"
        case .logcosh: "log cosh(2x)"
        case .abs15: "|x|^1.5"
        }
    }

    /// The value at the minimum.
    public var minimum: Double { self == .shifted ? 0.5 : 0 }
    /// Where the minimum lies.
    public var argmin: Double { self == .shifted ? 1 : 0 }

    /// The function of a tensor, recorded for autograd.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .quadratic: return (2 * x).pow(2)
        case .shifted: return 3 * (x - 1) ** 2 + 0.5
        case .quartic: return x ** 4
        case .logcosh:
            // log cosh(u) = |u| + log1p(exp(−2|u|)) − log 2, which never overflows.
            let u = (2 * x).abs()
            return u + (-2 * u).exp().log1p() - Float(0.6931471805599453)
        case .abs15: return x.abs() ** 1.5
        }
    }

    /// The function of a number, in double precision (for drawing its curve).
    public func value(_ x: Double) -> Double {
        switch self {
        case .quadratic: return 4 * x * x
        case .shifted: return 3 * (x - 1) * (x - 1) + 0.5
        case .quartic: return x * x * x * x
        case .logcosh: let u = Swift.abs(2 * x); return u + log1p(exp(-2 * u)) - 0.6931471805599453
        case .abs15: return pow(Swift.abs(x), 1.5)
        }
    }

    /// One step of plain gradient descent on the function from `x`: f(x), x and f′(x) by autograd
    /// (all before the update), then x ← x − lr·f′(x) and the gradient cleared.
    public func descend(_ x: Tensor, lr: Float) throws -> (loss: Double, x: Double, grad: Double) {
        let y = self(x)
        try y.backward()
        let grad = x.grad
        let step = (loss: Double(y.item()), x: Double(x.item()), grad: Double(grad?.item() ?? 0))
        // x + (−lr)·g rounds as x − lr·g does, without making lr·g a tensor first.
        if let grad { x.addInPlace(grad, alpha: -lr) }
        x.zeroGrad()
        return step
    }
}
