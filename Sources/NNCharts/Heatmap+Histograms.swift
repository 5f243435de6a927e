/// Distributions changing over time (weights, gradients, activations) as a heatmap.
extension Heatmap {
    /// One column a snapshot (oldest on the left), one row a bin (largest values on top),
    /// the colour the bin's count.
    /// - Parameters:
    ///   - snapshots: the values recorded at each step.
    ///   - steps: the steps of the first and last snapshot, for the x axis.
    ///   - bins: rows of the map.
    ///   - range: the binned span; nil fits every snapshot's finite values.
    public static func histograms(
        title: String = "", snapshots: [[Double]], steps: ClosedRange<Double>? = nil, bins: Int = 32,
        range: ClosedRange<Double>? = nil, colorMode: ColorMode = .palette256, marker: Marker = .braille
    ) -> Heatmap {
        var span = range
        if span == nil {
            let finite = snapshots.joined().filter(\.isFinite)
            if let low = finite.min(), let high = finite.max() {
                span = AxisRange.nonEmpty(low, high, pad: max(0.5, abs(low) * 0.1))
            }
        }
        var grid = Array(repeating: Array(repeating: 0.0, count: snapshots.count), count: max(1, bins))
        if let span {
            for (column, snapshot) in snapshots.enumerated() {
                let counts = Histogram.counts(snapshot, bins: max(1, bins), range: span)
                for (bin, count) in counts.enumerated() { grid[grid.count - 1 - bin][column] = Double(count) }
            }
        }
        return Heatmap(title: title, values: grid, xRange: steps, yRange: span, colorMode: colorMode, marker: marker)
    }
}
