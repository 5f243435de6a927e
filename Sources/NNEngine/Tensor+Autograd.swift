/// Errors of `backward`.
public enum AutogradError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `backward()` without a gradient on a tensor of more than one element.
    case nonScalarOutput(shape: [Int])
    /// `backward()` on a tensor that does not require grad.
    case doesNotRequireGrad
    /// A gradient whose shape differs from the output's.
    case gradientShapeMismatch(expected: [Int], actual: [Int])

    public var description: String {
        switch self {
        case .nonScalarOutput(let shape):
            return "grad can be implicitly created only for scalar outputs; output has shape \(shape)"
        case .doesNotRequireGrad:
            return "element 0 of tensors does not require grad and does not have a grad_fn"
        case .gradientShapeMismatch(let expected, let actual):
            return "gradient has shape \(actual) but the output has shape \(expected)"
        }
    }
}

extension Tensor {
    /// True when an op on these inputs must record a backward closure.
    @inline(__always)
    static func recording(_ a: Tensor) -> Bool { a.requiresGrad && GradMode.isEnabled }

    @inline(__always)
    static func recording(_ a: Tensor, _ b: Tensor) -> Bool {
        (a.requiresGrad || b.requiresGrad) && GradMode.isEnabled
    }

    /// Attaches a one-input op's backward (d(loss)/d(out) to d(loss)/d(x)) to this fresh result.
    @discardableResult @inline(__always)
    func recordOp(_ x: Tensor, _ backward: @escaping (Tensor) -> Tensor) -> Tensor {
        tracksGrad = true
        gradFn = .unary(x, backward)
        isRecorded = true
        input0 = .passUnretained(x)
        return self
    }

    /// Attaches the backward of an op whose gradient is the incoming one scaled elementwise
    /// (`x * s`, `x / s`, `-x`, `x + s`): the backward scales that gradient in place when
    /// nothing else references it.
    @discardableResult @inline(__always)
    func recordScaled(_ x: Tensor, _ gradient: ScaledGradient) -> Tensor {
        tracksGrad = true
        gradFn = .scaled(x, gradient)
        isRecorded = true
        input0 = .passUnretained(x)
        return self
    }

    /// Attaches the backward of a one-input op with a number parameter to this fresh result.
    ///
    /// `backward(g, x, scalar)` gets its input and number as arguments, so a closure that
    /// captures nothing records the op without allocating a closure context.
    @discardableResult @inline(__always)
    func recordOp(_ x: Tensor, scalar: Float, _ backward: @escaping (Tensor, Tensor, Float) -> Tensor) -> Tensor {
        tracksGrad = true
        gradFn = .unaryWithScalar(x, scalar, backward)
        isRecorded = true
        input0 = .passUnretained(x)
        return self
    }

    /// Attaches a two-input op's backward to this fresh result; it returns nil for an input
    /// that does not require grad.
    @discardableResult
    func recordOp(_ a: Tensor, _ b: Tensor, _ backward: @escaping (Tensor) -> (Tensor?, Tensor?)) -> Tensor {
        recordOp(a, b) { g, _, _ in backward(g) }
    }

    /// Attaches a two-input op's backward to this fresh result, as `recordOp(_:_:_:)` does;
    /// `backward(g, a, b)` gets the inputs as arguments, so a closure that captures nothing
    /// records the op without allocating a closure context.
    @discardableResult @inline(__always)
    func recordOp(
        _ a: Tensor, _ b: Tensor, _ backward: @escaping (_ gradOutput: Tensor, _ a: Tensor, _ b: Tensor) -> (Tensor?, Tensor?)
    ) -> Tensor {
        tracksGrad = true
        gradFn = .binary(a, b, backward)
        isRecorded = true
        input0 = .passUnretained(a)
        input1 = .passUnretained(b)
        return self
    }

    /// Attaches an op's backward over any number of inputs to this fresh result.
    @discardableResult
    func recordOp(_ parents: [Tensor], _ backward: @escaping (Tensor) -> [Tensor?]) -> Tensor {
        tracksGrad = true
        gradFn = .nary(parents, backward)
        isRecorded = true
        return self
    }

    /// Makes the result of a custom op: an autograd node over `parents`.
    ///
    /// Use it for fused kernels (losses, special functions): compute the forward values yourself,
    /// then give the backward. When grad mode is off or no parent requires grad the result is a
    /// plain tensor and `backward` is dropped. For example, a fused cube:
    ///
    ///     let values = x.toArray().map { $0 * $0 * $0 }
    ///     let y = Tensor.makeResult(values: values, shape: x.shape, parents: [x]) { g in
    ///         [g * 3 * x.detach() * x.detach()]
    ///     }
    ///
    /// - Parameters:
    ///   - values: the forward result in row-major order.
    ///   - shape: the result's shape.
    ///   - parents: the op's tensor inputs.
    ///   - backward: given d(loss)/d(result) (shape `shape`), returns one gradient per parent, in
    ///     order, each of that parent's shape, or nil for a parent that gets none. It runs with
    ///     grad mode off; it is only called when some parent requires grad. It must not hold the
    ///     result strongly (a cycle that would leak the graph): capture it `[unowned result]`.
    public static func makeResult(
        values: [Float], shape: [Int], parents: [Tensor],
        backward: @escaping (_ gradOutput: Tensor) -> [Tensor?]
    ) -> Tensor {
        makeResult(Tensor(values, shape: shape), parents: parents, backward: backward)
    }

    /// Makes `result` (a tensor freshly computed by a custom op) an autograd node over `parents`.
    ///
    /// See `makeResult(values:shape:parents:backward:)`. `result` must be a new tensor owned by
    /// the op (not a leaf the caller keeps).
    public static func makeResult(
        _ result: Tensor, parents: [Tensor],
        backward: @escaping (_ gradOutput: Tensor) -> [Tensor?]
    ) -> Tensor {
        guard GradMode.isEnabled, parents.contains(where: { $0.requiresGrad }) else { return result }
        return result.recordOp(parents, backward)
    }

    /// Keeps this non-leaf tensor's gradient in `grad` during `backward` (leaves always do).
    public func retainGrad() {
        if !isLeaf { retainsGrad = true }
    }

    /// A tensor sharing this one's values but cut from the graph (no grad).
    public func detach() -> Tensor {
        Tensor(storage: storage, shape: shape, strides: strides, offset: offset)
    }

    /// Clears the accumulated gradient (PyTorch's `zero_grad(set_to_none=True)`).
    public func zeroGrad() { grad = nil }

    /// Computes the gradient of this scalar tensor with respect to every leaf that requires grad.
    ///
    /// Gradients accumulate into `grad` across calls until cleared.
    public func backward() throws(AutogradError) {
        try backward(gradient: nil)
    }

    /// Back-propagates `gradient` (d(loss)/d(self)) through the recorded graph.
    ///
    /// The backward closures run with grad mode off (no higher-order gradients). The graph is
    /// kept, so a second call accumulates again (PyTorch needs `retain_graph=True` for that).
    ///
    /// - Parameter gradient: the upstream gradient, of this tensor's shape; may be nil only for a
    ///   one-element tensor (then it is 1).
    /// - Throws: `AutogradError` when this tensor does not require grad, when `gradient` is nil
    ///   for a tensor of several elements, or when its shape differs.
    public func backward(gradient: Tensor?) throws(AutogradError) {
        guard requiresGrad else { throw .doesNotRequireGrad }
        let seed: Tensor
        if let gradient {
            guard gradient.shape == shape else {
                throw .gradientShapeMismatch(expected: shape, actual: gradient.shape)
            }
            seed = gradient.detach()
        } else {
            guard count == 1 else { throw .nonScalarOutput(shape: shape) }
            seed = shape.isEmpty ? Tensor.scalarSeed : Tensor.full(shape, 1)
        }
        noGrad { propagate(seed) }
    }

    /// The gradient of a scalar with respect to itself, the same tensor for every backward
    /// pass on any thread: nothing writes to it, since every in-place path of the engine first
    /// checks that it is the only owner.
    nonisolated(unsafe) private static let scalarSeed = Tensor(1)

    /// Runs the backward closures in reverse topological order.
    private func propagate(_ seed: Tensor) {
        if isLeaf {
            receive(seed)
            return
        }
        pendingGrad = seed
        var next: Unmanaged<Tensor>? = linkTopologicalOrder()
        while let current = next {
            next = current._withUnsafeGuaranteedRef { node in
                let following = node.orderNext
                node.orderNext = nil
                node.visited = false
                node.backwardStep()
                return following
            }
        }
    }

    /// Gives this node's summed gradient to its op's backward and the results to its inputs.
    private func backwardStep() {
        guard var g = pendingGrad.take() else { return }
        if retainsGrad { accumulateGrad(g) }
        // Taken apart for the call and put together again: the inputs, processed later, keep
        // theirs. Moved, not copied, so that no reference is taken and given back.
        guard let function = gradFn.take() else { return }
        switch consume function {
        case .scaled(let x, let scaling):
            if isUniquelyOwned(&g) && g.isContiguous {
                scaling.apply(inPlace: g, input: x)
            } else {
                g = scaling.applied(to: g, input: x)
            }
            // Handed over, not copied, so that a leaf can adopt it as its only owner.
            x.receive(consume g)
            gradFn = .scaled(x, scaling)
        case .unary(let x, let backward):
            x.receive(backward(g))
            gradFn = .unary(x, backward)
        case .unaryWithScalar(let x, let scalar, let backward):
            x.receive(backward(g, x, scalar))
            gradFn = .unaryWithScalar(x, scalar, backward)
        case .binary(let a, let b, let backward):
            var (ga, gb) = backward(g, a, b)
            if let grad = ga.take() { a.receive(grad) }
            if let grad = gb.take() { b.receive(grad) }
            gradFn = .binary(a, b, backward)
        case .nary(let parents, let backward):
            var grads = backward(g)
            for i in 0..<Swift.min(parents.count, grads.count) {
                if let grad = grads[i].take() { parents[i].receive(grad) }
            }
            gradFn = .nary(parents, backward)
        }
    }

    /// Takes one contribution to this tensor's gradient during a backward pass.
    ///
    /// A contribution that nothing else references becomes the gradient itself, as PyTorch steals
    /// it; a shared one is copied (into `grad`) or summed into a new tensor (into `pendingGrad`).
    private func receive(_ g: consuming Tensor) {
        guard requiresGrad else { return }
        if isLeaf {
            accumulateGrad(adopting: g)
        } else if var pending = pendingGrad.take() {
            if isUniquelyOwned(&pending) {
                pending.addInPlace(g)
                pendingGrad = pending
            } else {
                pendingGrad = pending + g
            }
        } else {
            pendingGrad = g
        }
    }

    /// Links the non-leaf tensors that lead to this one through `orderNext`, children before
    /// parents (the reverse post-order of an iterative depth-first search), and returns the first.
    ///
    /// Each node on the search path keeps the index of its next parent to visit and a link to
    /// the node below it, so the search allocates nothing.
    private func linkTopologicalOrder() -> Unmanaged<Tensor> {
        var head: Unmanaged<Tensor>? = nil
        var node = Unmanaged.passUnretained(self)
        visited = true
        dfsNext = 0
        while true {
            let step: Unmanaged<Tensor>? = node._withUnsafeGuaranteedRef { current in
                if let parent = current.input(current.dfsNext) {
                    current.dfsNext += 1
                    return parent._withUnsafeGuaranteedRef { p in
                        guard !p.visited && !p.isLeaf && p.requiresGrad else { return node }
                        p.visited = true
                        p.dfsNext = 0
                        p.dfsChild = node
                        return parent
                    }
                }
                current.orderNext = head
                head = node
                let child = current.dfsChild
                current.dfsChild = nil
                return child
            }
            guard let step else { return node }
            node = step
        }
    }

    /// Input number `i` of the op that made this tensor (not retained), or nil past the last.
    @inline(__always)
    private func input(_ i: Int) -> Unmanaged<Tensor>? {
        if let first = input0 {
            switch i {
            case 0: return first
            case 1: return input1
            default: return nil
            }
        }
        guard case .nary(let parents, _) = gradFn, i < parents.count else { return nil }
        return .passUnretained(parents[i])
    }

    /// Adds `g` into `grad`: in place once a gradient exists, else by taking `g` itself when
    /// nothing else references it, else by a copy.
    func accumulateGrad(adopting g: consuming Tensor) {
        precondition(g.shape == shape, "gradient of shape \(g.shape) for a tensor of shape \(shape)")
        if let grad {
            grad.addInPlace(g)
        } else if g.isContiguous && g.offset == 0 && isUniquelyOwned(&g) {
            // Moved in, not copied: `grad` is then its only reference.
            grad = consume g
        } else {
            grad = g.clone()
        }
    }

    /// Adds `g` into `grad` without adopting `g`, which the caller keeps using.
    func accumulateGrad(_ g: Tensor) {
        accumulateGrad(adopting: g)
    }
}

/// True when `tensor` holds the only reference to its tensor and that tensor is the only one
/// over its storage: it can be updated in place or adopted without anyone seeing the change.
@inline(__always)
private func isUniquelyOwned(_ tensor: inout Tensor) -> Bool {
    isKnownUniquelyReferenced(&tensor) && isKnownUniquelyReferenced(&tensor.storageSlot)
}

/// The inputs and backward closure of the op that made a tensor.
enum GradFunction {
    case scaled(Tensor, ScaledGradient)
    case unary(Tensor, (Tensor) -> Tensor)
    case unaryWithScalar(Tensor, Float, (Tensor, Tensor, Float) -> Tensor)
    case binary(Tensor, Tensor, (Tensor, Tensor, Tensor) -> (Tensor?, Tensor?))
    case nary([Tensor], (Tensor) -> [Tensor?])
}

/// The gradient of an op that scales its input elementwise: the incoming gradient as it is,
/// times a number, or over a number (kept apart from times its inverse, to round as PyTorch),
/// or times twice the op's input (the square's, `g * 2 * x`).
enum ScaledGradient {
    case identity
    case times(Float)
    case over(Float)
    case timesTwiceInput

    /// The scaled gradient as a new tensor (the gradient itself for `identity`); `x` is the
    /// op's input, of the gradient's shape.
    func applied(to g: Tensor, input x: Tensor) -> Tensor {
        switch self {
        case .identity: g
        case .times(let s): g.map { $0 * s }
        case .over(let s): g.map { $0 / s }
        case .timesTwiceInput: g.zipMap(x) { g, x in g * 2 * x }
        }
    }

    /// Scales the contiguous gradient `g` in place; `x` is the op's input, of the gradient's shape.
    func apply(inPlace g: Tensor, input x: Tensor) {
        switch self {
        case .identity: break
        case .times(let s): g.updateInPlace { $0 * s }
        case .over(let s): g.updateInPlace { $0 / s }
        case .timesTwiceInput: g.updateInPlace(with: x) { g, x in g * 2 * x }
        }
    }
}
