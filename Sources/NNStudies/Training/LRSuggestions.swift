import Foundation

/// Learning rates suggested from a range test's loss curve, by fastai's and Lightning's rules.
///
/// The curve is the smoothed loss against a learning rate that grows exponentially each
/// iteration (Smith, "Cyclical Learning Rates for Training Neural Networks", WACV 2017).
public enum LRSuggestions {
    /// One suggestion: the learning rate, and the point of the curve it marks.
    public struct Suggestion: Equatable, Sendable {
        public var name: String
        public var lr: Double
        public var pointLR: Double
        public var pointLoss: Double

        /// What the suggestion is, in words: which point of the curve it marks and how the lr follows from it.
        public var rule: String {
            switch name {
            case "valley": "half way down the longest fall"
            case "slide": "where the loss's slope settles, sliding in from the right"
            case "minimum": "a tenth of the lr at the lowest loss"
            case "steep": "where the loss falls fastest"
            case "lightning": "the steepest fall, past the first 10 points"
            default: name
            }
        }
    }

    /// fastai's `valley`: the longest decreasing subsequence of the losses ("the longest
    /// valley"), and the point about half way along it, as fastai computes it:
    /// start + ⌊len/3⌋ + ⌊len/6⌋.
    public static func valley(lrs: [Double], losses: [Double]) -> Suggestion? {
        let n = losses.count
        guard n > 0, lrs.count == n else { return nil }
        var lengths = [Int](repeating: 1, count: n)
        var (start, end) = (0, 0)
        for i in 1..<Swift.max(n, 1) {
            for j in 0..<i {
                if losses[i] < losses[j] && lengths[i] < lengths[j] + 1 { lengths[i] = lengths[j] + 1 }
                if lengths[end] < lengths[i] {
                    end = i
                    start = end - lengths[end]
                }
            }
        }
        let sections = Double(end - start) / 3
        let index = Swift.min(Swift.max(start + Int(sections) + Int(sections / 2), 0), n - 1)
        return Suggestion(name: "valley", lr: lrs[index], pointLR: lrs[index], pointLoss: losses[index])
    }

    /// fastai's `slide`: from the right end, slide a window of `lrDiff` points left while the
    /// loss gradients at its two ends differ by more than `threshold`; suggest its left end.
    public static func slide(lrs: [Double], losses: [Double], lrDiff: Int = 15, threshold: Double = 0.005,
                             adjustValue: Double = 1) -> Suggestion? {
        let n = losses.count
        guard n > lrDiff, lrs.count == n else { return nil }
        let gradient = numericGradient(losses)
        var (right, left) = (n - 1, n - 1 - lrDiff)
        var localMinimum = lrs[left]
        while left >= 0 && abs(gradient[right] - gradient[left]) > threshold {
            localMinimum = lrs[left]
            right -= 1
            left -= 1
        }
        let lr = localMinimum * adjustValue
        return Suggestion(name: "slide", lr: lr, pointLR: lr,
                          pointLoss: interpolate(log10(lr), xs: lrs.map(log10), ys: losses))
    }

    /// fastai's `minimum`: a tenth of the learning rate at the lowest loss.
    public static func minimum(lrs: [Double], losses: [Double]) -> Suggestion? {
        guard let index = losses.indices.min(by: { losses[$0] < losses[$1] }), lrs.count == losses.count else { return nil }
        return Suggestion(name: "minimum", lr: lrs[index] / 10, pointLR: lrs[index], pointLoss: losses[index])
    }

    /// fastai's `steep`: where the loss falls fastest per unit of log learning rate.
    public static func steep(lrs: [Double], losses: [Double]) -> Suggestion? {
        guard losses.count >= 2, lrs.count == losses.count else { return nil }
        let slopes = (0..<(losses.count - 1)).map { i -> Double in
            let rise: Double = losses[i + 1] - losses[i]
            let run: Double = log(lrs[i + 1]) - log(lrs[i])
            return rise / run
        }
        guard let index = slopes.indices.min(by: { slopes[$0] < slopes[$1] }) else { return nil }
        return Suggestion(name: "steep", lr: lrs[index], pointLR: lrs[index], pointLoss: losses[index])
    }

    /// Lightning's `suggestion()`: skip `skipBegin` and `skipEnd` points, drop non-finite
    /// losses, and take the steepest negative gradient (unit spacing) of what remains.
    public static func lightning(lrs: [Double], losses: [Double], skipBegin: Int = 10, skipEnd: Int = 1) -> Suggestion? {
        guard losses.count > skipBegin + skipEnd, lrs.count == losses.count else { return nil }
        let kept = losses[skipBegin..<(losses.count - skipEnd)].filter(\.isFinite)
        guard kept.count >= 2 else { return nil }
        let gradient = numericGradient(Array(kept))
        guard let minimum = gradient.indices.min(by: { gradient[$0] < gradient[$1] }) else { return nil }
        let index = minimum + skipBegin
        return Suggestion(name: "lightning", lr: lrs[index], pointLR: lrs[index], pointLoss: losses[index])
    }

    /// fastai's four suggestions on the curve as `lr_find` trims it: without the first tenth
    /// of `numIter` and the last 5 points.
    public static func fastai(lrs: [Double], losses: [Double], numIter: Int) -> [Suggestion] {
        let start = numIter / 10, end = losses.count - 5
        guard end > start else { return [] }
        let (l, y) = (Array(lrs[start..<end]), Array(losses[start..<end]))
        return [valley(lrs: l, losses: y), slide(lrs: l, losses: y), minimum(lrs: l, losses: y), steep(lrs: l, losses: y)]
            .compactMap { $0 }
    }

    /// NumPy's `gradient` with unit spacing: central differences inside, one-sided at the ends.
    static func numericGradient(_ y: [Double]) -> [Double] {
        let n = y.count
        guard n >= 2 else { return [Double](repeating: 0, count: n) }
        return (0..<n).map { i in
            if i == 0 { return y[1] - y[0] }
            if i == n - 1 { return y[n - 1] - y[n - 2] }
            return (y[i + 1] - y[i - 1]) / 2
        }
    }

    /// NumPy's `interp`: linear interpolation in increasing `xs`, clamped at the ends.
    static func interpolate(_ x: Double, xs: [Double], ys: [Double]) -> Double {
        guard let first = xs.first, let last = xs.last else { return .nan }
        if x <= first { return ys[0] }
        if x >= last { return ys[ys.count - 1] }
        let i = xs.firstIndex { $0 >= x } ?? xs.count - 1
        let t = (x - xs[i - 1]) / (xs[i] - xs[i - 1])
        return ys[i - 1] + t * (ys[i] - ys[i - 1])
    }
}
