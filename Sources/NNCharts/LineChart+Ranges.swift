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
        var low = Double.infinity, high = -Double.infinity
        var values: [Double] = []
        func visit(_ envelope: SeriesEnvelope) {
            // The whole series in view: its running extremes answer without a scan.
            if !yAxis.ignoresOutliers, let all = envelope.valueRange, scale == .linear || all.lowerBound > 0,
                let first = envelope.firstPoint?.x, let last = envelope.lastPoint?.x,
                xr.contains(first), xr.contains(last)
            {
                low = min(low, all.lowerBound)
                high = max(high, all.upperBound)
                return
            }
            envelope.forEachBucket { b in
                guard b.lastX >= xr.lowerBound, b.firstX <= xr.upperBound else { return }
                if yAxis.ignoresOutliers {
                    values.append(b.min)
                    if b.count > 1 { values.append(b.max) }
                    return
                }
                if scale == .linear || b.min > 0 {
                    low = min(low, b.min)
                    high = max(high, b.max)
                } else {
                    for v in [b.first, b.last, b.max] where v > 0 {
                        low = min(low, v)
                        high = max(high, v)
                    }
                }
            }
        }
        for s in series where !s.isHidden {
            visit(s.raw)
            if let smoothed = s.smoothed { visit(smoothed) }
        }
        if yAxis.ignoresOutliers {
            return Self.withoutOutliers(values.compactMap(scale.transform)).map { scale.inverse($0.lowerBound)...scale.inverse($0.upperBound) }
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
    static func withoutOutliers(_ values: [Double]) -> ClosedRange<Double>? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let p5 = percentile(sorted, 0.05), p95 = percentile(sorted, 0.95)
        let spread = p95 - p5
        let fence = (p5 - spread)...(p95 + spread)
        guard let low = sorted.first(where: fence.contains), let high = sorted.last(where: fence.contains) else {
            return p5...p95
        }
        return low...high
    }

    /// The `q` quantile of sorted `values`, interpolating linearly (NumPy's default).
    private static func percentile(_ values: [Double], _ q: Double) -> Double {
        let position = q * Double(values.count - 1)
        let i = Int(position)
        let fraction = position - Double(i)
        return i + 1 < values.count ? values[i] + fraction * (values[i + 1] - values[i]) : values[i]
    }
}
