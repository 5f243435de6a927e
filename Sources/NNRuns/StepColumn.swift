/// The ascending steps of a series, each kept as its distance from the first in 32 bits while
/// the distances fit (4 bytes a point), else as 64-bit steps.
///
/// `StepColumn` and `ValueColumn` stay two types although they share their shape (a narrow
/// array while every element fits, else a wide one): one generic column over a narrowing
/// protocol produced the same output but cost more instructions to read a watched log of 10^6
/// points (`nndash watch DIR --json` under callgrind, release build: +2.0 million of 1,547
/// million for TensorBoard event files, +0.9 million of 2,500 million for JSON lines, the same
/// on a second run), for about forty shared lines whose narrowing, equality and hashing differ.
public struct StepColumn: RandomAccessCollection, ExpressibleByArrayLiteral, Hashable, Sendable {
    /// The first step appended (every step held is at or above it: steps only ascend).
    private var base: Int64 = 0
    private var offsets: [UInt32] = []
    /// The steps, once one lies too far from `base` for `offsets`.
    private var wide: [Int64]?

    public init() {}

    public init(arrayLiteral elements: Int64...) {
        for element in elements { append(element) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { wide?.count ?? offsets.count }

    public subscript(i: Int) -> Int64 {
        if let wide { return wide[i] }
        return base &+ Int64(offsets[i])
    }

    /// The last step (read on every append, so not through `Collection`'s generic one).
    public var last: Int64? {
        if let wide { return wide.last }
        return offsets.isEmpty ? nil : base &+ Int64(offsets[offsets.count - 1])
    }

    mutating func append(_ step: Int64) {
        if wide != nil { wide!.append(step); return }
        if offsets.isEmpty { base = step }
        let (offset, overflow) = step.subtractingReportingOverflow(base)
        if !overflow, let narrow = UInt32(exactly: offset) {
            offsets.append(narrow)
        } else {
            var steps = Array(self)
            steps.append(step)
            wide = steps
            offsets = []
        }
    }

    mutating func reserveCapacity(_ n: Int) {
        if wide != nil { wide!.reserveCapacity(n) } else { offsets.reserveCapacity(n) }
    }

    mutating func removeLast(_ k: Int) {
        if wide != nil { wide!.removeLast(k) } else { offsets.removeLast(k) }
    }

    /// Gives back the room beyond the steps held (see `ScalarSeries.shrink`).
    mutating func shrink() {
        if wide != nil { wide!.shrink() } else { offsets.shrink() }
    }

    /// Bytes held for the steps (capacity included).
    var bytes: Int { wide.map { $0.capacity * 8 } ?? offsets.capacity * 4 }

    public static func == (a: Self, b: Self) -> Bool { a.elementsEqual(b) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for step in self { hasher.combine(step) }
    }
}
