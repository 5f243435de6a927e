#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Arithmetic with PyTorch's broadcasting; each op's backward reduces the gradient back to the
// shape of its input.

extension Tensor {
    /// Elementwise sum, broadcast by PyTorch's rules.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let out = a.zipMap(b) { $0 + $1 }
        guard recording(a, b) else { return out }
        return out.recordOp(a, b) { g, a, b in
            (a.requiresGrad ? g.sum(to: a.shape) : nil, b.requiresGrad ? g.sum(to: b.shape) : nil)
        }
    }

    /// Elementwise difference, broadcast.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let out = a.zipMap(b) { $0 - $1 }
        guard recording(a, b) else { return out }
        return out.recordOp(a, b) { g, a, b in
            (a.requiresGrad ? g.sum(to: a.shape) : nil, b.requiresGrad ? (-g).sum(to: b.shape) : nil)
        }
    }

    /// Elementwise product, broadcast.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let out = a.zipMap(b) { $0 * $1 }
        guard recording(a, b) else { return out }
        return out.recordOp(a, b) { g, a, b in
            (a.requiresGrad ? g.productSum(b, to: a.shape) : nil, b.requiresGrad ? g.productSum(a, to: b.shape) : nil)
        }
    }

    /// `self * other` (broadcast) summed down to `target`: a product's gradient for one input.
    ///
    /// A scalar target (a weight of one value) gets the sum of products in one loop, without
    /// the products as a tensor.
    func productSum(_ other: Tensor, to target: [Int]) -> Tensor {
        let a = self, b = other
        guard a.shape == b.shape, a.isContiguous, b.isContiguous, target.allSatisfy({ $0 == 1 }),
              !Tensor.recording(a, b)
        else { return a.zipMap(b) { $0 * $1 }.sum(to: target) }
        var total = 0.0
        // Each kept alive on its own: a tuple of the two would take a reference to each.
        withExtendedLifetime(a) {
            withExtendedLifetime(b) {
                let pa = a.base, pb = b.base
                for i in 0..<a.count { total += Double(pa[i] * pb[i]) }
            }
        }
        let out = Tensor.uninitialized(target)
        out.base.pointee = Float(total)
        return out
    }

    /// Elementwise true division, broadcast.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let out = a.zipMap(b) { $0 / $1 }
        guard recording(a, b) else { return out }
        return out.recordOp(a, b) { g, a, b in
            (a.requiresGrad ? g.zipMap(b) { $0 / $1 }.sum(to: a.shape) : nil,
             b.requiresGrad ? g.zipMap(a, b) { g, a, b in -g * a / (b * b) }.sum(to: b.shape) : nil)
        }
    }

    /// Elementwise negation.
    public static prefix func - (x: Tensor) -> Tensor {
        let out = x.map { -$0 }
        guard recording(x) else { return out }
        return out.recordScaled(x, .times(-1))
    }

    /// Adds a number to every element.
    public static func + (a: Tensor, s: Float) -> Tensor {
        let out = a.map { $0 + s }
        guard recording(a) else { return out }
        return out.recordScaled(a, .identity)
    }

    /// Adds a number to every element.
    public static func + (s: Float, a: Tensor) -> Tensor { a + s }

    /// Subtracts a number from every element.
    public static func - (a: Tensor, s: Float) -> Tensor {
        let out = a.map { $0 - s }
        guard recording(a) else { return out }
        return out.recordScaled(a, .identity)
    }

    /// Subtracts every element from a number.
    public static func - (s: Float, a: Tensor) -> Tensor {
        let out = a.map { s - $0 }
        guard recording(a) else { return out }
        return out.recordScaled(a, .times(-1))
    }

    /// Multiplies every element by a number.
    public static func * (a: Tensor, s: Float) -> Tensor {
        let out = a.map { $0 * s }
        guard recording(a) else { return out }
        return out.recordScaled(a, .times(s))
    }

    /// Multiplies every element by a number.
    public static func * (s: Float, a: Tensor) -> Tensor {
        let out = a.map { s * $0 }
        guard recording(a) else { return out }
        return out.recordScaled(a, .times(s))
    }

    /// Divides every element by a number.
    public static func / (a: Tensor, s: Float) -> Tensor {
        let out = a.map { $0 / s }
        guard recording(a) else { return out }
        return out.recordScaled(a, .over(s))
    }

    /// Divides a number by every element.
    public static func / (s: Float, a: Tensor) -> Tensor {
        let out = a.map { s / $0 }
        guard recording(a) else { return out }
        return out.recordOp(a, scalar: s) { g, a, s in g.zipMap(a) { g, x in -g * s / (x * x) } }
    }

    /// `self` raised to `exponent` (PyTorch's `tensor ** scalar`).
    public func pow(_ exponent: Float) -> Tensor {
        let x = self
        let out: Tensor
        switch exponent {
        case 2: out = x.map { $0 * $0 }
        case 1: out = x.map { $0 }
        case 0.5: out = x.map { $0.squareRoot() }
        case -1: out = x.map { 1 / $0 }
        default: out = x.map { powf($0, exponent) }
        }
        guard Tensor.recording(x) else { return out }
        // The square's gradient is scaled in place when nothing else holds the incoming one.
        if exponent == 2 { return out.recordScaled(x, .timesTwiceInput) }
        return out.recordOp(x, scalar: exponent) { g, x, exponent in
            if exponent == 0 { return Tensor.zeros(x.shape) }
            return g.zipMap(x) { g, x in g * exponent * powf(x, exponent - 1) }
        }
    }

    /// `self` raised to the elementwise `exponent` (broadcast).
    public func pow(_ exponent: Tensor) -> Tensor {
        let a = self, b = exponent
        let out = a.zipMap(b) { powf($0, $1) }
        guard Tensor.recording(a, b) else { return out }
        return out.recordOp(a, b) { g, a, b in
            (a.requiresGrad
                ? g.zipMap(a, b) { g, a, b in b == 0 ? 0 : g * b * powf(a, b - 1) }.sum(to: a.shape) : nil,
             b.requiresGrad
                ? g.zipMap(a, b) { g, a, b in a == 0 && b >= 0 ? 0 : g * powf(a, b) * logf(a) }.sum(to: b.shape)
                : nil)
        }
    }

    /// `base` raised to every element of `exponent` (PyTorch's `scalar ** tensor`).
    public static func pow(_ base: Float, _ exponent: Tensor) -> Tensor {
        let x = exponent
        let out = x.map { powf(base, $0) }
        guard recording(x) else { return out }
        let logBase = logf(base)
        return out.recordOp(x) { [unowned out] g in
            g.zipMap(out, x) { g, y, x in base == 0 && x >= 0 ? 0 : g * y * logBase }
        }
    }
}

/// `x` raised to `exponent` elementwise.
public func pow(_ x: Tensor, _ exponent: Float) -> Tensor { x.pow(exponent) }
/// `x` raised to the elementwise `exponent` (broadcast).
public func pow(_ x: Tensor, _ exponent: Tensor) -> Tensor { x.pow(exponent) }
/// `base` raised to every element of `exponent`.
public func pow(_ base: Float, _ exponent: Tensor) -> Tensor { Tensor.pow(base, exponent) }

/// Exponentiation binds tighter than multiplication and groups right to left, as in Python.
precedencegroup PowerPrecedence {
    higherThan: MultiplicationPrecedence
    associativity: right
}

/// `x ** e`: exponentiation, as Python's operator (note that Swift's prefix minus binds
/// tighter: `-x ** 2` is `(-x) ** 2`).
infix operator ** : PowerPrecedence

extension Tensor {
    /// `x` raised to `exponent`.
    public static func ** (x: Tensor, exponent: Float) -> Tensor { x.pow(exponent) }
    /// `x` raised to the elementwise `exponent` (broadcast).
    public static func ** (x: Tensor, exponent: Tensor) -> Tensor { x.pow(exponent) }
    /// `base` raised to every element of `exponent`.
    public static func ** (base: Float, exponent: Tensor) -> Tensor { pow(base, exponent) }
}

/// How `div(_:roundingMode:)` rounds the quotient, as PyTorch's `rounding_mode`.
public enum RoundingMode: String, Sendable {
    /// Toward zero (C-style integer division).
    case trunc
    /// Toward negative infinity (Python's `//`).
    case floor
}

extension Tensor {
    /// `self / other` (broadcast) rounded by `roundingMode`; its gradient is zero, as in PyTorch.
    public func div(_ other: Tensor, roundingMode: RoundingMode) -> Tensor {
        let a = self, b = other
        let out: Tensor
        switch roundingMode {
        case .trunc: out = a.zipMap(b) { ($0 / $1).rounded(.towardZero) }
        case .floor: out = a.zipMap(b, floorDivide)
        }
        guard Tensor.recording(a, b) else { return out }
        return out.recordOp(a, b) { _, a, b in
            (a.requiresGrad ? Tensor.zeros(a.shape) : nil, b.requiresGrad ? Tensor.zeros(b.shape) : nil)
        }
    }
}

/// Python's floor division of floats, exact near integers (as PyTorch's `div_floor`).
@inline(__always)
func floorDivide(_ a: Float, _ b: Float) -> Float {
    if b == 0 { return a / b }
    let mod = fmodf(a, b)
    var quotient = (a - mod) / b
    if mod != 0 && (b < 0) != (mod < 0) { quotient -= 1 }
    if quotient == 0 { return copysignf(0, a / b) }
    var floored = quotient.rounded(.down)
    if quotient - floored > 0.5 { floored += 1 }
    return floored
}
