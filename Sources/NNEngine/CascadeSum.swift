/// A float32 sum in the order PyTorch's CPU kernel adds a contiguous run of float32 values, so
/// that it rounds, and overflows, as PyTorch does.
///
/// The values are read as 8-wide vectors (PyTorch's AVX2 width, which it also uses on AVX-512
/// machines for sums), four vectors at a time into four accumulators. Those accumulators are
/// summed in a cascade of four levels (chunks of 16 or more items per level), so only partial
/// sums of a similar size are added. A sum whose partial sums reach both +inf and -inf is NaN,
/// as in PyTorch, where a double-precision sum would still be finite. This is the order of one
/// thread: PyTorch splits sums of more than 32768 values between threads.
enum CascadeSum {
    typealias Vector = SIMD8<Float>

    /// The sum of `values` in PyTorch's order.
    static func sum(_ values: UnsafeBufferPointer<Float>) -> Float {
        let n = values.count
        guard let base = values.baseAddress, n > 0 else { return 0 }
        guard n >= Vector.scalarCount else {
            // Short runs are summed one value at a time, four columns at once.
            var partial = cascade(count: n / 4) { i, k in base[i * 4 + k] }
            for i in (n / 4 * 4)..<n { partial[0] += base[i] }
            return partial[0] + partial[1] + partial[2] + partial[3]
        }
        let vectors = n / Vector.scalarCount
        func vector(_ v: Int) -> Vector {
            Vector(UnsafeBufferPointer(start: base + v * Vector.scalarCount, count: Vector.scalarCount))
        }
        var partial = cascade(count: vectors / 4) { i, k in vector(i * 4 + k) }
        for v in (vectors / 4 * 4)..<vectors { partial[0] += vector(v) }
        partial[0] += partial[1]
        partial[0] += partial[2]
        partial[0] += partial[3]
        var total: Float = 0
        for i in (vectors * Vector.scalarCount)..<n { total += base[i] }
        for lane in 0..<Vector.scalarCount { total += partial[0][lane] }
        return total
    }

    /// Four column sums over `count` rows of `item(row, column)`, accumulated in four levels:
    /// every `step` rows the lowest level is carried into the next, and so on up.
    private static func cascade<T: CascadeTerm>(count: Int, _ item: (Int, Int) -> T) -> [T] {
        let levels = 4
        let power = Swift.max(4, ceilLog2(count) / levels)
        let step = 1 << power
        let mask = step - 1
        var acc = [[T]](repeating: [T](repeating: .zero, count: 4), count: levels)
        var i = 0
        while i + step <= count {
            for _ in 0..<step {
                for k in 0..<4 { acc[0][k] = acc[0][k] + item(i, k) }
                i += 1
            }
            for j in 1..<levels {
                for k in 0..<4 {
                    acc[j][k] = acc[j][k] + acc[j - 1][k]
                    acc[j - 1][k] = .zero
                }
                if i & (mask << (j * power)) != 0 { break }
            }
        }
        while i < count {
            for k in 0..<4 { acc[0][k] = acc[0][k] + item(i, k) }
            i += 1
        }
        for j in 1..<levels {
            for k in 0..<4 { acc[0][k] = acc[0][k] + acc[j][k] }
        }
        return acc[0]
    }

    /// ceil(log2(x)), and 1 for x <= 2.
    private static func ceilLog2(_ x: Int) -> Int {
        x <= 2 ? 1 : Int.bitWidth - (x - 1).leadingZeroBitCount
    }
}

/// What `CascadeSum` adds: a float, or a vector of eight added lane by lane.
protocol CascadeTerm {
    static var zero: Self { get }
    static func + (lhs: Self, rhs: Self) -> Self
}

extension Float: CascadeTerm {}
extension SIMD8: CascadeTerm where Scalar == Float {}
