/// Runs schedulers one after another, switching at each milestone epoch.
public final class SequentialLR: LRScheduler {
    public let schedulers: [LRScheduler]
    public let milestones: [Int]

    /// - Parameters:
    ///   - schedulers: built on `optimizer`, one more than `milestones`.
    ///   - milestones: the epochs at which the next scheduler takes over (restarting from its epoch 0).
    public init(optimizer: Optimizer, schedulers: [LRScheduler], milestones: [Int], lastEpoch: Int = -1) throws {
        guard !schedulers.isEmpty else {
            throw OptimizerError.invalidUsage("SequentialLR expects at least one scheduler")
        }
        guard schedulers.allSatisfy({ $0.optimizer === optimizer }) else {
            throw OptimizerError.invalidUsage(
                "Sequential Schedulers expects all schedulers to belong to the same optimizer")
        }
        guard milestones.count == schedulers.count - 1 else {
            throw OptimizerError.invalidUsage(
                "Sequential Schedulers expects number of schedulers provided to be one more than the number of "
                    + "milestone points, but got number of schedulers \(schedulers.count) and the number of "
                    + "milestones to be equal to \(milestones.count)")
        }
        self.schedulers = schedulers
        self.milestones = milestones
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch, initialStep: false)
        self.lastEpoch = lastEpoch + 1
        for (index, group) in optimizer.paramGroups.enumerated() {
            optimizer.setOption("lr", group["initial_lr"], group: index)
        }
        for scheduler in schedulers { scheduler.lastEpoch -= 1 }
        try schedulers[0].initialStep()
        lastLR = schedulers[0].lastLR
    }

    override public func step() throws {
        lastEpoch += 1
        let index = milestones.filter { $0 <= lastEpoch }.count
        let scheduler = schedulers[index]
        if index > 0 && milestones[index - 1] == lastEpoch {
            try scheduler.step(epoch: 0)
        } else {
            try scheduler.step()
        }
        lastLR = scheduler.lastLR
    }

    override var children: [LRScheduler]? { schedulers }
}
