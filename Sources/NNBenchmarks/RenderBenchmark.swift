import NNCharts
import NNStudies

/// The render workload `nndash bench` times: four line-chart panels of ten series of
/// 100,000 points each, drawn into a 200x50 buffer.
///
/// The data are built once in `init` (they stream into the series' envelopes as they would
/// during training); `frame()` is one full redraw, the cost a live dashboard pays per frame.
public struct RenderBenchmark: Sendable {
    let width: Int
    let height: Int
    private(set) var panels: [LineChart]

    /// - Parameters:
    ///   - panels: charts in a 2x2 grid (4).
    ///   - seriesPerPanel: series in each chart (10).
    ///   - pointsPerSeries: points each series streams (100,000).
    ///   - width: buffer columns (200).
    ///   - height: buffer rows (50).
    public init(
        panels: Int = 4, seriesPerPanel: Int = 10, pointsPerSeries: Int = 100_000,
        width: Int = 200, height: Int = 50
    ) {
        self.width = width
        self.height = height
        var random = SplitMix64(seed: 42)
        self.panels = (0..<panels).map { p in
            let series = (0..<seriesPerPanel).map { s -> LineSeries in
                var line = LineSeries(name: "run \(s)", smoothing: s == 0 ? 0.9 : nil)
                let rate = 1.0 + Double(s) * 0.3
                var value = 0.0
                for i in 0..<pointsPerSeries {
                    let t = Double(i) / Double(pointsPerSeries)
                    // A decaying loss with noise and the odd spike.
                    value = (2.0 + Double(p)) / (1 + 20 * rate * t) + 0.05 * random.nextUnit()
                    if random.next() % 50_000 == 0 { value *= 4 }
                    line.append(x: Double(i), y: value)
                }
                return line
            }
            return LineChart(title: "panel \(p + 1)", series: series, yAxis: Axis(scale: p == 3 ? .log10 : .linear))
        }
    }

    /// Renders every panel into a fresh buffer: one frame.
    public func frame() -> Buffer {
        var buffer = Buffer(width: width, height: height)
        let cells = Layout.grid(buffer.area, count: panels.count)
        for (panel, area) in zip(panels, cells) { panel.render(in: area, into: &buffer) }
        return buffer
    }
}
