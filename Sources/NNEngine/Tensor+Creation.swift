// Factory functions, as PyTorch's `torch.zeros`, `torch.arange`, ...

extension Tensor {
    /// A tensor of `shape` filled with `value`.
    public static func full(_ shape: [Int], _ value: Float, requiresGrad: Bool = false) -> Tensor {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        let out = uninitialized(shape)
        out.base.initialize(repeating: value, count: out.count)
        out.requiresGrad = requiresGrad
        return out
    }

    /// A tensor of `shape` filled with zeros.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 0, requiresGrad: requiresGrad)
    }

    /// A tensor of `shape` filled with ones.
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 1, requiresGrad: requiresGrad)
    }

    /// Zeros of `other`'s shape.
    public static func zeros(like other: Tensor) -> Tensor { zeros(other.shape) }

    /// Ones of `other`'s shape.
    public static func ones(like other: Tensor) -> Tensor { ones(other.shape) }

    /// The values `start, start + step, ...` below `end` (above, for a negative step).
    public static func arange(_ start: Double, _ end: Double, step: Double = 1) -> Tensor {
        precondition(step != 0, "arange: step must be nonzero")
        let n = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        return Tensor((0..<n).map { Float(start + Double($0) * step) }, shape: [n])
    }

    /// The values `0, 1, ..., end - 1`.
    public static func arange(_ end: Int) -> Tensor { arange(0, Double(end)) }

    /// `steps` evenly spaced values from `start` to `end` inclusive, as `torch.linspace`.
    public static func linspace(_ start: Double, _ end: Double, steps: Int) -> Tensor {
        precondition(steps >= 0, "linspace: steps must be non-negative")
        if steps == 1 { return Tensor([Float(start)], shape: [1]) }
        let step = (end - start) / Double(steps - 1)
        let half = steps / 2
        // Like PyTorch, the second half is computed from the end for symmetry.
        let values = (0..<steps).map { i in
            Float(i < half ? start + step * Double(i) : end - step * Double(steps - 1 - i))
        }
        return Tensor(values, shape: [steps])
    }

    /// A 2-D tensor with ones on the diagonal and zeros elsewhere.
    public static func eye(_ n: Int, _ m: Int? = nil) -> Tensor {
        let cols = m ?? n
        let out = zeros([n, cols])
        for i in 0..<Swift.min(n, cols) { out.base[i * cols + i] = 1 }
        return out
    }
}
