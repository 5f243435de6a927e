import Foundation
import NNText

/// The base of the epoch-driven learning-rate schedulers, with PyTorch's semantics.
///
/// Construction records each group's `initial_lr` (unless a scheduler already did), takes it as
/// `baseLRs` and performs the initial step, so `lastLR` is the rate of epoch 0. Call `step()` after
/// each epoch's `optimizer.step()`. A subclass overrides `computeLR()` (PyTorch's recursive
/// `get_lr`, from the groups' current rates) and, when one exists, `closedFormLR()`.
open class LRScheduler: SchedulerStateSaving {
    /// The optimizer whose groups' `"lr"` this scheduler sets.
    public let optimizer: Optimizer
    /// The epoch of the last `step()` (0 after construction).
    public internal(set) var lastEpoch: Int
    /// The groups' initial learning rates.
    public internal(set) var baseLRs: [Double]
    /// The learning rates set by the last step, one per group.
    public internal(set) var lastLR: [Double] = []
    /// How many times `step` ran, the initial step included.
    public internal(set) var stepCount = 0

    /// A scheduler of `optimizer`'s learning rates.
    /// - Parameters:
    ///   - lastEpoch: the index of the last epoch when resuming (-1 to start).
    ///   - initialStep: whether to take the initial step now (PyTorch does; composites defer it).
    public init(optimizer: Optimizer, lastEpoch: Int = -1, initialStep: Bool = true) throws {
        self.optimizer = optimizer
        for (index, group) in optimizer.paramGroups.enumerated() {
            if lastEpoch == -1 {
                if group.options["initial_lr"] == nil {
                    optimizer.setOption("initial_lr", .number(group.learningRate), group: index)
                }
            } else if group.options["initial_lr"] == nil {
                throw OptimizerError.invalidUsage(
                    "param 'initial_lr' is not specified in param_groups[\(index)] when resuming an optimizer")
            }
        }
        baseLRs = optimizer.paramGroups.map { $0.number("initial_lr") }
        self.lastEpoch = lastEpoch
        if initialStep { try self.initialStep() }
    }

    /// Takes the step that sets epoch 0's rates (run by `init`, or by a composite scheduler).
    public func initialStep() throws {
        stepCount = 0
        try step()
    }

    /// The groups' current learning rates.
    public var currentLRs: [Double] { optimizer.paramGroups.map(\.learningRate) }

    /// The rates for `lastEpoch`, computed from the groups' current rates (PyTorch's `get_lr`).
    open func computeLR() throws -> [Double] { currentLRs }

    /// The rates for `lastEpoch` from `baseLRs` alone, or nil when the schedule has no closed form.
    open func closedFormLR() -> [Double]? { nil }

    /// Advances one epoch and sets the groups' learning rates.
    open func step() throws {
        stepCount += 1
        lastEpoch += 1
        apply(try computeLR())
    }

    /// Jumps to `epoch` and sets its rates by the closed form when there is one (as `step(epoch)` in PyTorch).
    open func step(epoch: Int) throws {
        stepCount += 1
        lastEpoch = epoch
        apply(try closedFormLR() ?? computeLR())
    }

    /// Sets the groups' learning rates and records them in `lastLR`.
    func apply(_ rates: [Double]) {
        for (index, lr) in rates.enumerated() { optimizer.setOption("lr", .number(lr), group: index) }
        lastLR = currentLRs
    }

    /// Scheduler-specific mutable state, by PyTorch's attribute names; subclasses with state override both.
    open var extraState: [String: Double] {
        get { [:] }
        set {}
    }

    /// The schedulers a composite (chained, sequential) drives, saved and loaded with it; nil
    /// for a scheduler of its own.
    var children: [LRScheduler]? { nil }

    /// The scheduler's state: epoch, step count, base and last rates, its own counters, and
    /// the states of its `children`.
    open func stateDict() -> SchedulerStateDict {
        var dict = SchedulerStateDict(
            lastEpoch: lastEpoch, stepCount: stepCount, baseLRs: baseLRs, lastLR: lastLR, values: extraState)
        if let children { dict.children = children.map { $0.stateDict() } }
        return dict
    }

    /// Restores a state saved by `stateDict()`, its `children`'s after its own.
    /// - Throws: `OptimizerError.invalidStateDict` when its rates do not match the optimizer's
    ///   groups, its epoch or step count is not a count (epoch -1, before the first step, to 2^53),
    ///   or it has not one state for each child.
    open func loadStateDict(_ dict: SchedulerStateDict) throws {
        if let children, dict.children.count != children.count {
            throw OptimizerError.invalidStateDict("expected \(children.count) scheduler states")
        }
        guard dict.baseLRs.count == baseLRs.count, dict.lastLR.count == baseLRs.count else {
            throw OptimizerError.invalidStateDict(
                "scheduler state has \(counted(dict.baseLRs.count, "group")), the optimizer has \(baseLRs.count)")
        }
        try Self.requireCounters(dict)
        lastEpoch = dict.lastEpoch
        stepCount = dict.stepCount
        baseLRs = dict.baseLRs
        lastLR = dict.lastLR
        extraState = dict.values
        for (child, state) in zip(children ?? [], dict.children) { try child.loadStateDict(state) }
    }

    /// Throws unless `dict`'s epoch lies in -1...2^53 and its step count in 0...2^53: counters
    /// a scheduler adds to and computes with.
    static func requireCounters(_ dict: SchedulerStateDict) throws {
        try Optimizer.requireCount(Double(dict.lastEpoch) + 1, "last_epoch + 1")
        try Optimizer.requireCount(Double(dict.stepCount), "_step_count")
    }
}
