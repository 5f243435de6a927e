import Foundation
import Testing

@testable import NNEngine

/// A state dict read from a file anyone can edit: every count it holds is checked before it is
/// converted or looped over, and a dict that does not fit is refused with `OptimizerError`,
/// leaving the optimizer as it was — never a trap at the load or at a later step.
struct HostileStateDictTests {
    /// Two parameters of 3 and 2 elements.
    static func parameters() -> [Tensor] {
        [Tensor([1, -2, 0.5], shape: [3], requiresGrad: true), Tensor([0.3, 2], shape: [2], requiresGrad: true)]
    }

    /// f = sum over all elements of (i + 1) (x_i - 1)^2; sets the gradients and returns f.
    static func closure(_ params: [Tensor]) -> () -> Float {
        {
            var f: Float = 0
            var i = 0
            for p in params {
                let v = p.toArray()
                var g = [Float](repeating: 0, count: v.count)
                for k in v.indices {
                    f += Float(i + 1) * (v[k] - 1) * (v[k] - 1)
                    g[k] = 2 * Float(i + 1) * (v[k] - 1)
                    i += 1
                }
                p.grad = Tensor(g, shape: p.shape)
            }
            return f
        }
    }

    /// Steps `optimizer` over `params` `count` times.
    static func steps(_ optimizer: Optimizer, _ params: [Tensor], _ count: Int) throws {
        for _ in 0..<count {
            if let lbfgs = optimizer as? LBFGS {
                try lbfgs.step(closure: closure(params))
            } else {
                _ = closure(params)()
                try optimizer.step()
            }
        }
    }

    /// An optimizer named `name` with some state: LBFGS in one group (with a short history so
    /// that it fills), the others in two groups.
    static func stepped(_ name: String) throws -> (Optimizer, [Tensor]) {
        let params = parameters()
        let optimizer: Optimizer = name == "LBFGS"
            ? try LBFGS(params, learningRate: 0.5, maxIter: 3, historySize: 2)
            : try Optimizer.named(name, paramGroups: [ParamGroup(params: [params[0]]), ParamGroup(params: [params[1]])])
        try steps(optimizer, params, 3)
        return (optimizer, params)
    }

    static let names = Optimizer.names.filter { $0 != "SparseAdam" }

    /// Edits of any optimizer's per-parameter state.
    static let edits: [(String, @Sendable (inout OptimizerStateDict) -> Void)] = [
        ("step NaN", { $0.state["0", default: ParameterState()].scalars["step"] = .nan }),
        ("step 1e300", { $0.state["0", default: ParameterState()].scalars["step"] = 1e300 }),
        ("step -1", { $0.state["0", default: ParameterState()].scalars["step"] = -1 }),
        ("step 2.5", { $0.state["0", default: ParameterState()].scalars["step"] = 2.5 }),
        ("step 2^63", { $0.state["0", default: ParameterState()].scalars["step"] = 9.3e18 }),
        ("buffer of 4", { $0.state["0", default: ParameterState()].buffers["exp_avg"] = [1, 2, 3, 4] }),
        ("buffer of 1", { $0.state["1", default: ParameterState()].buffers["d"] = [1] }),
        ("a history", { $0.state["0", default: ParameterState()].lists["old_dirs"] = [[1]] }),
    ]

    @Test(arguments: names)
    func anEditedStateIsRefusedAndTheOptimizerKeepsStepping(name: String) throws {
        let (optimizer, params) = try Self.stepped(name)
        let saved = optimizer.stateDict()
        try optimizer.loadStateDict(saved)
        #expect(optimizer.stateDict() == saved, "the unedited state loads as it was")
        for (edit, apply) in Self.edits {
            var dict = saved
            apply(&dict)
            // LBFGS keeps no "step" count.
            if name == "LBFGS" && edit.hasPrefix("step") { continue }
            #expect(throws: OptimizerError.self, "\(name): \(edit)") { try optimizer.loadStateDict(dict) }
            #expect(optimizer.stateDict() == saved, "\(name): \(edit) changed nothing")
        }
        try Self.steps(optimizer, params, 2)
    }

    /// Edits of L-BFGS's histories, flat vectors, counters and options.
    static let lbfgsEdits: [(String, @Sendable (inout OptimizerStateDict) -> Void)] = [
        ("old_dirs row short", { $0.state["0"]?.lists["old_dirs"]?[0].removeLast() }),
        ("old_stps row long", { $0.state["0"]?.lists["old_stps"]?[0].append(1) }),
        ("ro missing", { $0.state["0"]?.lists["ro"] = nil }),
        ("ro of two rows", { $0.state["0"]?.lists["ro"]?.append([1]) }),
        ("one pair too many", {
            $0.state["0"]?.lists["old_dirs"]?.append([Float](repeating: 1, count: 5))
            $0.state["0"]?.lists["old_stps"]?.append([Float](repeating: 1, count: 5))
            $0.state["0"]?.lists["ro"]?[0].append(1)
        }),
        ("d of 3", { $0.state["0"]?.buffers["d"] = [1, 2, 3] }),
        ("d missing", { $0.state["0"]?.buffers["d"] = nil }),
        ("prev_flat_grad missing", { $0.state["0"]?.buffers["prev_flat_grad"] = nil }),
        ("n_iter NaN", { $0.state["0"]?.scalars["n_iter"] = .nan }),
        ("n_iter -1", { $0.state["0"]?.scalars["n_iter"] = -1 }),
        ("func_evals 1e300", { $0.state["0"]?.scalars["func_evals"] = 1e300 }),
        ("an unknown history", { $0.state["0"]?.lists["y"] = [] }),
        ("max_iter NaN", { $0.paramGroups[0].options["max_iter"] = .number(.nan) }),
        ("max_iter 1e300", { $0.paramGroups[0].options["max_iter"] = .number(1e300) }),
        ("max_eval -1", { $0.paramGroups[0].options["max_eval"] = .number(-1) }),
        ("history_size 0", { $0.paramGroups[0].options["history_size"] = .number(0) }),
        ("history_size 1", { $0.paramGroups[0].options["history_size"] = .number(1) }),
        ("history_size inf", { $0.paramGroups[0].options["history_size"] = .number(.infinity) }),
    ]

    @Test func anEditedLBFGSStateIsRefused() throws {
        let (optimizer, params) = try Self.stepped("LBFGS")
        let saved = optimizer.stateDict()
        #expect(saved.state["0"]?.lists["old_dirs"]?.count == 2, "the history is full: \(saved)")
        for (edit, apply) in Self.lbfgsEdits {
            var dict = saved
            apply(&dict)
            #expect(dict != saved, "\(edit) edits something")
            #expect(throws: OptimizerError.self, "\(edit)") { try optimizer.loadStateDict(dict) }
            #expect(optimizer.stateDict() == saved, "\(edit) changed nothing")
        }
        try Self.steps(optimizer, params, 2)
    }

    @Test func lbfgsRefusesCountsItCannotLoopOver() throws {
        let p = Tensor([1], shape: [1], requiresGrad: true)
        #expect(throws: OptimizerError.invalidHyperparameter("Invalid history_size: 0.0")) { try LBFGS([p], historySize: 0) }
        #expect(throws: OptimizerError.invalidHyperparameter("Invalid max_iter: -1.0")) { try LBFGS([p], maxIter: -1) }
    }

    @Test func aSchedulersCountersAreChecked() throws {
        let (optimizer, _) = try Self.stepped("SGD")
        let scheduler = try StepLR(optimizer: optimizer, stepSize: 2)
        try scheduler.step()
        let saved = scheduler.stateDict()
        let edits: [(String, (inout SchedulerStateDict) -> Void)] = [
            ("last_epoch 2^63-1", { $0.lastEpoch = .max }), ("last_epoch -2", { $0.lastEpoch = -2 }),
            ("last_epoch min", { $0.lastEpoch = .min }), ("step count -1", { $0.stepCount = -1 }),
            ("step count max", { $0.stepCount = .max }), ("one last rate", { $0.lastLR = [0.1] }),
        ]
        for (edit, apply) in edits {
            var dict = saved
            apply(&dict)
            #expect(throws: OptimizerError.self, "\(edit)") { try scheduler.loadStateDict(dict) }
            #expect(scheduler.stateDict() == saved, "\(edit) changed nothing")
        }
        try scheduler.step()

        let plateau = try ReduceLROnPlateau(optimizer: optimizer)
        plateau.step(1)
        let counters = plateau.stateDict()
        for (key, value) in [("num_bad_epochs", Double.nan), ("num_bad_epochs", 1e300), ("cooldown_counter", -1), ("cooldown_counter", .infinity)] {
            var dict = counters
            dict.values[key] = value
            #expect(throws: OptimizerError.self, "\(key) \(value)") { try plateau.loadStateDict(dict) }
        }
        let restarts = try CosineAnnealingWarmRestarts(optimizer: optimizer, t0: 2)
        for epoch in [Double.infinity, .nan, -1, 1e300] {
            #expect(throws: OptimizerError.self, "epoch \(epoch)") { try restarts.step(epoch: epoch) }
        }
        var dict = counters
        dict.lastEpoch = .max
        #expect(throws: OptimizerError.self) { try plateau.loadStateDict(dict) }
        plateau.step(0.5)
    }
}
