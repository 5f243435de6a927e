import Foundation

/// TensorBoard's debiased exponential moving average, fed one value at a time.
///
/// `last = last·w + (1−w)·value` starting from 0, divided by `1 − w^n` after n finite
/// values (the bias correction of Kingma and Ba, "Adam", ICLR 2015, §3; the form is
/// TensorBoard's scalar-chart smoothing). Non-finite values pass through unchanged and do
/// not advance the average. While every value so far equals the first, the output is that
/// value. A weight outside 0...1 is clamped to it, and a non-finite weight counts as 0.
/// Each output equals TensorBoard's last value for the series seen so far; `smooth` gives
/// TensorBoard's values for a whole series.
public struct ExponentialMovingAverage: Hashable, Sendable {
    public let weight: Double
    private var last = 0.0
    private var finiteCount = 0
    private var firstValue: Double?
    private var varying = false

    public init(weight: Double) {
        self.weight = weight.isFinite ? min(1, max(0, weight)) : 0
    }

    /// The smoothed value after `value`.
    public mutating func next(_ value: Double) -> Double {
        if !varying {
            if let firstValue {
                varying = !(firstValue == value)
            } else {
                firstValue = value
            }
        }
        guard value.isFinite else { return value }
        last = last * weight + (1 - weight) * value
        finiteCount += 1
        guard varying else { return value }
        let debias = weight == 1 ? 1 : 1 - pow(weight, Double(finiteCount))
        return last / debias
    }

    /// `values` smoothed, exactly as TensorBoard draws them with smoothing `weight`
    /// (a series whose values all equal the first is returned as it is).
    public static func smooth(_ values: [Double], weight: Double) -> [Double] {
        if let first = values.first, values.allSatisfy({ $0 == first }) { return values }
        var average = ExponentialMovingAverage(weight: weight)
        average.varying = true
        return values.map { average.next($0) }
    }
}
