import NNCharts

/// `render-frame`: one full redraw of `RenderBenchmark` (4 panels of 10 series of 100,000
/// points, 200x50 cells); the data are built once, outside the timing.
public struct RenderFrameWorkload: Workload {
    public static let name = "render-frame"
    private let benchmark = RenderBenchmark()

    public init() {}

    public func reset() {}

    /// Draws one frame; returns the number of cells that are not blank.
    public func run() -> Double {
        Double(benchmark.frame().cells.count { $0 != .blank })
    }
}
