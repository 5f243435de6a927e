/// Unreduced losses and the backward that maps an upstream gradient per loss element to the
/// gradients of the loss's tensor inputs.
struct LossTerms {
    /// The unreduced losses in row-major order.
    var values: [Float]
    /// Their shape (the output shape of `reduction: .none`).
    var shape: [Int]
    /// Given d(result)/d(loss element) per element, the gradient of each parent (row-major, the
    /// parent's shape), or nil for a parent that gets none.
    var backward: ([Float]) -> [[Float]?]

    /// The loss reduced as `reduction` asks, an autograd node over `parents`.
    /// - Parameters:
    ///   - divisor: what `.mean` divides by (the element count when nil).
    ///   - batchSize: what `.batchmean` divides by; nil when the loss does not accept `.batchmean`.
    func reduced(
        _ reduction: Reduction, parents: [Tensor], divisor: Float? = nil, batchSize: Int? = nil
    ) throws -> Tensor {
        let n = values.count
        let scale: Float
        switch reduction {
        case .none:
            let backward = self.backward
            return Tensor.makeResult(values: values, shape: shape, parents: parents) { gradOutput in
                LossTerms.tensors(backward(gradOutput.toArray()), parents)
            }
        case .sum: scale = 1
        case .mean: scale = 1 / (divisor ?? Float(n))
        case .batchmean:
            guard let batchSize else {
                throw LossError.invalidValue("reduction 'batchmean' is only valid for KL divergence")
            }
            scale = 1 / Float(batchSize)
        }
        var total: Double = 0
        for v in values { total += Double(v) }
        let result: Float = reduction == .sum ? Float(total) : Float(total) * scale
        let backward = self.backward
        return Tensor.makeResult(values: [result], shape: [], parents: parents) { gradOutput in
            let g = gradOutput.toArray()[0] * scale
            return LossTerms.tensors(backward([Float](repeating: g, count: n)), parents)
        }
    }

    private static func tensors(_ grads: [[Float]?], _ parents: [Tensor]) -> [Tensor?] {
        zip(grads, parents).map { g, p in g.map { Tensor($0, shape: p.shape) } }
    }
}

extension LossTerms {
    /// Element-wise losses of the difference `d = input - target` (same shapes): `f` maps `d` to
    /// the loss and its derivative in `d`, the input's gradient; the target's is its negation.
    static func ofDifference(_ input: Tensor, _ target: Tensor, _ f: (_ d: Float) -> (loss: Float, slope: Float))
        -> LossTerms
    {
        pointwise(input, target) { x, y in
            let (l, g) = f(x - y)
            return (l, g, -g)
        }
    }

    /// Element-wise losses of `input` against a same-shape `target`.
    /// - Parameters:
    ///   - weight: optional per-element weights (already broadcast) scaling each loss and its gradients.
    ///   - f: maps (input, target) to (loss, d loss/d input, d loss/d target).
    /// The parents are `[input, target]`; the target's gradient is given only when `targetGrad`.
    static func pointwise(
        _ input: Tensor, _ target: Tensor, weight: [Float]? = nil, targetGrad: Bool = true,
        _ f: (Float, Float) -> (Float, Float, Float)
    ) -> LossTerms {
        let x = input.toArray(), y = target.toArray()
        var values = [Float](repeating: 0, count: x.count)
        var dx = values, dy = values
        for i in x.indices {
            var (l, gx, gy) = f(x[i], y[i])
            if let weight {
                l *= weight[i]
                gx *= weight[i]
                gy *= weight[i]
            }
            values[i] = l
            dx[i] = gx
            dy[i] = gy
        }
        return LossTerms(values: values, shape: input.shape) { upstream in
            [zip(dx, upstream).map(*), targetGrad ? zip(dy, upstream).map(*) : nil]
        }
    }
}
