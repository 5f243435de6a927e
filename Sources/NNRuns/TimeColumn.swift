/// The wall times of a series (seconds since 1970), each kept as a 32-bit float of seconds from
/// the first: exact to a few milliseconds over a day, to a second over 4 years.
public struct TimeColumn: RandomAccessCollection, ExpressibleByArrayLiteral, Hashable, Sendable {
    /// The first wall time appended.
    private var base = 0.0
    private var offsets: [Float] = []

    public init() {}

    public init(arrayLiteral elements: Double...) {
        for element in elements { append(element) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { offsets.count }

    public subscript(i: Int) -> Double { base + Double(offsets[i]) }

    mutating func append(_ time: Double) {
        if offsets.isEmpty { base = time.isFinite ? time : 0 }
        offsets.append(Float(time - base))
    }

    mutating func reserveCapacity(_ n: Int) { offsets.reserveCapacity(n) }

    mutating func removeLast(_ k: Int) { offsets.removeLast(k) }

    /// Gives back the room beyond the times held (see `Series.shrink`).
    mutating func shrink() { offsets.shrink() }

    /// Bytes held for the times (capacity included).
    var bytes: Int { offsets.capacity * 4 }

    public static func == (a: Self, b: Self) -> Bool { a.elementsEqual(b) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for time in self { hasher.combine(time) }
    }
}
