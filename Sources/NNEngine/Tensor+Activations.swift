import CKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Activation functions, as `torch.nn.functional`, with PyTorch's backward formulas.

/// The logistic sigmoid of one value, stable for large |x|.
@inline(__always)
func sigmoidValue(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + expf(-x)) }
    let e = expf(x)
    return e / (1 + e)
}

/// `log(1 + exp(x))` of one value, stable for large |x|.
@inline(__always)
func softplusValue(_ x: Float) -> Float {
    Swift.max(x, 0) + log1pf(expf(-Swift.abs(x)))
}

extension Tensor {
    /// The logistic sigmoid `1 / (1 + exp(-x))`.
    public func sigmoid() -> Tensor { unary(sigmoidValue) { _, y in y * (1 - y) } }

    /// The hyperbolic tangent.
    public func tanh() -> Tensor {
        let x = self
        let source = x.contiguousValues()
        let out = Tensor.uninitialized(x.shape)
        withExtendedLifetime(source) { nnk_tanh(source.base, out.base, x.count) }
        guard Tensor.recording(x) else { return out }
        return out.recordOp(x) { [unowned out] g in g.zipMap(out) { g, y in g * (1 - y * y) } }
    }

    /// `max(0, x)`.
    public func relu() -> Tensor {
        let x = self
        let source = x.contiguousValues()
        let out = Tensor.uninitialized(x.shape)
        withExtendedLifetime(source) { nnk_relu(source.base, out.base, x.count) }
        guard Tensor.recording(x) else { return out }
        return out.recordOp(x) { [unowned out] g in
            let gradient = g.contiguousValues()
            let dx = Tensor.uninitialized(out.shape)
            withExtendedLifetime(gradient) { nnk_relu_backward(gradient.base, out.base, dx.base, out.count) }
            return dx
        }
    }

    /// `x` for positive x, `negativeSlope * x` otherwise.
    public func leakyReLU(negativeSlope: Float = 0.01) -> Tensor {
        unary { $0 > 0 ? $0 : $0 * negativeSlope } derivative: { x, _ in x > 0 ? 1 : negativeSlope }
    }

    /// The exponential linear unit: `x` for positive x, `alpha * (exp(x) - 1)` otherwise.
    ///
    /// Reference: Clevert et al., "Fast and Accurate Deep Network Learning by Exponential Linear
    /// Units (ELUs)", 2015.
    public func elu(alpha: Float = 1) -> Tensor {
        unary { $0 > 0 ? $0 : alpha * expm1f($0) } derivative: { x, _ in x > 0 ? 1 : alpha * expf(x) }
    }

    /// The scaled ELU with PyTorch's constants.
    ///
    /// Reference: Klambauer et al., "Self-Normalizing Neural Networks", 2017.
    public func selu() -> Tensor {
        let alpha: Float = 1.6732632423543772848170429916717
        let scale: Float = 1.0507009873554804934193349852946
        return unary { $0 > 0 ? scale * $0 : scale * alpha * expm1f($0) } derivative: { x, _ in
            x > 0 ? scale : scale * alpha * expf(x)
        }
    }

    /// `max(0, x) + min(0, alpha * (exp(x / alpha) - 1))`.
    ///
    /// Reference: Barron, "Continuously Differentiable Exponential Linear Units", 2017.
    public func celu(alpha: Float = 1) -> Tensor {
        precondition(alpha != 0, "celu: alpha cannot be 0")
        return unary { $0 > 0 ? $0 : alpha * expm1f($0 / alpha) } derivative: { x, _ in
            x > 0 ? 1 : expf(x / alpha)
        }
    }

    /// The Gaussian error linear unit, exact (`approximate: "none"`) or the tanh approximation.
    ///
    /// Reference: Hendrycks, Gimpel, "Gaussian Error Linear Units (GELUs)", 2016.
    public func gelu(approximate: GELUApproximation = .none) -> Tensor {
        switch approximate {
        case .none:
            let invSqrt2: Float = 0.70710678118654752440
            let invSqrt2Pi: Float = 0.39894228040143267794
            return unary { 0.5 * $0 * (1 + erff($0 * invSqrt2)) } derivative: { x, _ in
                0.5 * (1 + erff(x * invSqrt2)) + x * invSqrt2Pi * expf(-0.5 * x * x)
            }
        case .tanh:
            let k: Float = 0.79788456080286535588, c: Float = 0.044715
            return unary { x in 0.5 * x * (1 + tanhf(k * (x + c * x * x * x))) } derivative: { x, _ in
                let t = tanhf(k * (x + c * x * x * x))
                return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * c * x * x)
            }
        }
    }

    /// `x * sigmoid(x)` (also called swish).
    ///
    /// Reference: Elfwing et al., "Sigmoid-Weighted Linear Units for Neural Network Function
    /// Approximation in Reinforcement Learning", 2017.
    public func silu() -> Tensor {
        unary { $0 * sigmoidValue($0) } derivative: { x, _ in
            let s = sigmoidValue(x)
            return s * (1 + x * (1 - s))
        }
    }

    /// `x * tanh(softplus(x))`.
    ///
    /// Reference: Misra, "Mish: A Self Regularized Non-Monotonic Activation Function", 2019.
    public func mish() -> Tensor {
        unary { $0 * tanhf(softplusValue($0)) } derivative: { x, _ in
            let t = tanhf(softplusValue(x))
            let s = sigmoidValue(x)
            return t + x * s * (1 - t * t)
        }
    }

    /// `log(1 + exp(beta * x)) / beta`, linear where `beta * x > threshold`.
    public func softplus(beta: Float = 1, threshold: Float = 20) -> Tensor {
        unary { x in x * beta > threshold ? x : log1pf(expf(x * beta)) / beta } derivative: { x, _ in
            if x * beta > threshold { return 1 }
            let z = expf(x * beta)
            return z / (z + 1)
        }
    }

    /// `x / (1 + |x|)`.
    public func softsign() -> Tensor {
        unary { $0 / (1 + Swift.abs($0)) } derivative: { x, _ in
            let d = 1 + Swift.abs(x)
            return 1 / (d * d)
        }
    }

    /// `x` clamped to `[minVal, maxVal]`; the gradient passes strictly inside.
    public func hardtanh(minVal: Float = -1, maxVal: Float = 1) -> Tensor {
        unary { x in x.isNaN ? x : Swift.min(Swift.max(x, minVal), maxVal) } derivative: { x, _ in
            x > minVal && x < maxVal ? 1 : 0
        }
    }

    /// `min(max(0, x), 6)`.
    public func relu6() -> Tensor { hardtanh(minVal: 0, maxVal: 6) }

    /// The piecewise-linear sigmoid `relu6(x + 3) / 6`.
    public func hardsigmoid() -> Tensor {
        unary { x in Swift.min(Swift.max(x + 3, 0), 6) / 6 } derivative: { x, _ in
            x > -3 && x < 3 ? 1 / 6 : 0
        }
    }

    /// `x * relu6(x + 3) / 6`.
    ///
    /// Reference: Howard et al., "Searching for MobileNetV3", 2019.
    public func hardswish() -> Tensor {
        unary { x in x * Swift.min(Swift.max(x + 3, 0), 6) / 6 } derivative: { x, _ in
            // PyTorch's one-sided kinks: 0 at x = -3 and 1 at x = 3.
            if x <= -3 { return 0 }
            if x < 3 { return x / 3 + 0.5 }
            return 1
        }
    }

    /// `log(sigmoid(x))`, computed stably.
    public func logSigmoid() -> Tensor {
        unary { x in Swift.min(x, 0) - log1pf(expf(-Swift.abs(x))) } derivative: { x, _ in
            sigmoidValue(-x)
        }
    }

    /// `x - tanh(x)`.
    public func tanhshrink() -> Tensor {
        unary { $0 - tanhf($0) } derivative: { x, _ in
            let t = tanhf(x)
            return t * t
        }
    }

    /// `exp(x) / sum(exp(x))` along `dim`.
    public func softmax(dim: Int) -> Tensor {
        let x = self
        let out = softmaxValues(dim: dim, log: false)
        guard Tensor.recording(x) else { return out }
        return out.recordOp(x) { [unowned out] g in
            let gy = g.zipMap(out) { $0 * $1 }
            let total = gy.sum(dim: dim, keepdim: true)
            return gy.zipMap(out, total) { gy, y, s in gy - y * s }
        }
    }

    /// `x - log(sum(exp(x)))` along `dim`.
    public func logSoftmax(dim: Int) -> Tensor {
        let x = self
        let out = softmaxValues(dim: dim, log: true)
        guard Tensor.recording(x) else { return out }
        return out.recordOp(x) { [unowned out] g in
            let total = g.sum(dim: dim, keepdim: true)
            return g.zipMap(out, total) { g, y, s in g - expf(y) * s }
        }
    }

    /// `softmax(-x)` along `dim`.
    public func softmin(dim: Int) -> Tensor { (-self).softmax(dim: dim) }

    /// Softmax or log-softmax values along `dim`, max-shifted for stability (no graph).
    private func softmaxValues(dim: Int, log: Bool) -> Tensor {
        let d = normalizedDim(dim)
        if rank == 0 { return map { log ? $0 - $0 : 1 } }
        let moved = movedToEnd(d).contiguousValues()
        let length = moved.shape.last!
        let groups = length == 0 ? 0 : moved.count / length
        let result = Tensor.uninitialized(moved.shape)
        withExtendedLifetime(moved) {
            let src = moved.base, dst = result.base
            for gi in 0..<groups {
                let row = src + gi * length, out = dst + gi * length
                var peak = -Float.infinity
                for j in 0..<length { peak = Swift.max(peak, row[j]) }
                if peak == -.infinity { peak = 0 }
                var total: Float = 0
                for j in 0..<length {
                    let e = expf(row[j] - peak)
                    out[j] = e
                    total += e
                }
                if log {
                    let logTotal = logf(total)
                    for j in 0..<length { out[j] = row[j] - peak - logTotal }
                } else {
                    for j in 0..<length { out[j] /= total }
                }
            }
        }
        var order = Array(0..<(rank - 1))
        order.insert(rank - 1, at: d)
        return result.permute(order).contiguousValues()
    }
}

/// The two forms of GELU PyTorch offers (`approximate='none'` or `'tanh'`).
public enum GELUApproximation: String, Sendable {
    case none
    case tanh
}
