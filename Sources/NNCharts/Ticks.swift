import Foundation
import NNText

/// Tick values for an axis and their labels.
public struct Ticks: Hashable, Sendable {
    public var values: [Double]
    public var labels: [String]

    public init(values: [Double], labels: [String]) {
        self.values = values
        self.labels = labels
    }

    /// Nice ticks covering `lower...upper`, about `count` of them (extended Wilkinson).
    ///
    /// Talbot, Lin and Hanrahan, "An Extension of Wilkinson's Algorithm for Positioning Tick
    /// Labels on Axes", IEEE InfoVis 2010: searches steps q·10^z (q from 1, 5, 2, 2.5, 4, 3),
    /// skipping j, scoring simplicity, coverage and density, pruning by upper bounds.
    /// Returned ticks may lie slightly outside the range (the caller decides whether to
    /// widen the axis to them). Labels share one number format and are distinct.
    public static func linear(lower: Double, upper: Double, count: Int) -> Ticks {
        guard lower.isFinite, upper.isFinite else { return Ticks(values: [], labels: []) }
        guard upper > lower else {
            return Ticks(values: [lower], labels: NumberFormat.labels([lower], step: 0))
        }
        // Far from 1 (subnormal or near Double's largest), the search's squares and powers
        // of ten would leave Double's range: search on values brought near 1 by a power of
        // ten, then bring the ticks back (rounding may merge neighbours among subnormals).
        let exponent = Int(floor(log10(max(abs(lower), abs(upper)))))
        if abs(exponent) > 100 {
            let near = linear(lower: NumberFormat.timesPowerOfTen(lower, -exponent),
                              upper: NumberFormat.timesPowerOfTen(upper, -exponent), count: count)
            var values: [Double] = []
            for (v, label) in zip(near.values, near.labels) {
                // The nice decimal read back: the Double nearest it, which its label names exactly.
                let back = Double(label + "e\(exponent)") ?? NumberFormat.timesPowerOfTen(v, exponent)
                if back.isFinite, values.last.map({ back > $0 }) ?? true { values.append(back) }
            }
            return Ticks(values: values, labels: values.map(NumberFormat.roundTrip))
        }
        // Spans too narrow to tell apart from rounding: the ends, with the digits to tell them apart.
        let span = upper - lower
        guard span > max(abs(lower), abs(upper)) * 1e-12 else {
            let ends = [lower, upper]
            return Ticks(values: ends, labels: NumberFormat.distinct(ends))
        }
        let (first, step, n) = wilkinson(lower: lower, upper: upper, m: max(2, count))
        let values = (0..<n).map { i -> Double in
            let v = first + Double(i) * step
            return abs(v) < step * 1e-9 ? 0 : v
        }
        return Ticks(values: values, labels: NumberFormat.labels(values, step: step))
    }

    /// Ticks for a log10 axis over `lower...upper` (both positive): powers of ten, every
    /// k-th decade when there are too many, with 2 and 5 multiples when there are too few.
    public static func logarithmic(lower: Double, upper: Double, count: Int) -> Ticks {
        guard lower > 0, upper > lower, lower.isFinite, upper.isFinite else {
            return linear(lower: lower, upper: upper, count: count)
        }
        let m = max(2, count)
        let a = log10(lower), b = log10(upper)
        let eps = 1e-9
        let firstDecade = Int(ceil(a - eps)), lastDecade = Int(floor(b + eps))
        let decades = lastDecade >= firstDecade ? lastDecade - firstDecade + 1 : 0
        var values: [Double] = []
        if decades >= 2 {
            let stride = max(1, Int(ceil(Double(decades) / Double(m))))
            // Anchor the stride at a multiple so the labels are regular (1e-6, 1e-4, 1e-2).
            var e = Int(ceil(Double(firstDecade) / Double(stride))) * stride
            if e > lastDecade { e = firstDecade }
            while e <= lastDecade {
                values.append(pow(10, Double(e)))
                e += stride
            }
            if values.count < 2 { values = [pow(10, Double(firstDecade)), pow(10, Double(lastDecade))] }
        }
        if values.count < 2 || decades < 3 {
            var multiples: [Double] = []
            for e in (Int(floor(a)) - 1)...(Int(ceil(b)) + 1) {
                for q in [1.0, 2.0, 5.0] {
                    let v = q * pow(10, Double(e))
                    if v >= lower * (1 - eps) && v <= upper * (1 + eps) { multiples.append(v) }
                }
            }
            if multiples.count > values.count && multiples.count <= m + 1 { values = multiples }
        }
        if values.count < 2 {
            // Less than a factor of a few: nice linear values, placed on the log scale.
            let ticks = linear(lower: lower, upper: upper, count: m)
            let inside = ticks.values.indices.filter {
                ticks.values[$0] >= lower * (1 - eps) && ticks.values[$0] <= upper * (1 + eps)
                    && ticks.values[$0] > 0
            }
            return Ticks(values: inside.map { ticks.values[$0] }, labels: inside.map { ticks.labels[$0] })
        }
        return Ticks(values: values, labels: values.map { NumberFormat.short($0) })
    }

    /// The ticks for `scale`.
    public static func make(scale: Scale, lower: Double, upper: Double, count: Int) -> Ticks {
        switch scale {
        case .linear: linear(lower: lower, upper: upper, count: count)
        case .log10: logarithmic(lower: lower, upper: upper, count: count)
        }
    }

    /// The same ticks labelled as percentages of their values (0.25 as `25%`).
    public var percent: Ticks {
        let hundreds = values.map { $0 * 100 }
        let step = zip(hundreds, hundreds.dropFirst()).map { $1 - $0 }.min() ?? 0
        let labels = NumberFormat.labels(hundreds, step: step.isFinite ? step : 0).map { $0 + "%" }
        return Ticks(values: values, labels: Set(labels).count == labels.count ? labels
                     : NumberFormat.distinct(hundreds).map { $0 + "%" })
    }

    /// Only the ticks at whole numbers (for an axis of steps), labelled as whole numbers.
    public var wholeNumbers: Ticks {
        // A tick a step of 0.05 put at 20.000000000000004 is the step 20.
        let kept = values.filter { Swift.abs($0 - $0.rounded()) <= 1e-9 * Swift.max(1, Swift.abs($0)) }.map { $0.rounded() }
        return Ticks(values: kept, labels: kept.map { Swift.abs($0) < 1e15 ? String(Int64($0)) : NumberFormat.short($0) })
    }

    /// The ticks that lie in `lower...upper` (with a small tolerance).
    public func within(lower: Double, upper: Double) -> Ticks {
        let tolerance = upper * 1e-9 - lower * 1e-9
        let kept = values.indices.filter {
            values[$0] >= lower - tolerance && values[$0] <= upper + tolerance
        }
        return Ticks(values: kept.map { values[$0] }, labels: kept.map { labels[$0] })
    }

    // MARK: Extended Wilkinson

    private static let niceSteps: [Double] = [1, 5, 2, 2.5, 4, 3]
    private static let weights = (simplicity: 0.25, coverage: 0.2, density: 0.5, legibility: 0.05)

    /// Returns the first tick, the step and the tick count of the best labelling.
    private static func wilkinson(lower dmin: Double, upper dmax: Double, m: Int)
        -> (first: Double, step: Double, count: Int)
    {
        let w = weights
        let qs = niceSteps
        var best: (first: Double, step: Double, count: Int) = (dmin, dmax - dmin, 2)
        var bestScore = -2.0

        func simplicity(_ i: Int, _ j: Int, _ lmin: Double, _ lmax: Double, _ step: Double) -> Double {
            let n = Double(qs.count)
            let remainder = lmin.truncatingRemainder(dividingBy: step)
            let eps = 1e-10
            let hasZero = (abs(remainder) < eps || step - abs(remainder) < eps) && lmin <= 0 && lmax >= 0
            return 1 - Double(i) / (n - 1) - Double(j) + (hasZero ? 1 : 0)
        }
        func coverage(_ lmin: Double, _ lmax: Double) -> Double {
            let range = dmax - dmin
            return 1 - 0.5 * (pow(dmax - lmax, 2) + pow(dmin - lmin, 2)) / pow(0.1 * range, 2)
        }
        func coverageMax(_ span: Double) -> Double {
            let range = dmax - dmin
            guard span > range else { return 1 }
            let half = (span - range) / 2
            return 1 - pow(half, 2) / pow(0.1 * range, 2)
        }
        func density(_ k: Int, _ lmin: Double, _ lmax: Double) -> Double {
            let r = Double(k - 1) / (lmax - lmin)
            let rt = Double(m - 1) / (max(lmax, dmax) - min(dmin, lmin))
            return 2 - max(r / rt, rt / r)
        }
        func densityMax(_ k: Int) -> Double {
            k >= m ? 2 - Double(k - 1) / Double(m - 1) : 1
        }

        var j = 1
        search: while j <= 8 {
            for (i, q) in qs.enumerated() {
                let sm = 1 - Double(i) / Double(qs.count - 1) - Double(j) + 1
                if w.simplicity * sm + w.coverage + w.density + w.legibility < bestScore { break search }
                var k = 2
                while k <= 4 * m + 8 {
                    let dm = densityMax(k)
                    if w.simplicity * sm + w.coverage + w.density * dm + w.legibility < bestScore { break }
                    let delta = (dmax - dmin) / Double(k + 1) / Double(j) / q
                    var z = Int(ceil(log10(delta)))
                    while z < 400 {
                        let step = Double(j) * q * pow(10, Double(z))
                        let cm = coverageMax(step * Double(k - 1))
                        if w.simplicity * sm + w.coverage * cm + w.density * dm + w.legibility < bestScore {
                            break
                        }
                        let minStart = Int((floor(dmax / step) * Double(j)).clamped) - (k - 1) * j
                        let maxStart = Int((ceil(dmin / step) * Double(j)).clamped)
                        if minStart <= maxStart && maxStart - minStart < 10_000 {
                            for start in minStart...maxStart {
                                let lmin = Double(start) * (step / Double(j))
                                let lmax = lmin + step * Double(k - 1)
                                let s = simplicity(i, j, lmin, lmax, step)
                                let c = coverage(lmin, lmax)
                                let g = density(k, lmin, lmax)
                                let score = w.simplicity * s + w.coverage * c + w.density * g + w.legibility
                                if score > bestScore {
                                    bestScore = score
                                    best = (lmin, step, k)
                                }
                            }
                        }
                        z += 1
                    }
                    k += 1
                }
            }
            j += 1
        }
        return best
    }
}

extension Double {
    /// The value limited to what an `Int` holds.
    fileprivate var clamped: Double { Swift.min(Swift.max(self, -1e15), 1e15) }
}
