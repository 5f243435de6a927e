import NNCharts

/// What `e` exports beside the text of the watch view's selected chart.
extension WatchScreen {
    /// The selected chart's data as exported (CSV and SVG): every charted run's points of its
    /// tag against the step, as the log holds them, in the run's colour and hidden as on
    /// screen; nil for the table and for histograms.
    /// - Parameter points: run `index`'s steps and values of `tag` as read, nil when it has none.
    func selectedChartData(points: (_ run: Int, _ tag: String) -> (x: [Double], y: [Double])?) -> ChartData? {
        guard view.mode != .table else { return nil }
        let panels = panels
        guard !panels.isEmpty else { return nil }
        let tag: String
        switch panels[min(view.selectedPanel, panels.count - 1)] {
        case .scalar(let t), .system(let t): tag = t
        case .histogram: return nil
        }
        var series: [ChartData.Series] = []
        for (r, run) in curves.runs.enumerated() where view.charts(run: r, tag: tag) {
            guard let (x, y) = points(r, tag) else { continue }
            series.append(ChartData.Series(name: run.name, color: palette.seriesColor(r, mode: .palette256), x: x, y: y,
                                           isHidden: view.hiddenRuns.contains(r)))
        }
        return ChartData(title: tag, xAxis: Axis(title: "step", wholeNumbers: true),
                         yAxis: Axis(scale: view.logYTags.contains(tag) ? .log10 : .linear), series: series)
    }
}
