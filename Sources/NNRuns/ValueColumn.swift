/// The values of a series in the precision they were stored in: 32-bit floats while every value
/// is one (TensorBoard's `simple_value`), else 64-bit. It stays apart from `XColumn`, which
/// says why.
public struct ValueColumn: RandomAccessCollection, ExpressibleByArrayLiteral, Hashable, Sendable {
    // Read by the inlinable accessors below (see `XColumn`).
    @usableFromInline var narrow: [Float] = []
    /// The values, once one is not exactly a 32-bit float.
    @usableFromInline var wide: [Double]?

    public init() {}

    /// Every value as an array: the one the column holds when it holds 64-bit values (not
    /// copied).
    public var array: [Double] { wide ?? Array(self) }

    /// A column holding `values` as they are (the array shared, not copied); an empty column
    /// takes floats compactly until a value that is none comes.
    init(wide values: [Double]) {
        if !values.isEmpty { wide = values }
    }

    public init(arrayLiteral elements: Double...) {
        for element in elements { append(element) }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { wide?.count ?? narrow.count }

    @inlinable
    public subscript(i: Int) -> Double {
        if let wide { return wide[i] }
        return Double(narrow[i])
    }

    mutating func append(_ value: Double) {
        if wide != nil { wide!.append(value); return }
        let float = Float(value)
        if Double(float).bitPattern == value.bitPattern || value.isNaN {
            narrow.append(float)
        } else {
            var values = Array(self)
            values.append(value)
            wide = values
            narrow = []
        }
    }

    mutating func reserveCapacity(_ n: Int) {
        if wide != nil { wide!.reserveCapacity(n) } else { narrow.reserveCapacity(n) }
    }

    mutating func removeLast(_ k: Int) {
        if wide != nil { wide!.removeLast(k) } else { narrow.removeLast(k) }
    }

    /// Gives back the room beyond the values held (see `Series.shrink`).
    mutating func shrink() {
        if wide != nil { wide!.shrink() } else { narrow.shrink() }
    }

    /// Bytes held for the values (capacity included).
    var bytes: Int { wide.map { $0.capacity * 8 } ?? narrow.capacity * 4 }

    /// Whether the first values are `prefix`'s, bit for bit (see `XColumn.hasPrefix`).
    public func hasPrefix(_ prefix: ValueColumn) -> Bool {
        guard prefix.count <= count else { return false }
        switch (wide, prefix.wide) {
        case (nil, nil): return narrow.hasPrefix(prefix.narrow)
        case let (wide?, other?): return wide.hasPrefix(other)
        default: return prefix.indices.allSatisfy { self[$0].bitPattern == prefix[$0].bitPattern }
        }
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for value in self { hasher.combine(value.isNaN ? Double.nan.bitPattern : value.bitPattern) }
    }
}
