import ArgumentParser
import Foundation

/// The memory one run may ask for: half of the machine's physical memory, leaving the rest to
/// the system and the terminal. Every option that sizes an allocation (widths, counts of points,
/// iterations and series) is checked against it before anything is allocated, with one error
/// naming the options.
enum MemoryBudget {
    /// The budget in bytes.
    static var bytes: Double { Double(ProcessInfo.processInfo.physicalMemory) / 2 }

    /// Refuses a run whose estimated peak, `estimate` bytes, exceeds `budget`.
    /// - Parameter options: the options (and values) that set the size, as the user typed them.
    static func require(_ estimate: Double, for options: String, budget: Double = bytes) throws {
        guard estimate.isFinite, estimate <= budget else {
            throw ValidationError(
                "\(options) needs about \(gigabytes(estimate)) of memory, more than the \(gigabytes(budget)) a run may use (half of this machine's memory)")
        }
    }

    /// `12.3 GB`, or `> 1e9 GB` for absurd sizes.
    static func gigabytes(_ bytes: Double) -> String {
        let value = bytes / 1e9
        guard value.isFinite, value < 1e9 else { return "more than 1e9 GB" }
        return value < 10 ? String(format: "%.1f GB", value) : String(format: "%.0f GB", value)
    }
}
