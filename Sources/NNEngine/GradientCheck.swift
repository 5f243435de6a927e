/// Compares autograd's gradients with central finite differences.
///
/// For a function `f` of tensors and a fixed upstream gradient `G`, the analytic gradient of
/// `sum(f(x) * G)` from `backward(gradient: G)` must match `(L(x + h) - L(x - h)) / 2h` per
/// element, with `h = eps * max(1, |x|)`. Float32 evaluation limits the accuracy of the
/// differences to about `1e-7 / eps`, so the defaults use `eps = 1e-2` (truncation error
/// O(eps^2)) and a tolerance of 1e-2.
public enum GradientCheck {
    /// The outcome of one check.
    public struct Result: Sendable, CustomStringConvertible {
        /// The largest `|analytic - numeric|` over all checked elements.
        public var maxError: Float
        /// Where it occurred: input number and element index.
        public var worst: (input: Int, element: Int)
        /// Whether every element matched within tolerance.
        public var passed: Bool

        public var description: String {
            "\(passed ? "passed" : "failed"): max error \(maxError) at input \(worst.input) element \(worst.element)"
        }
    }

    /// Checks `f`'s gradients with respect to every input at `inputs`.
    ///
    /// - Parameters:
    ///   - inputs: the point to check at (their values are copied; they are not modified).
    ///   - eps: the relative step of the central differences.
    ///   - atol: the absolute tolerance.
    ///   - rtol: the tolerance relative to the numeric gradient.
    ///   - seed: the seed of the upstream gradient `G`.
    ///   - f: the function under test.
    public static func check(
        _ inputs: [Tensor], eps: Float = 1e-2, atol: Float = 1e-2, rtol: Float = 1e-2,
        seed: UInt64 = 0, _ f: ([Tensor]) -> Tensor
    ) -> Result {
        let leaves = inputs.map { Tensor($0.toArray(), shape: $0.shape, requiresGrad: true) }
        let output = f(leaves)
        let upstream = Tensor.uniform(output.shape, from: -1, to: 1, generator: Generator(seed: seed))
        let weights = upstream.toArray()
        func loss(_ xs: [Tensor]) -> Double {
            let values = noGrad { f(xs) }.toArray()
            return zip(values, weights).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        do {
            try output.backward(gradient: upstream)
        } catch {
            preconditionFailure("gradient check: \(error)")
        }
        var result = Result(maxError: 0, worst: (0, 0), passed: true)
        for (k, leaf) in leaves.enumerated() {
            let analytic = leaf.grad?.toArray() ?? [Float](repeating: 0, count: leaf.count)
            let base = leaf.toArray()
            for i in 0..<base.count {
                let h = eps * Swift.max(1, abs(base[i]))
                var probe = leaves.map { $0.detach() }
                var values = base
                values[i] = base[i] + h
                probe[k] = Tensor(values, shape: leaf.shape)
                let plus = loss(probe)
                values[i] = base[i] - h
                probe[k] = Tensor(values, shape: leaf.shape)
                let minus = loss(probe)
                let numeric = Float((plus - minus) / (2 * Double(h)))
                let error = abs(analytic[i] - numeric)
                if error > result.maxError || error.isNaN {
                    result.maxError = error
                    result.worst = (k, i)
                }
                if !(error <= atol + rtol * abs(numeric)) { result.passed = false }
            }
        }
        return result
    }
}
