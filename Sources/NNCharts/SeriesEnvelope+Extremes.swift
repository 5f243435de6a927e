/// The values a chart's y range is fitted to, gathered in plain loops: a chart of a thousand
/// runs visits two million buckets a frame.
extension SeriesEnvelope {
    /// Appends, on `scale`, the lowest value of each bucket reaching into `x`, and its highest
    /// when it holds more than one point; values the scale cannot show are left out.
    func appendExtremes(x: ClosedRange<Double>, scale: Scale, to values: inout [Double]) {
        for bucket in full { Self.appendExtremes(of: bucket, x: x, scale: scale, to: &values) }
        if let open { Self.appendExtremes(of: open, x: x, scale: scale, to: &values) }
    }

    @inline(__always)
    private static func appendExtremes(of b: Bucket, x: ClosedRange<Double>, scale: Scale, to values: inout [Double]) {
        guard b.lastX >= x.lowerBound, b.firstX <= x.upperBound else { return }
        if let v = scale.transform(b.min) { values.append(v) }
        if b.count > 1, let v = scale.transform(b.max) { values.append(v) }
    }

    /// Widens `low...high` to the values drawn where `x` lies (positive ones only on a log
    /// scale): to the running extremes when every point lies in `x`, else bucket by bucket.
    func widen(_ low: inout Double, _ high: inout Double, x: ClosedRange<Double>, scale: Scale) {
        if let all = valueRange, scale == .linear || all.lowerBound > 0, let first = firstPoint?.x,
            let last = lastPoint?.x, x.contains(first), x.contains(last)
        {
            low = min(low, all.lowerBound)
            high = max(high, all.upperBound)
            return
        }
        for bucket in full { Self.widen(&low, &high, with: bucket, x: x, scale: scale) }
        if let open { Self.widen(&low, &high, with: open, x: x, scale: scale) }
    }

    @inline(__always)
    private static func widen(_ low: inout Double, _ high: inout Double, with b: Bucket, x: ClosedRange<Double>,
                              scale: Scale) {
        guard b.lastX >= x.lowerBound, b.firstX <= x.upperBound else { return }
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
