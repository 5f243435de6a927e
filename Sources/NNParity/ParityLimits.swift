/// Bounds on what a reference file may ask of the engine. Reference files are hostile input:
/// every count, shape and number read from one is checked against these before it sizes an
/// allocation or a loop, and a case outside them is malformed, with the value named.
public enum ParityLimits {
    /// The most elements of one tensor of a case, and of a layer's output (PyTorch's reference
    /// set has a few thousand).
    public static let maximumElements = 1 << 22
    /// The most steps a case may run: iterations, epochs, optimizer and scheduler steps, and
    /// the product of the runs and steps of a sweep.
    public static let maximumSteps = 1 << 20
    /// The range of integer parameters: dims, kernel sizes, strides, paddings, dilations,
    /// groups, class indices, targets and lengths. Also where float32 still holds every integer.
    public static let integers = -(1 << 24)...(1 << 24)

    /// The number of elements of `shape`, nil when a dimension is negative or the product
    /// (computed without overflow) is over `maximumElements`.
    public static func elementCount(_ shape: [Int]) -> Int? {
        var count = 1
        for size in shape {
            guard size >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow, product <= maximumElements else { return nil }
            count = product
        }
        return count
    }

    /// `value` as an integer in `range` (the integer range by default), nil when it is not an
    /// integer (NaN, infinite, fractional) or lies outside.
    static func integer(_ value: Double, in range: ClosedRange<Int> = integers) -> Int? {
        guard value.rounded() == value, value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            return nil
        }
        return Int(value)
    }
}
