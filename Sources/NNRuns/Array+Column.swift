import Foundation

/// What the columns of a series (`XColumn`, `ValueColumn`, `TimeColumn`) do with their arrays.
extension Array where Element: BitwiseCopyable {
    /// Copies the elements to a buffer of their size when more than an eighth of the capacity
    /// is unused (`Array(array)` would share the buffer, and arrays never shrink themselves).
    mutating func shrink() {
        guard capacity - count > count / 8 + 16 else { return }
        self = withUnsafeBufferPointer { Array($0) }
    }

    /// Whether the first elements hold the same bytes as `prefix`: a comparison of memory.
    func hasPrefix(_ prefix: [Element]) -> Bool {
        guard prefix.count <= count else { return false }
        return prefix.withUnsafeBytes { a in
            withUnsafeBytes { b in
                a.baseAddress == b.baseAddress || a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
            }
        }
    }
}
