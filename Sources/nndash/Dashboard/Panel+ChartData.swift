import NNCharts

extension Panel {
    /// A chart of lines' data as exported beside its text (CSV and SVG): its series in the
    /// colours of `palette`, hidden as the view hides them, y in log scale as the view sets it for
    /// panel `index`; every point, whatever part of x the view shows. Nil for a panel of another kind.
    func chartData(view: ViewState, index: Int, palette: Palette = .standard) -> ChartData? {
        guard case .lines = content else { return nil }
        let series = series.enumerated().map { s, series in
            ChartData.Series(name: series.label, color: palette.seriesColor(colorIndex[s] ?? s, mode: .palette256),
                             x: series.x.array, y: series.y.array, isHidden: view.isHidden(s, inPanel: index),
                             isPoints: pointSeries.contains(s))
        }
        return ChartData(title: title,
                         xAxis: Axis(title: xLabel, scale: logX ? .log10 : .linear),
                         yAxis: Axis(title: yLabel, scale: logY != view.togglesLogY(index) ? .log10 : .linear, showsPercent: yPercent),
                         series: series)
    }
}
