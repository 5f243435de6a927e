/// Data ranges of a line chart's axes.
extension LineChart {
    /// The span of `x` over all series (positive `x` only on a log axis), or nil.
    public var xDataRange: ClosedRange<Double>? {
        var low = Double.infinity, high = -Double.infinity
        let scale = xAxis.scale
        for s in series where !s.isHidden {
            if let last = s.raw.lastPoint?.x, scale.transform(last) != nil { high = max(high, last) }
            if let d = s.divergence, scale.transform(d.x) != nil { high = max(high, d.x) }
            if let first = s.raw.firstPoint?.x {
                if scale.transform(first) != nil {
                    low = min(low, first)
                } else {
                    s.raw.forEachBucket { b in
                        if scale.transform(b.lastX) != nil { low = min(low, b.lastX) }
                    }
                }
            }
            if let d = s.divergence, scale.transform(d.x) != nil { low = min(low, d.x) }
            for envelope in s.marks.values {
                for x in [envelope.firstPoint?.x, envelope.lastPoint?.x] {
                    guard let x, scale.transform(x) != nil else { continue }
                    low = min(low, x)
                    high = max(high, x)
                }
            }
        }
        return low <= high ? low...high : nil
    }

    /// The x values shown: the axis's range (its limits, else the data's), narrowed to `xWindow`.
    public var shownXRange: ClosedRange<Double>? {
        shownRange(xAxis, data: xDataRange).map { xWindow.limits(of: $0, scale: xAxis.scale) }
    }

    /// The span of the values drawn where `x` lies in the shown x range (without the
    /// outliers when the y axis ignores them), or nil.
    public var yDataRange: ClosedRange<Double>? {
        guard let xr = shownXRange else { return nil }
        return yDataRange(x: xr)
    }

    func yDataRange(x xr: ClosedRange<Double>) -> ClosedRange<Double>? {
        let scale = yAxis.scale
        if yAxis.ignoresOutliers {
            // Every bucket's extremes at once (room made first, rather than growing by
            // copies), on the axis's scale.
            var values: [Double] = []
            values.reserveCapacity(series.reduce(0) { total, s in
                s.isHidden ? total : total + 2 * (s.raw.bucketCount + (s.smoothed?.bucketCount ?? 0))
            })
            for s in series where !s.isHidden {
                s.raw.appendExtremes(x: xr, scale: scale, to: &values)
                s.smoothed?.appendExtremes(x: xr, scale: scale, to: &values)
            }
            return Self.withoutOutliers(&values).map { scale.inverse($0.lowerBound)...scale.inverse($0.upperBound) }
        }
        var low = Double.infinity, high = -Double.infinity
        for s in series where !s.isHidden {
            s.raw.widen(&low, &high, x: xr, scale: scale)
            s.smoothed?.widen(&low, &high, x: xr, scale: scale)
        }
        return low <= high ? low...high : nil
    }

    /// The range an axis shows: its limits where set, the data elsewhere, widened when
    /// empty; nil without data or with unusable limits.
    func shownRange(_ axis: Axis, data: ClosedRange<Double>?) -> ClosedRange<Double>? {
        guard var low = axis.lowerLimit ?? data?.lowerBound,
            var high = axis.upperLimit ?? data?.upperBound
        else { return nil }
        guard low.isFinite, high.isFinite else { return nil }
        if axis.scale == .log10 {
            guard low > 0 || high > 0 else { return nil }
            if low <= 0 { low = max(high / 10, .leastNonzeroMagnitude) }
            if high <= low {
                // Half a decade each side, within the positive finite numbers.
                (low, high) = (max(low / 3.1622776601683795, .leastNonzeroMagnitude),
                               min(low * 3.1622776601683795, .greatestFiniteMagnitude))
            }
        } else if high <= low {
            // A tenth of the value each side (half a unit around 0), at least one step of
            // the number line, and within the finite numbers.
            let widened = AxisRange.nonEmpty(low, high, pad: low == 0 ? 0.5 : abs(low) * 0.1)
            (low, high) = (widened.lowerBound, widened.upperBound)
        }
        return low < high ? low...high : nil
    }

    /// The span of `values` (on the axis's scale) without its outliers: the values within the
    /// 5th to 95th percentile widened by that distance on each side. TensorBoard fits the
    /// percentiles alone, which cuts off the first steps of an ordinary loss curve; the fence
    /// keeps a whole curve while a spike, or a series that diverged, lies far outside it.
    ///
    /// The percentiles are found by selection, not by sorting: a chart of a thousand runs
    /// holds two million bucket extremes, and this runs every frame. It reorders `values` in
    /// place rather than copy them.
    static func withoutOutliers(_ values: inout [Double]) -> ClosedRange<Double>? {
        guard !values.isEmpty else { return nil }
        let p5 = percentile(&values, 0.05, from: 0)
        let p95 = percentile(&values, 0.95, from: Int(0.05 * Double(values.count - 1)) + 1)
        let spread = p95 - p5
        let fence = (p5 - spread)...(p95 + spread)
        var low = Double.infinity, high = -Double.infinity
        for v in values where fence.contains(v) {
            low = min(low, v)
            high = max(high, v)
        }
        return low <= high ? low...high : p5...p95
    }

    /// The `q` quantile of `values`, interpolating linearly (NumPy's default), as if they were
    /// sorted. Reorders `values` from `start` on, every value before `start` being no greater
    /// than any after, and `start` not past the quantile's position unless that already holds
    /// its value.
    private static func percentile(_ values: inout [Double], _ q: Double, from start: Int) -> Double {
        let position = q * Double(values.count - 1)
        let i = Int(position)
        let fraction = position - Double(i)
        select(&values, i, in: start..<values.count)
        guard i + 1 < values.count else { return values[i] }
        // The next value in sorted order: the least of those after the i-th.
        var next = values[i + 1]
        for v in values[(i + 1)...] where v < next { next = v }
        return values[i] + fraction * (next - values[i])
    }

    /// Reorders `values[range]` so that `values[k]` holds the value sorting puts there, none
    /// before it greater and none after it less (Hoare's selection, median-of-three pivots;
    /// it falls back to sorting the part left should the pivots keep choosing badly).
    static func select(_ values: inout [Double], _ k: Int, in range: Range<Int>) {
        var low = range.lowerBound, high = range.upperBound - 1
        var budget = 2 * (Int.bitWidth - range.count.leadingZeroBitCount) + 8
        while high > low {
            if budget == 0 {
                values[low...high].sort()
                return
            }
            budget -= 1
            let mid = low + (high - low) / 2
            if values[mid] < values[low] { values.swapAt(mid, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[mid] { values.swapAt(high, mid) }
            let pivot = values[mid]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while pivot < values[j] { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now values[low...j] <= pivot <= values[i...high], and j < i.
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return
            }
        }
    }
}
