/// Summary of one curve kept as points arrive: newest value, extremes, and where the
/// minimum was reached.
struct CurveStats: Equatable, Sendable {
    var count = 0
    var lastStep: Int64?
    var last: Double?
    var min: Double?
    var minStep: Int64?
    var max: Double?

    /// Takes one point; non-finite values count as the newest but not as extremes.
    mutating func add(step: Int64, value: Double) {
        count += 1
        lastStep = step
        last = value
        guard value.isFinite else { return }
        if min.map({ value < $0 }) ?? true {
            min = value
            minStep = step
        }
        if max.map({ value > $0 }) ?? true { max = value }
    }
}
