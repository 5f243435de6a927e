import Foundation

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

/// A scheduler whose state is a `SchedulerStateDict`, saved to and loaded from a JSON file.
public protocol SchedulerStateSaving: AnyObject {
    func stateDict() -> SchedulerStateDict
    func loadStateDict(_ dict: SchedulerStateDict) throws
}

extension SchedulerStateSaving {
    /// Writes `stateDict()` as JSON to `url`.
    public func save(to url: URL) throws {
        try StateDictCoding.encoder().encode(stateDict()).write(to: url, options: .atomic)
    }

    /// Loads a state written by `save(to:)`.
    public func load(from url: URL) throws {
        try loadStateDict(StateDictCoding.decoder().decode(SchedulerStateDict.self, from: Data(contentsOf: url)))
    }
}
