extension Optimizer {
    /// The gradient of `p` as values, or nil when it has none.
    func gradient(of p: Tensor) -> [Float]? { p.grad?.toArray() }

    /// Clears the gradient of `p`: to nil, or to zeros in place.
    func clearGradient(of p: Tensor, setToNone: Bool) {
        if setToNone { p.grad = nil } else { p.grad?.zero() }
    }

    /// Writes `values` into `p` in place, outside autograd.
    func assign(_ values: [Float], to p: Tensor) { p.copy(from: values) }
}
