import Foundation
import Testing

@testable import NNEngine

/// Optimizers: resuming from a saved state dict, hyperparameter validation, and update maths.
struct OptimizerTests {
    /// Two groups with options exercising each optimizer's features.
    static let groupOptions: [String: [[String: Hyperparameter]]] = [
        "SGD": [["lr": 0.1, "momentum": 0.9, "nesterov": true, "weight_decay": 0.01], ["lr": 0.05, "momentum": 0.5, "dampening": 0.2]],
        "Adam": [["lr": 0.01, "amsgrad": true, "weight_decay": 0.1], ["lr": 0.02, "maximize": true, "betas": [0.8, 0.99]]],
        "AdamW": [["lr": 0.01], ["lr": 0.01, "amsgrad": true, "weight_decay": 0.2]],
        "Adamax": [["lr": 0.02, "weight_decay": 0.1], ["lr": 0.01]],
        "NAdam": [["lr": 0.02, "decoupled_weight_decay": true, "weight_decay": 0.1], ["lr": 0.01, "weight_decay": 0.1]],
        "RAdam": [["lr": 0.02, "decoupled_weight_decay": true, "weight_decay": 0.1], ["lr": 0.01]],
        "Adagrad": [["lr": 0.1, "lr_decay": 0.01, "initial_accumulator_value": 0.1], ["lr": 0.05]],
        "Adadelta": [["lr": 1.0, "rho": 0.8], ["lr": 0.5, "weight_decay": 0.1]],
        "RMSprop": [["lr": 0.01, "centered": true, "momentum": 0.5], ["lr": 0.02, "alpha": 0.9]],
        "ASGD": [["lr": 0.05, "t0": 3], ["lr": 0.01, "lambd": 0.01]],
        "Rprop": [["lr": 0.01], ["lr": 0.02, "etas": [0.4, 1.3], "step_sizes": [0.001, 0.05]]],
    ]

    /// A gradient that depends on the parameter and the step, like a noisy quadratic's.
    static func setGradients(_ params: [Tensor], step: Int) {
        for (k, p) in params.enumerated() {
            let g = p.toArray().enumerated().map { i, v in 2 * v - 1 + 0.3 * sin(Float(step * 7 + i * 3 + k)) }
            p.grad = Tensor(g, shape: p.shape)
        }
    }

    static func makeParams() -> [Tensor] {
        [Tensor([0.5, -1.2, 2.0], shape: [3], requiresGrad: true), Tensor([1.5, 0.3, -0.7, 0.1], shape: [2, 2], requiresGrad: true)]
    }

    static func make(_ name: String, _ params: [Tensor]) throws -> Optimizer {
        let options = groupOptions[name]!
        return try Optimizer.named(name, paramGroups: zip(params, options).map { ParamGroup(params: [$0], options: $1) })
    }

    static func run(_ optimizer: Optimizer, _ params: [Tensor], _ steps: Range<Int>) throws {
        for s in steps {
            setGradients(params, step: s)
            try optimizer.step()
        }
    }

    static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("nndash-optimizer-\(UUID().uuidString).json")
    }

    @Test(arguments: groupOptions.keys.sorted())
    func resumesOnTheIdenticalTrajectory(_ name: String) throws {
        let straightParams = Self.makeParams()
        try Self.run(try Self.make(name, straightParams), straightParams, 0..<12)

        let firstParams = Self.makeParams()
        let first = try Self.make(name, firstParams)
        try Self.run(first, firstParams, 0..<7)
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        try first.save(to: file)

        let resumedParams = firstParams.map { Tensor($0.toArray(), shape: $0.shape, requiresGrad: true) }
        let resumed = try Self.make(name, resumedParams)
        try resumed.load(from: file)
        #expect(resumed.stateDict() == first.stateDict())
        try Self.run(resumed, resumedParams, 7..<12)
        for (a, b) in zip(straightParams, resumedParams) { #expect(a.toArray() == b.toArray(), "\(name)") }
    }

    @Test func sparseAdamResumesOnTheIdenticalTrajectory() throws {
        func gradients(_ step: Int) -> [SparseGradient?] {
            [SparseGradient(rows: [step % 4, (step + 2) % 4, step % 4], values: (0..<9).map { sin(Float($0 + step)) })]
        }
        func makeParam() -> Tensor { Tensor((0..<12).map { Float($0) / 10 }, shape: [4, 3], requiresGrad: true) }
        let straight = makeParam()
        let a = try SparseAdam([straight], learningRate: 0.05)
        for s in 0..<8 { try a.step(sparseGradients: gradients(s)) }

        let first = makeParam()
        let b = try SparseAdam([first], learningRate: 0.05)
        for s in 0..<5 { try b.step(sparseGradients: gradients(s)) }
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        try b.save(to: file)
        let resumed = Tensor(first.toArray(), shape: [4, 3], requiresGrad: true)
        let c = try SparseAdam([resumed], learningRate: 0.05)
        try c.load(from: file)
        for s in 5..<8 { try c.step(sparseGradients: gradients(s)) }
        #expect(resumed.toArray() == straight.toArray())
        // Rows without a gradient keep their values and moments.
        let before = resumed.toArray()
        try c.step(sparseGradients: [SparseGradient(rows: [2], values: [1, -1, 0.5])])
        let after = resumed.toArray()
        #expect(Array(after[0..<6]) == Array(before[0..<6]) && Array(after[9..<12]) == Array(before[9..<12]))
        #expect(Array(after[6..<9]) != Array(before[6..<9]))
        #expect(throws: OptimizerError.self) { try c.step() }
    }

    @Test(arguments: [nil, LBFGS.LineSearch.strongWolfe])
    func lbfgsResumesOnTheIdenticalTrajectory(_ lineSearch: LBFGS.LineSearch?) throws {
        // f(p) = sum_i (i + 1) (p_i - 1)^2 + p_0 p_1.
        func closure(_ p: Tensor) -> () -> Float {
            {
                let v = p.toArray()
                var f = v[0] * v[1], g = [v[1], v[0], 0]
                for i in 0..<3 {
                    f += Float(i + 1) * (v[i] - 1) * (v[i] - 1)
                    g[i] += 2 * Float(i + 1) * (v[i] - 1)
                }
                p.grad = Tensor(g, shape: [3])
                return f
            }
        }
        func make(_ p: Tensor) throws -> LBFGS { try LBFGS([p], learningRate: 0.5, maxIter: 3, historySize: 2, lineSearchFn: lineSearch) }
        let straight = Tensor([3, -2, 0.5], shape: [3], requiresGrad: true)
        let a = try make(straight)
        for _ in 0..<6 { try a.step(closure: closure(straight)) }

        let first = Tensor([3, -2, 0.5], shape: [3], requiresGrad: true)
        let b = try make(first)
        for _ in 0..<3 { try b.step(closure: closure(first)) }
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        try b.save(to: file)
        let resumed = Tensor(first.toArray(), shape: [3], requiresGrad: true)
        let c = try make(resumed)
        try c.load(from: file)
        for _ in 0..<3 { try c.step(closure: closure(resumed)) }
        #expect(resumed.toArray() == straight.toArray())
        // The minimum of the quadratic: solve [[2, 1, 0], [1, 4, 0], [0, 0, 6]] p = [2, 4, 6].
        for _ in 0..<20 { try c.step(closure: closure(resumed)) }
        let expected: [Float] = [4.0 / 7, 6.0 / 7, 1]
        for (v, e) in zip(resumed.toArray(), expected) { #expect(abs(v - e) < 1e-4) }
    }

    @Test func hyperparametersAreValidatedWithPyTorchsMessages() {
        let p = Tensor([1], shape: [1], requiresGrad: true)
        #expect(throws: OptimizerError.invalidHyperparameter("Invalid learning rate: -0.1")) {
            try SGD([p], learningRate: -0.1)
        }
        #expect(throws: OptimizerError.invalidHyperparameter("Nesterov momentum requires a momentum and zero dampening")) {
            try SGD([p], learningRate: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true)
        }
        #expect(throws: OptimizerError.invalidHyperparameter("Nesterov momentum requires a momentum and zero dampening")) {
            try SGD([p], learningRate: 0.1, nesterov: true)
        }
        #expect(throws: OptimizerError.invalidHyperparameter("Invalid momentum value: -0.5")) {
            try SGD([p], momentum: -0.5)
        }
        #expect(throws: OptimizerError.invalidHyperparameter("Invalid weight_decay value: -0.01")) {
            try AdamW([p], weightDecay: -0.01)
        }
        #expect(throws: OptimizerError.invalidHyperparameter("Invalid beta parameter at index 0: 1.0")) {
            try Adam([p], betas: (1.0, 0.999))
        }
        #expect(throws: OptimizerError.invalidHyperparameter("Invalid beta parameter at index 1: -0.1")) {
            try NAdam([p], betas: (0.9, -0.1))
        }
        #expect(throws: OptimizerError.invalidHyperparameter("Invalid epsilon value: -1e-08")) {
            try RAdam([p], eps: -1e-8)
        }
        #expect(throws: OptimizerError.invalidHyperparameter("Invalid rho value: 1.5")) { try Adadelta([p], rho: 1.5) }
        #expect(throws: OptimizerError.invalidHyperparameter("Invalid alpha value: -0.9")) { try RMSprop([p], alpha: -0.9) }
        #expect(throws: OptimizerError.invalidHyperparameter("Invalid lr_decay value: -1.0")) { try Adagrad([p], lrDecay: -1) }
        #expect(throws: OptimizerError.invalidHyperparameter("Invalid eta values: 1.5, 1.2")) { try Rprop([p], etas: (1.5, 1.2)) }
        #expect(throws: OptimizerError.invalidHyperparameter("Invalid momentum_decay value: -0.004")) {
            try NAdam([p], momentumDecay: -0.004)
        }
        #expect(throws: OptimizerError.self) { try SGD([]) }
        #expect(throws: OptimizerError.self) { try Optimizer.named("Adamw", paramGroups: [ParamGroup(params: [p])]) }
        let q = Tensor([2], shape: [1], requiresGrad: true)
        #expect(throws: OptimizerError.self) { try LBFGS([p], paramGroups: [ParamGroup(params: [q])]) }
        #expect(throws: OptimizerError.self) { try SGD([p], paramGroups: [ParamGroup(params: [p])]) }
    }

    /// PyTorch checks its constructor's arguments only: a group's own values, given at
    /// construction or added later, are taken as they are (a negative learning rate ascends).
    @Test func aGroupsOwnValuesAreNotChecked() throws {
        let p = Tensor([1], shape: [1], requiresGrad: true), q = Tensor([2], shape: [1], requiresGrad: true)
        let sgd = try SGD(paramGroups: [ParamGroup(params: [p], options: ["lr": -0.5, "nesterov": true])], learningRate: 0.1)
        try sgd.addParamGroup(ParamGroup(params: [q], options: ["lr": -1, "momentum": -0.5]))
        p.grad = Tensor([1], shape: [1])
        q.grad = Tensor([1], shape: [1])
        try sgd.step()
        #expect(p.toArray() == [1.5])
        #expect(q.toArray() == [3])
        #expect(throws: OptimizerError.invalidHyperparameter("Invalid learning rate: -1.0")) {
            try SGD(paramGroups: [ParamGroup(params: [p], options: ["lr": 0.1])], learningRate: -1)
        }
    }

    @Test func sgdStepsAreTheTextbookUpdates() throws {
        let p = Tensor([1, -2], shape: [2], requiresGrad: true)
        let sgd = try SGD([p], learningRate: 0.1, momentum: 0.9)
        p.grad = Tensor([1, 2], shape: [2])
        try sgd.step()
        let afterOne: [Float] = [1 - 0.1 * 1, -2 - 0.1 * 2]
        #expect(p.toArray() == afterOne)
        p.grad = Tensor([0.5, -1], shape: [2])
        try sgd.step()
        // buffer = 0.9 * [1, 2] + [0.5, -1] = [1.4, 0.8]
        let expected: [Float] = [0.9 - 0.1 * 1.4, -2.2 - 0.1 * 0.8]
        for (v, e) in zip(p.toArray(), expected) { #expect(abs(v - e) < 1e-6) }
    }

    @Test func adamsFirstStepIsTheLearningRateAgainstTheGradientSign() throws {
        let p = Tensor([1, -2, 3], shape: [3], requiresGrad: true)
        let adam = try Adam([p], learningRate: 0.01)
        p.grad = Tensor([0.3, -5, 2e-3], shape: [3])
        try adam.step()
        let expected: [Float] = [0.99, -1.99, 2.99]
        for (v, e) in zip(p.toArray(), expected) { #expect(abs(v - e) < 1e-5) }
    }

    @Test func groupsTakeDefaultsAndTheStateDictNumbersParametersInGroupOrder() throws {
        let a = Tensor([1], shape: [1], requiresGrad: true), b = Tensor([2, 3], shape: [2], requiresGrad: true)
        let sgd = try SGD([a], learningRate: 0.1, momentum: 0.9)
        try sgd.addParamGroup(ParamGroup(params: [b], options: ["lr": 0.01]))
        #expect(sgd.paramGroups[1].learningRate == 0.01)
        #expect(sgd.paramGroups[1].number("momentum") == 0.9)
        b.grad = Tensor([1, 1], shape: [2])
        try sgd.step()
        let dict = sgd.stateDict()
        #expect(dict.paramGroups.map(\.params) == [[0], [1]])
        #expect(dict.state.keys.sorted() == ["1"])
        #expect(dict.state["1"]?.buffers["momentum_buffer"] == [1, 1])
        sgd.zeroGrad(setToNone: false)
        #expect(b.grad?.toArray() == [0, 0])
        sgd.zeroGrad()
        #expect(b.grad == nil)
    }

    @Test func aGradientOfTheWrongSizeThrows() throws {
        let p = Tensor([1, 2], shape: [2], requiresGrad: true)
        let adam = try Adam([p])
        p.grad = Tensor([1, 2, 3], shape: [3])
        #expect(throws: OptimizerError.invalidUsage("gradient of 3 values for a parameter of shape [2]")) { try adam.step() }
        #expect(p.toArray() == [1, 2])
    }

    @Test func loadingAMismatchedStateDictThrows() throws {
        let a = try SGD(Self.makeParams(), learningRate: 0.1)
        let b = try SGD([Tensor([1], shape: [1], requiresGrad: true)], learningRate: 0.1)
        #expect(throws: OptimizerError.self) { try b.loadStateDict(a.stateDict()) }
    }

    @Test func adagradReadsItsInitialAccumulatorFromTheConstructorOnly() throws {
        let p = Tensor([1], shape: [1], requiresGrad: true), q = Tensor([1], shape: [1], requiresGrad: true)
        let adagrad = try Adagrad([p], learningRate: 0.1, initialAccumulatorValue: 3)
        // As in PyTorch, the constructor's parameters have their state at once.
        #expect(adagrad.state[ObjectIdentifier(p)]?.buffers["sum"] == [3])
        try adagrad.addParamGroup(ParamGroup(params: [q], options: ["initial_accumulator_value": 12]))
        p.grad = Tensor([1], shape: [1])
        q.grad = Tensor([1], shape: [1])
        try adagrad.step()
        // Both accumulators start at 3, the group's 12 unread: sum 4, a step of 0.1 * 1 / 2.
        #expect(abs(p.toArray()[0] - 0.95) < 1e-6)
        #expect(abs(q.toArray()[0] - 0.95) < 1e-6)
    }

    @Test func lbfgsTakesMaxEvalFromTheConstructorAndMaximizes() throws {
        let p = Tensor([0], shape: [1], requiresGrad: true)
        let lbfgs = try LBFGS(paramGroups: [ParamGroup(params: [p], options: ["max_iter": 4])], maxIter: 8, maximize: true)
        // max_eval is the constructor's 8 * 5 / 4, not the group's 4 * 5 / 4.
        #expect(lbfgs.paramGroups[0]["max_eval"].number == 10)
        // Maximizing -(x - 2)^2 finds x = 2.
        for _ in 0..<3 {
            try lbfgs.step {
                let x = p.toArray()[0]
                p.grad = Tensor([-2 * (x - 2)], shape: [1])
                return -(x - 2) * (x - 2)
            }
        }
        #expect(abs(p.toArray()[0] - 2) < 1e-4)
    }
}
