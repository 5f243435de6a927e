import NNEngine
import NNRuns

/// Lesson 000's tour of `torch.optim.Optimizer`, one call a step: `step()` after a backward pass,
/// `zero_grad()` (gradients become None) or its absence (gradients add up), `add_param_group`,
/// `state_dict()` and `load_state_dict()` into a fresh optimizer, which then goes on as the one it
/// was saved from would have.
///
/// The model is the lesson's `weight` (`torch.manual_seed(1); torch.randn(2, 2)`) and a bias of two
/// zeros that gets gradients from the start but is in no param group until `add-group` adds it.
public struct OptimizerSession: Study {
    public static let name = "optim-api"

    /// The model, the optimizer and the script of calls.
    public struct Configuration: Hashable, Sendable {
        /// The optimizers the session can build: every one of the engine's that steps on a
        /// dense gradient without a closure.
        public static let optimizers = OptimizerName.plainStep
        /// The most calls a script may hold.
        public static let maximumActions = 10_000

        public var optimizer = OptimizerName.SGD
        public var lr = 0.1
        /// SGD's or RMSprop's `momentum`; ignored by the others.
        public var momentum = 0.9
        /// The `lr` of the group `add-group` adds (the lesson's 0.0001).
        public var groupLR = 0.0001
        public var loss = SessionLoss.mse
        public var actions: [SessionAction]
        /// The seed of `torch.manual_seed` before `weight` is drawn (the lesson's 1).
        public var seed: UInt64 = 1

        /// The lesson's order: steps, a group added, a save and a load (after which the reloaded
        /// optimizer goes on exactly as the old one), then steps without zero_grad.
        public static let lessonActions: [SessionAction] = [
            .step, .step, .addGroup, .step, .save, .load, .step, .step, .zeroGradOff, .step, .step,
        ]

        public init(actions: [SessionAction] = Configuration.lessonActions) { self.actions = actions }

        /// The constructor arguments PyTorch's optimizer gets: `lr`, and `momentum` where it takes one.
        public var constructorArguments: [(String, Double)] {
            [("lr", lr)] + (optimizer.takesMomentum ? [("momentum", momentum)] : [])
        }
    }

    /// One moment of the session: what a call did and everything it left behind.
    public struct Moment: Sendable, Equatable {
        public var action: SessionAction
        /// `optimizer.step()` calls so far (the current optimizer's and its predecessors').
        public var steps: Int
        /// Whether steps call `zero_grad()` first.
        public var zeroGrad: Bool
        /// The loss the backward pass of this step started from; nil for other calls.
        public var loss: Double?
        /// Each parameter's `.grad` just before this step's backward pass (nil: None).
        public var gradBefore: [String: [Double]?]
        /// Each parameter's values and `.grad` after the call (nil: None).
        public var params: [String: [Double]]
        public var grads: [String: [Double]?]
        /// The optimizer's `state_dict()` after the call, and each parameter's number in it.
        public var stateDict: OptimizerStateDict
        public var numbers: [String: Int]
        /// Whether a state dict has been saved.
        public var saved: Bool
        /// After a `load`: the largest difference between the reloaded optimizer's parameters and
        /// those of the optimizer it replaced, which runs on beside it; nil before any load.
        public var gapToUninterrupted: Double?
        /// Why the call did nothing (a load refused by `load_state_dict`, a load with nothing saved).
        public var refusal: String?

        /// The state of parameter `name` in `stateDict` (empty when it has none).
        public func state(of name: String) -> ParameterState {
            numbers[name].flatMap { stateDict.state[String($0)] } ?? ParameterState()
        }

        /// The names of group `index`'s parameters.
        public func groupParams(_ index: Int) -> [String] {
            guard stateDict.paramGroups.indices.contains(index) else { return [] }
            let byNumber = Dictionary(numbers.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            return stateDict.paramGroups[index].params.map { byNumber[$0] ?? "#\($0)" }
        }
    }

    /// The model's parameters, in the order they are shown.
    public static let parameterNames = ["weight", "bias"]

    /// The batch the model fits: four inputs (4 × 2) and their targets y = A·x + c, with
    /// A = [[1, −1], [0.5, 2]] and c = [0.5, 0.5] (4 × 2).
    public static let inputs: [Float] = [0.5, 1.0, 1.0, -0.5, -1.0, 0.5, 0.0, 1.5]
    public static let targets: [Float] = [0.0, 2.75, 2.0, 0.0, -1.0, 1.0, -1.0, 3.5]

    /// A model and the optimizer over it.
    private struct Run {
        let weight: Tensor
        let bias: Tensor
        let optimizer: Optimizer
        var biasAdded: Bool

        var tensors: [String: Tensor] { ["weight": weight, "bias": bias] }
    }

    public let configuration: Configuration
    private var run: Run!
    /// Why the optimizer could not be built.
    private var refused: (any Error)?
    /// The optimizer a `load` replaced, on its own copy of the parameters, stepped beside the reloaded one.
    private var uninterrupted: Run?
    private var saved: OptimizerStateDict?
    private var zeroGrad = true
    private var steps = 0
    private var moments: [Moment] = []

    /// An optimizer name or argument the engine refuses is thrown by the first `step()`.
    public init(_ configuration: Configuration) {
        self.configuration = configuration
        let generator = Generator(seed: configuration.seed)
        let weight = Tensor.randn([2, 2], generator: generator)
        weight.requiresGrad = true
        let bias = Tensor.zeros([2], requiresGrad: true)
        do {
            run = Run(weight: weight, bias: bias, optimizer: try Self.optimizer(configuration, over: weight), biasAdded: false)
        } catch {
            run = nil
            refused = error
        }
    }

    /// Builds the session, throwing what the optimizer's constructor refuses.
    public static func checked(_ configuration: Configuration) throws -> OptimizerSession {
        let session = OptimizerSession(configuration)
        if let refused = session.refused { throw refused }
        return session
    }

    public var params: JSONValue { configuration.params }

    /// The optimizer the configuration names over `weight`, built with its constructor arguments
    /// (which become its `defaults`, what an added group does not name).
    static func optimizer(_ c: Configuration, over weight: Tensor) throws -> Optimizer {
        let lr = c.lr, m = c.momentum
        switch c.optimizer {
        case .SGD: return try SGD([weight], learningRate: lr, momentum: m)
        case .Adam: return try Adam([weight], learningRate: lr)
        case .AdamW: return try AdamW([weight], learningRate: lr)
        case .Adamax: return try Adamax([weight], learningRate: lr)
        case .NAdam: return try NAdam([weight], learningRate: lr)
        case .RAdam: return try RAdam([weight], learningRate: lr)
        case .Adagrad: return try Adagrad([weight], learningRate: lr)
        case .Adadelta: return try Adadelta([weight], learningRate: lr)
        case .RMSprop: return try RMSprop([weight], learningRate: lr, momentum: m)
        case .ASGD: return try ASGD([weight], learningRate: lr)
        case .Rprop: return try Rprop([weight], learningRate: lr)
        case .SparseAdam, .LBFGS:
            throw OptimizerError.invalidUsage(
                "optimizer \(c.optimizer.rawValue) is not one of \(Configuration.optimizers.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The loss of `run`'s model on the batch.
    private func loss(_ run: Run) throws -> Tensor {
        switch configuration.loss {
        case .sum:
            return run.weight.sum() + run.bias.sum()
        case .mse:
            let x = Tensor(Self.inputs, shape: [4, 2]), y = Tensor(Self.targets, shape: [4, 2])
            return try mseLoss(x.matmul(run.weight.t) + run.bias, y)
        }
    }

    private static func values(_ t: Tensor) -> [Double] { t.toArray().map(Double.init) }
    private static func grads(_ run: Run) -> [String: [Double]?] {
        run.tensors.mapValues { $0.grad.map(values) }
    }

    /// One training step of `run`: zero_grad (when on), backward, step; the loss and the gradients before backward.
    private func trainingStep(_ run: Run) throws -> (loss: Double, gradBefore: [String: [Double]?]) {
        if zeroGrad { run.optimizer.zeroGrad() }
        let gradBefore = Self.grads(run)
        let loss = try loss(run)
        try loss.backward()
        try run.optimizer.step()
        return (Double(loss.item()), gradBefore)
    }

    /// Adds the bias to `run`'s optimizer as a group of its own `lr`.
    private static func addGroup(_ run: inout Run, lr: Double) throws {
        guard !run.biasAdded else { return }
        try run.optimizer.addParamGroup(ParamGroup(params: [run.bias], options: ["lr": .number(lr)]))
        run.biasAdded = true
    }

    /// A fresh optimizer over copies of `run`'s parameters, with the groups `run`'s has.
    private func fresh(from run: Run) throws -> Run {
        let weight = Tensor(run.weight.toArray(), shape: [2, 2], requiresGrad: true)
        let bias = Tensor(run.bias.toArray(), shape: [2], requiresGrad: true)
        if let g = run.weight.grad { weight.grad = g.clone() }
        if let g = run.bias.grad { bias.grad = g.clone() }
        var copy = Run(weight: weight, bias: bias, optimizer: try Self.optimizer(configuration, over: weight), biasAdded: false)
        if run.biasAdded { try Self.addGroup(&copy, lr: configuration.groupLR) }
        return copy
    }

    public mutating func step() throws -> [MetricRecord]? {
        if let refused { throw refused }
        guard moments.count < configuration.actions.count else { return nil }
        let action = configuration.actions[moments.count]
        var loss: Double?
        var gradBefore: [String: [Double]?] = [:]
        var refusal: String?
        switch action {
        case .step:
            (loss, gradBefore) = try trainingStep(run)
            if let uninterrupted { _ = try trainingStep(uninterrupted) }
            steps += 1
        case .zeroGradOn: zeroGrad = true
        case .zeroGradOff: zeroGrad = false
        case .addGroup:
            try Self.addGroup(&run, lr: configuration.groupLR)
            if var u = uninterrupted {
                try Self.addGroup(&u, lr: configuration.groupLR)
                uninterrupted = u
            }
        case .save:
            saved = run.optimizer.stateDict()
        case .load:
            if let saved {
                let reloaded = try fresh(from: run)
                do {
                    try reloaded.optimizer.loadStateDict(saved)
                    uninterrupted = run
                    run = reloaded
                } catch {
                    refusal = "load_state_dict refused: \(error)"
                }
            } else {
                refusal = Moment.nothingSaved + ": state_dict() comes first"
            }
        }
        var gap: Double?
        if let uninterrupted {
            gap = 0
            for (name, tensor) in run.tensors {
                let other = uninterrupted.tensors[name]?.toArray() ?? []
                for (a, b) in zip(tensor.toArray(), other) { gap = max(gap ?? 0, Double(abs(a - b))) }
            }
        }
        let numbers = Dictionary(uniqueKeysWithValues: run.optimizer.orderedParams.enumerated().compactMap { i, p in
            run.tensors.first { $0.value === p }.map { ($0.key, i) }
        })
        let moment = Moment(
            action: action, steps: steps, zeroGrad: zeroGrad, loss: loss, gradBefore: gradBefore,
            params: run.tensors.mapValues(Self.values), grads: Self.grads(run), stateDict: run.optimizer.stateDict(),
            numbers: numbers, saved: saved != nil, gapToUninterrupted: gap, refusal: refusal)
        moments.append(moment)
        return [MetricRecord(series: "session", step: moments.count - 1, values: moment.metrics)]
    }

    public var snapshot: any StudySnapshot { Snapshot(configuration: configuration, moments: moments) }
}

/// The loss the session's model is trained on.
public enum SessionLoss: String, CaseIterable, Hashable, Sendable {
    /// The mean squared error of `x @ weight.T + bias` on a batch of four points.
    case mse
    /// The sum of every parameter: its gradient is all ones, as lesson 000 sets `weight.grad` by hand.
    case sum
}

/// One call of the optimizer API in a session's script.
public enum SessionAction: String, CaseIterable, Hashable, Sendable {
    /// `zero_grad()` when on, the loss's `backward()`, then `optimizer.step()`.
    case step
    /// Steps from now on call `zero_grad()` first (PyTorch's habit) or do not (gradients add up).
    case zeroGradOn = "zero-grad-on"
    case zeroGradOff = "zero-grad-off"
    /// `add_param_group({"params": bias, "lr": group_lr})`.
    case addGroup = "add-group"
    /// `state_dict()`, kept.
    case save
    /// A new optimizer over the same parameters, then `load_state_dict(saved)`.
    case load

    /// The call as PyTorch spells it.
    public var call: String {
        switch self {
        case .step: "step"
        case .zeroGradOn: "zero_grad on"
        case .zeroGradOff: "zero_grad off"
        case .addGroup: "add_param_group"
        case .save: "state_dict()"
        case .load: "load_state_dict"
        }
    }
}
