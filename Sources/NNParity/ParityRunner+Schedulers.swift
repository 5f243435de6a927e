import NNEngine
import NNRuns

/// Checks kind `scheduler`: the learning rate of every epoch of an SGD optimizer driven by the scheduler.
extension ParityRunner {
    func checkScheduler(_ c: ParityCase) throws {
        let expected = try c.numbers("lrs")
        guard expected.count <= ParityLimits.maximumSteps else {
            throw ParityError.malformed("more than \(ParityLimits.maximumSteps) learning rates")
        }
        let p = Tensor([0], shape: [1], requiresGrad: true)
        let optimizer = try SGD(
            [p], learningRate: c.field("base_lr")?.doubleValue ?? 0.1, momentum: c.field("momentum")?.doubleValue ?? 0)
        let params = c.field("params") ?? .object([])
        var lrs: [Double] = []
        if c.name == "ReduceLROnPlateau" {
            let metrics = try c.numbers("metrics")
            guard metrics.count >= expected.count else { throw ParityError.malformed("\(c.id): too few metrics") }
            let scheduler = try Self.plateau(optimizer, params)
            for e in expected.indices {
                lrs.append(optimizer.paramGroups[0].learningRate)
                scheduler.step(metrics[e])
            }
        } else {
            let scheduler = try Self.scheduler(c.name, optimizer, params)
            for _ in expected.indices {
                lrs.append(optimizer.paramGroups[0].learningRate)
                try scheduler.step()
            }
        }
        c.compare("lrs", expected: expected, actual: lrs)
    }

    private static func plateau(_ optimizer: Optimizer, _ params: JSONValue) throws -> ReduceLROnPlateau {
        try ReduceLROnPlateau(
            optimizer: optimizer, mode: ReduceLROnPlateau.Mode(rawValue: params["mode"]?.stringValue ?? "min") ?? .min,
            factor: params["factor"]?.doubleValue ?? 0.1, patience: try integer(params, "patience", 10),
            threshold: params["threshold"]?.doubleValue ?? 1e-4,
            thresholdMode: ReduceLROnPlateau.ThresholdMode(rawValue: params["threshold_mode"]?.stringValue ?? "rel") ?? .rel,
            cooldown: try integer(params, "cooldown", 0), minLR: params["min_lr"]?.doubleValue ?? 0,
            eps: params["eps"]?.doubleValue ?? 1e-8)
    }

    /// The integer parameter `key` (within `ParityLimits.integers`), or `fallback` when absent.
    private static func integer(_ params: JSONValue, _ key: String, _ fallback: Int) throws(ParityError) -> Int {
        guard let value = params[key], !value.isNull else { return fallback }
        return try ParityCase.integer(value, named: key, within: ParityLimits.integers)
    }

    /// The epoch-driven scheduler PyTorch calls `name`, with `params` by PyTorch's names.
    static func scheduler(_ name: String, _ optimizer: Optimizer, _ params: JSONValue) throws -> LRScheduler {
        func number(_ key: String, _ fallback: Double) -> Double { params[key]?.doubleValue ?? fallback }
        func integer(_ key: String, _ fallback: Int) throws -> Int { try Self.integer(params, key, fallback) }
        func optionalInt(_ key: String) throws -> Int? {
            guard let value = params[key], !value.isNull else { return nil }
            return try ParityCase.integer(value, named: key, within: ParityLimits.integers)
        }
        switch name {
        case "StepLR":
            return try StepLR(optimizer: optimizer, stepSize: integer("step_size", 1), gamma: number("gamma", 0.1))
        case "MultiStepLR":
            return try MultiStepLR(
                optimizer: optimizer, milestones: try (params["milestones"]?.arrayValue ?? []).map {
                    try ParityCase.integer($0, named: "milestones", within: ParityLimits.integers)
                },
                gamma: number("gamma", 0.1))
        case "ExponentialLR": return try ExponentialLR(optimizer: optimizer, gamma: number("gamma", 0.1))
        case "CosineAnnealingLR":
            return try CosineAnnealingLR(optimizer: optimizer, tMax: integer("T_max", 1), etaMin: number("eta_min", 0))
        case "CosineAnnealingWarmRestarts":
            return try CosineAnnealingWarmRestarts(
                optimizer: optimizer, t0: integer("T_0", 1), tMult: integer("T_mult", 1), etaMin: number("eta_min", 0))
        case "LinearLR":
            return try LinearLR(
                optimizer: optimizer, startFactor: number("start_factor", 1.0 / 3), endFactor: number("end_factor", 1),
                totalIters: integer("total_iters", 5))
        case "ConstantLR":
            return try ConstantLR(optimizer: optimizer, factor: number("factor", 1.0 / 3), totalIters: integer("total_iters", 5))
        case "PolynomialLR":
            return try PolynomialLR(optimizer: optimizer, totalIters: integer("total_iters", 5), power: number("power", 1))
        case "OneCycleLR":
            let maxLR = params["max_lr"]?.doubleArray ?? [number("max_lr", 0.1)]
            return try OneCycleLR(
                optimizer: optimizer, maxLR: maxLR, totalSteps: try optionalInt("total_steps"), epochs: try optionalInt("epochs"),
                stepsPerEpoch: try optionalInt("steps_per_epoch"), pctStart: number("pct_start", 0.3),
                annealStrategy: OneCycleLR.AnnealStrategy(rawValue: params["anneal_strategy"]?.stringValue ?? "cos") ?? .cos,
                cycleMomentum: params["cycle_momentum"]?.boolValue ?? true, baseMomentum: number("base_momentum", 0.85),
                maxMomentum: number("max_momentum", 0.95), divFactor: number("div_factor", 25),
                finalDivFactor: number("final_div_factor", 1e4), threePhase: params["three_phase"]?.boolValue ?? false)
        case "CyclicLR":
            return try CyclicLR(
                optimizer: optimizer, baseLR: params["base_lr"]?.doubleArray ?? [number("base_lr", 1e-3)],
                maxLR: params["max_lr"]?.doubleArray ?? [number("max_lr", 6e-3)],
                stepSizeUp: integer("step_size_up", 2000), stepSizeDown: try optionalInt("step_size_down"),
                mode: CyclicLR.Mode(rawValue: params["mode"]?.stringValue ?? "triangular") ?? .triangular,
                gamma: number("gamma", 1),
                cycleMomentum: params["cycle_momentum"]?.boolValue ?? true,
                baseMomentum: params["base_momentum"]?.doubleArray ?? [number("base_momentum", 0.8)],
                maxMomentum: params["max_momentum"]?.doubleArray ?? [number("max_momentum", 0.9)])
        default:
            throw ParityError.unsupported("scheduler \(name)")
        }
    }
}
