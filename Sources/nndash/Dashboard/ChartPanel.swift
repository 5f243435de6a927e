import NNCharts
import NNRuns
import NNText

/// A dashboard panel: one `Panel` drawn as its kind of content, its title marked when selected
/// and followed by the view's state that applies to it, e.g. `loss (log y, smooth 0.3, 2 hidden)`.
struct ChartPanel: Widget {
    let panel: Panel
    let view: ViewState
    let selected: Bool
    /// The panel's place among the dashboard's, which the view's per-panel state is kept by.
    var index = 0
    let unicode: Bool
    let colorMode: ColorMode
    /// The series' colours.
    var palette = Palette.standard
    /// Whether the panel fills the dashboard alone (`z`).
    var zoomed = false
    /// The dashboard's lines kept between frames, fed only new points; nil builds each line
    /// from its whole curve (a single frame: `--plain`, export, a pointer's hit test).
    var feed: LineFeed? = nil

    private var dotGrid: DotGrid { DotGrid.preferred(utf8: unicode) }

    /// What the keys have set for this panel, in the words its title shows: log scale,
    /// smoothing, hidden series, zoom. Only what changes how this panel is drawn.
    var states: [String] {
        var states: [String] = []
        let hidden = view.hidden(inPanel: index).filter { panel.series.indices.contains($0) }.count
        switch panel.content {
        case .lines:
            if panel.logY != view.togglesLogY(index) { states.append("log y") }
            let window = view.xWindow(index)
            if !window.isWhole { states.append("x ×\(NumberFormat.short(1 / window.width, digits: 2))") }
            if view.fullY { states.append("full y") }
            let smoothed = panel.series.indices.contains { !panel.pointSeries.contains($0) }
            if view.smoothing > 0 && smoothed { states.append("smooth \(NumberFormat.short(view.smoothing, digits: 2))") }
            if hidden > 0 { states.append("\(hidden) hidden") }
        case .heatmap:
            if hidden > 0 { states.append("\(hidden) hidden") }
        case .bars, .table, .diagram: break
        }
        if zoomed { states.append("zoomed") }
        return states
    }

    /// The title in at most `width` columns: the selection mark, the panel's title (cut with
    /// `…` when it must be) and its states, which are never cut while they fit alone.
    func title(width: Int) -> String {
        let mark = selected ? (unicode ? "▸ " : "> ") : ""
        let state = states.isEmpty ? "" : " (" + states.joined(separator: ", ") + ")"
        let name = panel.title
        let ellipsis = unicode ? "…" : "~"
        let room = width - mark.count - state.count
        guard name.count > room else { return mark + name + state }
        guard room >= 2 else {
            // No room for the name: the states alone, cut last.
            let states = String(state.dropFirst())
            return mark + (states.count <= width - mark.count ? states
                : String(states.prefix(max(0, width - mark.count - 1))) + ellipsis)
        }
        return mark + String(name.prefix(room - 1)) + ellipsis + state
    }

    func render(in area: Rect, into buffer: inout Buffer) {
        let title = title(width: area.width - 1)
        switch panel.content {
        case .lines: lineChart(title: title).render(in: area, into: &buffer)
        case .heatmap(let content): renderHeatmap(content, title: title, in: area, into: &buffer)
        case .bars(let bars):
            var chart = BarChart(title: title, bars: bars, colorMode: colorMode, dotGrid: dotGrid, colorsByBar: true)
            chart.palette = palette
            chart.render(in: area, into: &buffer)
        case .table(let columns, let rows):
            // A blank column either side sets the table and its title in from the panel's edges.
            let table = Self.table(columns: columns, rows: rows, priorities: panel.columnPriorities, dotGrid: dotGrid)
            let width = max(0, area.width - 2)
            let left = columns.count - table.layout(fitting: width).count
            var title = self.title(width: width)
            if left > 0 {
                // The columns left out are said after the title, whole while they fit.
                let note = " (+\(left) column\(left == 1 ? "" : "s")\(zoomed ? "" : ": z"))"
                let named = self.title(width: width - note.count) + note
                if named.count <= width { title = named }
            }
            let inner = renderTitle(title, in: Rect(x: area.x + 1, y: area.y, width: width, height: area.height), into: &buffer)
            table.render(in: inner, into: &buffer)
        case .diagram(var diagram):
            let inner = renderTitle(title, in: area, into: &buffer)
            diagram.unicode = unicode
            diagram.render(in: inner, into: &buffer)
        }
    }

    /// The table a `.table` panel is drawn as: the first column left-aligned, numbers right,
    /// each column with its priority (`Panel.columnPriorities`).
    static func table(columns: [String], rows: [[String]], priorities: [Int], dotGrid: DotGrid) -> Table {
        Table(columns: columns.enumerated().map { i, name in
                  .init(name, alignment: i == 0 ? .left : .right, priority: priorities.indices.contains(i) ? priorities[i] : 0)
              },
              rows: rows, dotGrid: dotGrid)
    }

    /// The key that shows and hides series `index` (`1` for the first), none past the ninth.
    static func key(ofSeries index: Int) -> Character? {
        (0..<9).contains(index) ? Character(String(index + 1)) : nil
    }

    /// The chart a `.lines` panel is drawn as.
    var lineChart: LineChart { lineChart(title: title(width: .max)) }

    /// The chart a `.lines` panel is drawn as in `area`, its title cut as it is drawn there.
    func lineChart(in area: Rect) -> LineChart { lineChart(title: title(width: area.width - 1)) }

    /// The chart a `.lines` panel is drawn as, under `title` (from `title(width:)`): the
    /// states go to the chart's title note, which it keeps whole beside "+N more".
    private func lineChart(title: String) -> LineChart {
        let note = states.joined(separator: ", ")
        var title = title, titleNote = ""
        if !note.isEmpty, title.hasSuffix(" (\(note))") {
            title.removeLast(note.count + 3)
            titleNote = note
        }
        let smoothing = view.smoothing > 0 ? view.smoothing : nil
        let lines = panel.series.enumerated().map { index, series in
            let points = panel.pointSeries.contains(index)
            let end = panel.divergedAt[index], lineSmoothing = points ? nil : smoothing
            var line = feed?.line(panel: self.index, series: index, of: series, smoothing: lineSmoothing, end: end)
                ?? LineFeed.build(series, smoothing: lineSmoothing, end: end).line
            line.name = series.label
            line.color = palette.seriesColor(panel.colorIndex[index] ?? index, mode: colorMode)
            line.style = points ? .points : .line
            // A hidden series keeps its (numbered) legend entry, dimmed.
            line.key = Self.key(ofSeries: index)
            line.isHidden = view.isHidden(index, inPanel: self.index)
            line.isBackground = panel.backgroundSeries.contains(index)
            return line
        }
        let logY = panel.logY != view.togglesLogY(index)
        var chart = LineChart(
            title: title,
            series: lines,
            xAxis: Axis(title: panel.xLabel, scale: panel.logX ? .log10 : .linear, wholeNumbers: panel.countsSteps),
            yAxis: Axis(title: panel.yLabel, scale: logY ? .log10 : .linear, ignoresOutliers: !view.fullY,
                        showsPercent: panel.yPercent),
            dotGrid: dotGrid, colorMode: colorMode, callouts: panel.callouts)
        chart.titleNote = titleNote
        chart.palette = palette
        chart.xWindow = view.xWindow(index)
        if selected || index == view.selectedPanel { chart.cursor = view.cursor }
        return chart
    }

    private func renderHeatmap(_ content: HeatmapContent, title: String, in area: Rect, into buffer: inout Buffer) {
        let paths = panel.series.enumerated().map { index, series in
            var path = HeatmapPath(name: series.label, x: series.x.array, y: series.y.array,
                                   color: colorMode == .none ? nil : palette.seriesColor(index, mode: colorMode))
            path.key = Self.key(ofSeries: index)
            path.isHidden = view.isHidden(index, inPanel: self.index)
            return path
        }
        var heatmap = Heatmap(title: title, values: content.values, xRange: content.xRange, yRange: content.yRange,
                              valueScale: content.logValues ? .log10 : .linear, valueRange: content.valueRange, paths: paths,
                              colorMode: colorMode, dotGrid: dotGrid, showsScale: content.valueRange == nil, classes: content.classes)
        heatmap.palette = palette
        heatmap.render(in: area, into: &buffer)
    }

    /// Writes the title on the first row and returns the rows below it.
    private func renderTitle(_ title: String, in area: Rect, into buffer: inout Buffer) -> Rect {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return area }
        buffer.fill(area)
        buffer.write(title, x: area.x, y: area.y, style: .bold, clip: area)
        return area.splitRows(at: min(area.height, 1)).bottom
    }
}
