/// A learning-rate scheduler's saved state.
public struct SchedulerStateDict: Sendable, Equatable, Codable {
    public var lastEpoch: Int
    public var stepCount: Int
    public var baseLRs: [Double]
    public var lastLR: [Double]
    /// Scheduler-specific counters by PyTorch's attribute names (`T_cur`, `best`, ...).
    public var values: [String: Double]
    /// The states of the schedulers a composite scheduler drives, in order.
    public var children: [SchedulerStateDict] = []
}
