/// The x of a series' points, in the order they came. Appended one at a time (a log's steps, a
/// recorded run's), integers are kept as 32-bit distances from the first while they fit (4 bytes
/// a point), else as 64-bit integers, exactly; once an x is not an integer (a learning rate, a
/// position, -0.0, NaN), every x as a 64-bit float (exact for integers up to 2^53). A column
/// made from an array (a study's curve) holds it as it is. While the column holds integers
/// only, a log's 64-bit steps read back bit for bit (`steps`).
///
/// `XColumn` and `ValueColumn` stay two types although they share their shape (a narrow form
/// while every element fits, else a wide one). For `StepColumn`, the log's step column this
/// type grew from, one generic column over a narrowing protocol produced the same output but
/// cost more instructions to read a watched log of 10^6 points (`nndash watch DIR --json`
/// under callgrind, release build: +2.0 million of 1,547 million for TensorBoard event files,
/// +0.9 million of 2,500 million for JSON lines, the same on a second run), for about forty
/// shared lines whose narrowing, equality and hashing differ; `XColumn` has a third form.
public struct XColumn: RandomAccessCollection, ExpressibleByArrayLiteral, Hashable, Sendable {
    /// How the x are held.
    @usableFromInline enum Form: Sendable {
        /// Integers as distances from `base`, in `offsets`.
        case offsets
        /// Integers too far from `base` (or below it) for `offsets`, in `integers`.
        case integers
        /// Any x, in `reals`.
        case reals
    }

    // Read by the inlinable accessors below, so that a chart's loop over a curve's x is as
    // fast as over an array.
    @usableFromInline var form = Form.offsets
    /// The first integer appended.
    @usableFromInline var base: Int64 = 0
    @usableFromInline var offsets: [UInt32] = []
    @usableFromInline var integers: [Int64] = []
    @usableFromInline var reals: [Double] = []

    public init() {}

    /// Whether every x is a whole number (infinities count, NaN does not): known at once while
    /// the column holds integers, else read from its reals.
    public var isIntegral: Bool {
        form != .reals || reals.allSatisfy { $0 == $0.rounded() }
    }

    /// Every x as an array: the one the column holds when it holds reals (not copied).
    public var array: [Double] { form == .reals ? reals : Array(self) }

    /// A column holding `reals` as they are (the array shared, not copied); an empty column
    /// takes integers compactly until a real comes.
    init(reals: [Double]) {
        guard !reals.isEmpty else { return }
        form = .reals
        self.reals = reals
    }

    public init(arrayLiteral elements: Double...) {
        for element in elements { append(element) }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int {
        switch form {
        case .offsets: offsets.count
        case .integers: integers.count
        case .reals: reals.count
        }
    }

    @inlinable @inline(__always)
    public subscript(i: Int) -> Double {
        form == .reals ? reals[i] : Double(integer(at: i))
    }

    /// The x at `i` as an integer: exact while the column holds integers only (a log's steps);
    /// a real x rounded toward zero, clamped to 64 bits (NaN as 0).
    @inlinable @inline(__always)
    public func integer(at i: Int) -> Int64 {
        switch form {
        case .offsets:
            return base &+ Int64(offsets[i])
        case .integers:
            return integers[i]
        case .reals:
            let x = reals[i]
            return x.isNaN ? 0 : x >= 0x1p63 ? .max : x <= -0x1p63 ? .min : Int64(x)
        }
    }

    /// The last x as an integer (read on every append of a log's point).
    @inline(__always)
    var lastInteger: Int64? {
        switch form {
        case .offsets: return offsets.isEmpty ? nil : base &+ Int64(offsets[offsets.count - 1])
        case .integers: return integers.last
        case .reals: return reals.isEmpty ? nil : integer(at: reals.count - 1)
        }
    }

    /// Appends `step` if it lies above the last x (a log's next step); false, and nothing
    /// appended, otherwise.
    mutating func append(ascending step: Int64) -> Bool {
        if let last = lastInteger, step <= last { return false }
        append(step: step)
        return true
    }

    /// How many of the x, ascending integers, are below `step`.
    func countBelow(_ step: Int64) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if integer(at: mid) < step { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The x as integers: a log's steps (see `integer(at:)`).
    public var steps: Steps { Steps(column: self) }

    /// A column's x as 64-bit integers (see `integer(at:)`).
    public struct Steps: RandomAccessCollection, ExpressibleByArrayLiteral, Equatable, Sendable {
        let column: XColumn

        public init(arrayLiteral elements: Int64...) {
            var column = XColumn()
            for element in elements { column.append(step: element) }
            self.column = column
        }

        init(column: XColumn) { self.column = column }

        public var startIndex: Int { 0 }
        public var endIndex: Int { column.count }
        public subscript(i: Int) -> Int64 { column.integer(at: i) }
        public var last: Int64? { column.lastInteger }

        public static func == (a: Self, b: Self) -> Bool { a.elementsEqual(b) }
    }

    mutating func append(step: Int64) {
        switch form {
        case .offsets:
            if offsets.isEmpty { base = step }
            let (offset, overflow) = step.subtractingReportingOverflow(base)
            if !overflow, let narrow = UInt32(exactly: offset) {
                offsets.append(narrow)
            } else {
                integers = Array(steps) + [step]
                offsets = []
                form = .integers
            }
        case .integers: integers.append(step)
        case .reals: reals.append(Double(step))
        }
    }

    /// Appends `x`: as an integer while it is one (and not -0.0), else as a real.
    mutating func append(_ x: Double) {
        if form != .reals, let integer = Int64(exactly: x), integer != 0 || x.sign == .plus {
            append(step: integer)
            return
        }
        if form != .reals {
            reals = map { $0 }
            offsets = []
            integers = []
            form = .reals
        }
        reals.append(x)
    }

    mutating func reserveCapacity(_ n: Int) {
        switch form {
        case .offsets: offsets.reserveCapacity(n)
        case .integers: integers.reserveCapacity(n)
        case .reals: reals.reserveCapacity(n)
        }
    }

    mutating func removeLast(_ k: Int) {
        switch form {
        case .offsets: offsets.removeLast(k)
        case .integers: integers.removeLast(k)
        case .reals: reals.removeLast(k)
        }
    }

    /// Gives back the room beyond the x held (see `Series.shrink`).
    mutating func shrink() {
        switch form {
        case .offsets: offsets.shrink()
        case .integers: integers.shrink()
        case .reals: reals.shrink()
        }
    }

    /// Bytes held for the x (capacity included).
    var bytes: Int {
        switch form {
        case .offsets: offsets.capacity * 4
        case .integers: integers.capacity * 8
        case .reals: reals.capacity * 8
        }
    }

    /// Whether the first x are `prefix`'s, bit for bit (how a chart tells a curve that grew from
    /// one replaced): a comparison of memory while both hold their x alike.
    public func hasPrefix(_ prefix: XColumn) -> Bool {
        guard prefix.count <= count else { return false }
        switch (form, prefix.form) {
        case (.offsets, .offsets): return prefix.isEmpty || (base == prefix.base && offsets.hasPrefix(prefix.offsets))
        case (.integers, .integers): return integers.hasPrefix(prefix.integers)
        case (.reals, .reals): return reals.hasPrefix(prefix.reals)
        default: break
        }
        return prefix.indices.allSatisfy { sameX(at: $0, in: prefix) }
    }

    /// Whether the x at `i` is `other`'s there: the same integer, and the same real bit for bit
    /// (any NaN the same as any other).
    private func sameX(at i: Int, in other: XColumn) -> Bool {
        integer(at: i) == other.integer(at: i)
            && (self[i].bitPattern == other[i].bitPattern || (self[i].isNaN && other[i].isNaN))
    }

    /// Equal when they hold the same x: the same integers, and the same reals bit for bit (any
    /// NaN equal to any other).
    public static func == (a: Self, b: Self) -> Bool {
        a.count == b.count && a.indices.allSatisfy { a.sameX(at: $0, in: b) }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for x in self { hasher.combine(x.isNaN ? Double.nan.bitPattern : x.bitPattern) }
    }
}
