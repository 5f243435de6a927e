import NNCharts
import NNRuns
import NNTerminal

/// A dashboard panel: one `Panel`'s series drawn as a line chart, framed when selected.
struct ChartPanel: Widget {
    let panel: Panel
    let view: ViewState
    let selected: Bool
    let unicode: Bool
    let colorMode: ColorMode

    func render(in area: Rect, into buffer: inout Buffer) {
        let smoothing = view.smoothing > 0 ? view.smoothing : nil
        let lines = panel.series.enumerated().compactMap { index, series -> LineSeries? in
            guard !view.hiddenSeries.contains(index) else { return nil }
            return LineSeries(name: series.label, x: series.x, y: series.y, smoothing: smoothing,
                              color: Palette.seriesColor(index, mode: colorMode))
        }
        let logY = panel.logY != view.logY
        let chart = LineChart(
            title: (selected ? (unicode ? "▸ " : "> ") : "") + panel.title + (logY ? " (log y)" : ""),
            series: lines,
            xAxis: Axis(title: panel.xLabel),
            yAxis: Axis(title: panel.yLabel, scale: logY ? .log10 : .linear),
            marker: Marker.preferred(utf8: unicode), colorMode: colorMode)
        chart.render(in: area, into: &buffer)
    }
}
