import Testing

@testable import NNEngine

/// The optimizer base: `step(closure:)` for every optimizer, options read again after a change,
/// state buffers updated where they lie.
struct OptimizerBaseTests {
    /// The first address of state buffer `name` of `p` (nil when there is none); the copy of the
    /// array it reads is dropped on return, so the optimizer holds the only reference again.
    static func address(_ optimizer: Optimizer, _ p: Tensor, _ name: String) -> UnsafeRawPointer? {
        optimizer.state[ObjectIdentifier(p)]?.buffers[name]?.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    @Test(arguments: ["SGD", "Adam", "AdamW", "Adamax", "NAdam", "RAdam", "Adagrad", "Adadelta", "RMSprop", "ASGD", "Rprop"])
    func stepWithAClosureEvaluatesItOnceThenSteps(name: String) throws {
        let p = Tensor([0.5, -1.5, 2], requiresGrad: true), q = Tensor([0.5, -1.5, 2], requiresGrad: true)
        let a = try Optimizer.named(name, paramGroups: [ParamGroup(params: [p], options: ["lr": 0.1])])
        let b = try Optimizer.named(name, paramGroups: [ParamGroup(params: [q], options: ["lr": 0.1])])
        for _ in 0..<3 {
            var calls = 0
            let loss = try noGrad {
                // Inside a no-grad scope the closure still records its graph, as PyTorch's step(closure).
                try a.step {
                    calls += 1
                    a.zeroGrad()
                    let loss = (p * p).sum()
                    try loss.backward()
                    return loss.item()
                }
            }
            #expect(calls == 1)
            b.zeroGrad()
            let expected = (q * q).sum()
            try expected.backward()
            try b.step()
            #expect(loss == expected.item())
            #expect(p.toArray() == q.toArray(), "\(name): step(closure:) moves as zeroGrad, backward, step()")
        }
    }

    @Test func buffersStayWhereTheyAreFromStepToStep() throws {
        let p = Tensor([Float](repeating: 0.5, count: 64), requiresGrad: true)
        let adam = try Adam([p], learningRate: 0.01, amsgrad: true)
        p.grad = Tensor([Float](repeating: 1, count: 64))
        try adam.step()
        let first = ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"].map { Self.address(adam, p, $0) }
        for _ in 0..<3 { try adam.step() }
        let later = ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"].map { Self.address(adam, p, $0) }
        #expect(first.allSatisfy { $0 != nil })
        #expect(first == later, "Adam's buffers are updated in place, not copied every step")

        let q = Tensor([Float](repeating: 0.5, count: 64), requiresGrad: true)
        let sgd = try SGD([q], learningRate: 0.01, momentum: 0.9)
        q.grad = Tensor([Float](repeating: 1, count: 64))
        try sgd.step()
        let buffer = Self.address(sgd, q, "momentum_buffer")
        try sgd.step()
        #expect(buffer != nil && buffer == Self.address(sgd, q, "momentum_buffer"))
    }

    @Test func aChangedOptionIsReadAtTheNextStep() throws {
        let p = Tensor([1], requiresGrad: true)
        let sgd = try SGD([p], learningRate: 0.1)
        p.grad = Tensor([1])
        try sgd.step()
        #expect(p.toArray() == [0.9])
        sgd.setOption("lr", 0.5, group: 0)
        try sgd.step()
        #expect(p.toArray() == [Float(0.9) - 0.5])
        #expect(sgd.state.isEmpty, "SGD without momentum keeps no state, as PyTorch")
    }

    @Test func aStridedParameterIsUpdatedThroughItsView() throws {
        let whole = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let column = whole.transpose(0, 1)
        column.requiresGrad = true
        let sgd = try SGD([column], learningRate: 1)
        column.grad = Tensor([1, 1, 1, 1, 1, 1], shape: [3, 2])
        try sgd.step()
        #expect(whole.toArray() == [0, 1, 2, 3, 4, 5])
    }
}
