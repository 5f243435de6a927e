#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Elementwise math functions with their derivatives.

extension Tensor {
    /// An elementwise op whose derivative is a function of the input `x` and output `y`.
    @inline(__always)
    func unary(_ f: (Float) -> Float, derivative: @escaping (_ x: Float, _ y: Float) -> Float) -> Tensor {
        let x = self
        let out = x.map(f)
        guard Tensor.recording(x) else { return out }
        return out.recordOp(x) { [unowned out] g in
            let gx = g.zipMap(x, out) { g, x, y in g * derivative(x, y) }
            return gx
        }
    }

    /// e raised to each element.
    public func exp() -> Tensor { unary(expf) { _, y in y } }

    /// The natural logarithm.
    public func log() -> Tensor { unary(logf) { x, _ in 1 / x } }

    /// `log(1 + x)`, accurate for small x.
    public func log1p() -> Tensor { unary(log1pf) { x, _ in 1 / (1 + x) } }

    /// `exp(x) - 1`, accurate for small x.
    public func expm1() -> Tensor { unary(expm1f) { _, y in y + 1 } }

    /// The square root.
    public func sqrt() -> Tensor { unary { $0.squareRoot() } derivative: { _, y in 1 / (2 * y) } }

    /// Each element squared.
    public func square() -> Tensor { unary { $0 * $0 } derivative: { x, _ in 2 * x } }

    /// `1 / x`.
    public func reciprocal() -> Tensor { unary { 1 / $0 } derivative: { _, y in -y * y } }

    /// The absolute value (derivative sign(x), 0 at 0).
    public func abs() -> Tensor { unary(Swift.abs) { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) } }

    /// The negation.
    public func neg() -> Tensor { -self }

    /// The sign: -1, 0 or 1 (zero gradient).
    public func sign() -> Tensor { unary { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } derivative: { _, _ in 0 } }

    /// The sine.
    public func sin() -> Tensor { unary(sinf) { x, _ in cosf(x) } }

    /// The cosine.
    public func cos() -> Tensor { unary(cosf) { x, _ in -sinf(x) } }

    /// Each element limited to `[min, max]`; the gradient passes where `min <= x <= max`.
    public func clamp(min: Float? = nil, max: Float? = nil) -> Tensor {
        let lo = min ?? -.infinity, hi = max ?? .infinity
        return unary { x in x.isNaN ? x : Swift.min(Swift.max(x, lo), hi) } derivative: { x, _ in
            x >= lo && x <= hi ? 1 : 0
        }
    }

    /// The elementwise larger of `self` and `other` (ties split the gradient evenly).
    public func maximum(_ other: Tensor) -> Tensor {
        extremum(other, greater: true) { a, b in a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }
    }

    /// The elementwise smaller of `self` and `other` (ties split the gradient evenly).
    public func minimum(_ other: Tensor) -> Tensor {
        extremum(other, greater: false) { a, b in a.isNaN || b.isNaN ? .nan : Swift.min(a, b) }
    }

    private func extremum(_ other: Tensor, greater: Bool, _ f: (Float, Float) -> Float) -> Tensor {
        let a = self, b = other
        let out = a.zipMap(b, f)
        guard Tensor.recording(a, b) else { return out }
        return out.recordOp(a, b) { g, a, b in
            func share(_ x: Float, _ y: Float) -> Float {
                x == y ? 0.5 : ((x > y) == greater ? 1 : 0)
            }
            return (a.requiresGrad ? g.zipMap(a, b) { g, x, y in g * share(x, y) }.sum(to: a.shape) : nil,
                    b.requiresGrad ? g.zipMap(b, a) { g, x, y in g * share(x, y) }.sum(to: b.shape) : nil)
        }
    }

    /// 1 where `self > other` (broadcast), else 0; no gradient.
    public func gt(_ other: Tensor) -> Tensor { zipMap(other) { $0 > $1 ? 1 : 0 } }
    /// 1 where `self >= other`, else 0.
    public func ge(_ other: Tensor) -> Tensor { zipMap(other) { $0 >= $1 ? 1 : 0 } }
    /// 1 where `self < other`, else 0.
    public func lt(_ other: Tensor) -> Tensor { zipMap(other) { $0 < $1 ? 1 : 0 } }
    /// 1 where `self <= other`, else 0.
    public func le(_ other: Tensor) -> Tensor { zipMap(other) { $0 <= $1 ? 1 : 0 } }
    /// 1 where `self == other`, else 0.
    public func eq(_ other: Tensor) -> Tensor { zipMap(other) { $0 == $1 ? 1 : 0 } }
    /// 1 where `self != other`, else 0.
    public func ne(_ other: Tensor) -> Tensor { zipMap(other) { $0 != $1 ? 1 : 0 } }
    /// 1 where `self > value`, else 0.
    public func gt(_ value: Float) -> Tensor { map { $0 > value ? 1 : 0 } }
    /// 1 where `self >= value`, else 0.
    public func ge(_ value: Float) -> Tensor { map { $0 >= value ? 1 : 0 } }
    /// 1 where `self < value`, else 0.
    public func lt(_ value: Float) -> Tensor { map { $0 < value ? 1 : 0 } }
    /// 1 where `self <= value`, else 0.
    public func le(_ value: Float) -> Tensor { map { $0 <= value ? 1 : 0 } }
    /// 1 where `self == value`, else 0.
    public func eq(_ value: Float) -> Tensor { map { $0 == value ? 1 : 0 } }
    /// 1 where `self != value`, else 0.
    public func ne(_ value: Float) -> Tensor { map { $0 != value ? 1 : 0 } }

    /// `a` where `condition` is nonzero, else `b` (all three broadcast), as `torch.where`.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let out = condition.zipMap(a, b) { c, x, y in c != 0 ? x : y }
        guard recording(a, b) else { return out }
        return out.recordOp(a, b) { g, a, b in
            (a.requiresGrad ? g.zipMap(condition) { g, c in c != 0 ? g : 0 }.sum(to: a.shape) : nil,
             b.requiresGrad ? g.zipMap(condition) { g, c in c != 0 ? 0 : g }.sum(to: b.shape) : nil)
        }
    }
}

/// `a` where `condition` is nonzero, else `b` (broadcast), as `torch.where`.
public func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor { Tensor.where(condition, a, b) }
/// The elementwise larger of `a` and `b`.
public func maximum(_ a: Tensor, _ b: Tensor) -> Tensor { a.maximum(b) }
/// The elementwise smaller of `a` and `b`.
public func minimum(_ a: Tensor, _ b: Tensor) -> Tensor { a.minimum(b) }
