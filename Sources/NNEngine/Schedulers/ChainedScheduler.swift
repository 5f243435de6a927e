/// Steps several schedulers together each epoch, so their effects multiply.
public final class ChainedScheduler: LRScheduler {
    public let schedulers: [LRScheduler]

    /// - Parameter schedulers: built on `optimizer`, stepped in order.
    public init(optimizer: Optimizer, schedulers: [LRScheduler]) throws {
        guard schedulers.allSatisfy({ $0.optimizer === optimizer }) else {
            throw OptimizerError.invalidUsage(
                "ChainedScheduler expects all schedulers to belong to the same optimizer")
        }
        self.schedulers = schedulers
        try super.init(optimizer: optimizer, lastEpoch: -1, initialStep: false)
        lastEpoch = 0
        lastLR = currentLRs
    }

    override public func step() throws {
        for scheduler in schedulers { try scheduler.step() }
        lastEpoch += 1
        stepCount += 1
        lastLR = currentLRs
    }

    override var children: [LRScheduler]? { schedulers }
}
