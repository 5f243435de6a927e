import NNCharts
import NNRuns
import NNTerminal

/// A dashboard panel: one `Panel` drawn as its kind of content, its title marked when selected.
struct ChartPanel: Widget {
    let panel: Panel
    let view: ViewState
    let selected: Bool
    let unicode: Bool
    let colorMode: ColorMode

    private var marker: Marker { Marker.preferred(utf8: unicode) }
    private var title: String { (selected ? (unicode ? "▸ " : "> ") : "") + panel.title }

    func render(in area: Rect, into buffer: inout Buffer) {
        switch panel.content {
        case .lines: renderLines(in: area, into: &buffer)
        case .heatmap(let content): renderHeatmap(content, in: area, into: &buffer)
        case .bars(let bars):
            BarChart(title: title, bars: bars, colorMode: colorMode, marker: marker, colorsByBar: true)
                .render(in: area, into: &buffer)
        case .table(let columns, let rows):
            // Blank first and last columns keep the title and the table apart from the panels beside them.
            let inner = renderTitle(in: Rect(x: area.x + 1, y: area.y, width: max(0, area.width - 2), height: area.height),
                                    into: &buffer)
            Table(columns: columns.enumerated().map { i, name in .init(name, alignment: i == 0 ? .left : .right) },
                  rows: rows, marker: marker)
                .render(in: inner, into: &buffer)
        case .diagram(var diagram):
            let inner = renderTitle(in: area, into: &buffer)
            diagram.unicode = unicode
            diagram.render(in: inner, into: &buffer)
        }
    }

    /// The series the person has not hidden with 1-9, with their palette index.
    private var shownSeries: [(index: Int, series: Series)] {
        panel.series.enumerated().filter { !view.hiddenSeries.contains($0.offset) }.map { ($0.offset, $0.element) }
    }

    private func renderLines(in area: Rect, into buffer: inout Buffer) {
        lineChart.render(in: area, into: &buffer)
    }

    /// The chart a `.lines` panel is drawn as.
    var lineChart: LineChart {
        let smoothing = view.smoothing > 0 ? view.smoothing : nil
        let lines = shownSeries.map { index, series in
            let points = panel.pointSeries.contains(index)
            var line = LineSeries(name: series.label, smoothing: points ? nil : smoothing,
                                  color: Palette.seriesColor(index, mode: colorMode), style: points ? .points : .line)
            let end = panel.divergedAt[index]
            for (x, y) in zip(series.x, series.y) {
                if let end, x >= end { break }
                line.append(x: x, y: y)
            }
            // The step the study found the series diverged: the line ends there with a cross.
            if let end { line.append(x: end, y: .infinity) }
            return line
        }
        let logY = panel.logY != view.logY
        return LineChart(
            title: title + (logY ? " (log y)" : ""),
            series: lines,
            xAxis: Axis(title: panel.xLabel, scale: panel.logX ? .log10 : .linear),
            yAxis: Axis(title: panel.yLabel, scale: logY ? .log10 : .linear, showsPercent: panel.yPercent),
            marker: marker, colorMode: colorMode, callouts: panel.callouts)
    }

    private func renderHeatmap(_ content: HeatmapContent, in area: Rect, into buffer: inout Buffer) {
        let paths = shownSeries.map { index, series in
            HeatmapPath(name: series.label, x: series.x, y: series.y,
                        color: colorMode == .none ? nil : Palette.seriesColor(index, mode: colorMode))
        }
        Heatmap(title: title, values: content.values, xRange: content.xRange, yRange: content.yRange,
                valueScale: content.logValues ? .log10 : .linear, valueRange: content.valueRange, paths: paths,
                colorMode: colorMode, marker: marker, showsScale: content.valueRange == nil, classes: content.classes)
            .render(in: area, into: &buffer)
    }

    /// Writes the title on the first row and returns the rows below it.
    private func renderTitle(in area: Rect, into buffer: inout Buffer) -> Rect {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return area }
        buffer.fill(area)
        buffer.write(title, x: area.x, y: area.y, style: .bold, clip: area)
        return area.splitRows(at: min(area.height, 1)).bottom
    }
}
