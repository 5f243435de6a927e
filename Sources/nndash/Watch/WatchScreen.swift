import NNCharts
import NNRuns
import NNText

/// The watch view's state between frames: the runs' curves, what the person chose, and the
/// axis ranges each chart keeps so that its axes do not jump every frame.
struct WatchScreen {
    /// One chart of the grid.
    enum Panel: Hashable {
        /// Every shown run's curve of one scalar tag.
        case scalar(tag: String)
        /// Every shown run's curve of one system metric (its tag `system/<key>`, titled `<key>`).
        case system(tag: String)
        /// One run's histograms of one tag, over time.
        case histogram(run: Int, index: Int)

        /// The group the panel is shown in, as TensorBoard groups cards: its tag's prefix up to
        /// and with the first `/` (`train/`), empty for a tag without one; histograms apart.
        var group: String {
            switch self {
            case .scalar(let tag), .system(let tag):
                guard let slash = tag.firstIndex(of: "/"), slash != tag.startIndex else { return "" }
                return String(tag[...slash])
            case .histogram: return "histograms"
            }
        }
    }

    /// The curves shown; replaced whole as new ones arrive.
    private(set) var curves = WatchCurves()
    var view = WatchView()
    /// The runs' colours (`--palette`).
    var palette = Palette.standard
    /// The x and y ranges of each scalar tag's chart.
    private var ranges: [String: (x: AxisRange, y: AxisRange)] = [:]
    /// The pages of the last frame drawn, for the keys that move between them.
    var layout: WatchPages?
    /// Whether the next frame shows the page of the selected chart (the charts were reordered).
    var followsSelection = false
    /// Whether the selected chart is marked (▸) and carries the value cursor; `--plain` marks none.
    var marksSelection = true

    /// A chart of the last frame: which panel, where, as drawn, and the run of each of its
    /// series (a line chart's legend order), for the mouse.
    struct DrawnChart {
        var panel: Int
        var rect: Rect
        var widget: any Widget
        var runs: [Int]
    }

    /// The charts the last frame drew.
    var drawn: [DrawnChart] = []
    /// Each scalar tag's runs in the order its chart lists them, as last built.
    private var runOrders: [String: [Int]] = [:]
    /// Where the mouse button went down, to tell a click from a drag when it comes up.
    var pressedAt: MouseEvent?

    /// Shows `newCurves` from now on; the axes start over when they were built differently.
    mutating func show(_ newCurves: WatchCurves) {
        if newCurves.xMode != curves.xMode || newCurves.smoothing != curves.smoothing { ranges = [:] }
        // New runs the run filter fails arrive hidden.
        if let filter = view.runFilter {
            for r in curves.runs.count..<max(curves.runs.count, newCurves.runs.count)
            where !filter.matches(name: newCurves.runs[r].name, params: newCurves.runs[r].params) {
                view.hiddenRuns.insert(r)
            }
        }
        curves = newCurves
    }

    /// Applies `key`; returns what the app must do, if anything (`.rebuild`: build the curves
    /// again with `view.settings`).
    mutating func handle(_ key: Key) -> WatchView.Command? {
        let before = panels
        let chart = selectedChart(in: before)
        let logY = view.logYTags, fullY = view.fullY
        let (selected, page, grid) = (view.selectedPanel, view.page, view.grid)
        // Where the cursor can stand, worked out only for the cursor's keys.
        var copy = self
        func steps() -> [Double] {
            chart.map { copy.lineChart(tag: $0, title: $0, cursor: false, unicode: true, colorMode: .none).cursorSteps } ?? []
        }
        let command = view.handle(key, keys: keys(panels: before), panels: before, pages: layout?.pages.count ?? 1,
                                  table: view.mode == .table ? table : nil, runs: curves.runs, chart: chart, steps: steps())
        // The y axis starts over on its new scale, or to fit the values it now leaves out or takes.
        if let chart, view.logYTags != logY { ranges[chart] = nil }
        if view.fullY != fullY { ranges = [:] }
        let now = panels
        if view.grid != grid {
            // Pages of another size: the next frame shows the selected chart's.
            followsSelection = true
        } else if now != before {
            // Pinning reordered the charts: the selection stays on its chart, and the next
            // frame shows its page.
            if before.indices.contains(selected), let at = now.firstIndex(of: before[selected]) { view.selectedPanel = at }
            followsSelection = true
        } else if let layout, view.page != page, layout.pages.indices.contains(view.page) {
            // A new page: its first chart of its own (not a pinned one) is selected.
            let pinned = view.pinnedPanels
            if let first = layout.pages[view.page].charts.first(where: { !pinned.contains(now[$0.panel]) }) {
                view.selectedPanel = first.panel
            }
        } else if let layout, view.selectedPanel != selected, now.indices.contains(view.selectedPanel),
            !view.pinnedPanels.contains(now[view.selectedPanel]), let at = layout.page(of: view.selectedPanel) {
            // The selection moved to a chart on another page: show that page.
            view.page = at
        }
        return command
    }

    /// The tag of the selected chart when it is a chart of lines (the axis keys act on it).
    var selectedChart: String? { selectedChart(in: panels) }

    /// `selectedChart`, given `panels` as the caller worked them out (they cost a pass over every run).
    private func selectedChart(in panels: [Panel]) -> String? {
        guard view.mode != .table else { return nil }
        guard !panels.isEmpty else { return nil }
        switch panels[min(view.selectedPanel, panels.count - 1)] {
        case .scalar(let tag), .system(let tag): return tag
        case .histogram: return nil
        }
    }

    /// The keys that work now: what the footer and the help list.
    var keys: [KeyBinding<WatchAction>] { keys(panels: panels) }

    /// `keys`, given `panels` as the caller worked them out.
    private func keys(panels: [Panel]) -> [KeyBinding<WatchAction>] {
        let chart = selectedChart(in: panels)
        return WatchKeys.table(mode: view.mode, panels: panels.count, runs: curves.runs.count, zoomed: view.zoomed,
                               lines: chart != nil, xZoomed: chart.map { view.xWindows[$0] != nil } ?? false,
                               pages: view.zoomed ? 1 : layout?.pages.count ?? 1, pinned: !view.pinnedPanels.isEmpty,
                               cursorOn: chart != nil && view.cursor != nil, grid: view.grid)
    }

    /// The charts the filters let through, in the order they are laid out: the pinned ones,
    /// then each group's (groups in the order their first tag appeared).
    var panels: [Panel] {
        let (pinned, groups) = chartGroups
        return pinned + groups.flatMap(\.panels)
    }

    /// The charts the filters let through: the pinned ones, and the others in their groups.
    var chartGroups: (pinned: [Panel], groups: [(name: String, panels: [Panel])]) {
        let all = unorderedPanels
        let pinned = all.filter { view.pinnedPanels.contains($0) }
        var groups: [(name: String, panels: [Panel])] = []
        var at: [String: Int] = [:]
        for panel in all where !view.pinnedPanels.contains(panel) {
            let name = panel.group
            if let i = at[name] {
                groups[i].panels.append(panel)
            } else {
                at[name] = groups.count
                groups.append((name, [panel]))
            }
        }
        return (pinned, groups)
    }

    /// The charts the filters let through: scalar tags in order of appearance, then
    /// histograms; on the system page, the system metrics.
    private var unorderedPanels: [Panel] {
        // The tags of the runs charted, gathered once: asking each run for each tag made a
        // frame's layout grow with the tags times the runs.
        var charted = Set<String>()
        for (r, run) in curves.runs.enumerated() where view.charts(run: r) { charted.formUnion(run.curves.lazy.map(\.tag)) }
        let shown = { (tag: String) in view.charts(tag: tag) && charted.contains(tag) }
        if view.mode == .system { return curves.systemTags.filter(shown).map { Panel.system(tag: $0) } }
        var panels = curves.tags.filter(shown).map { Panel.scalar(tag: $0) }
        for (r, run) in curves.runs.enumerated() {
            for (k, band) in run.histograms.enumerated() where view.charts(run: r, tag: band.tag) && !view.hiddenRuns.contains(r) {
                panels.append(.histogram(run: r, index: k))
            }
        }
        return panels
    }

    /// The table of the curves the filters let through, in the chosen order.
    var table: StatsTable {
        let params = Dictionary(curves.runs.map { ($0.name, $0.params) }, uniquingKeysWith: { a, _ in a })
        return StatsTable(curves: curves, column: view.sortColumn, descending: view.sortDescending) { run, tag in
            view.shows(run: run, params: params[run] ?? [:], tag: tag)
        }
    }

    /// The widget of one panel, its scalar chart's axes following `ranges`.
    /// - Parameters:
    ///   - cursor: whether the panel is the selected one, which shows the value cursor.
    ///   - chartHeight: the rows the chart is drawn in, which size its legend.
    ///   - chartWidth: the columns it is drawn in, which a heatmap's title is cut to.
    mutating func widget(for panel: Panel, selected: Bool, cursor: Bool = false, unicode: Bool, colorMode: ColorMode,
                         chartHeight: Int? = nil, chartWidth: Int? = nil) -> any Widget {
        let dotGrid = DotGrid.preferred(utf8: unicode)
        let mark = selected ? (unicode ? "▸ " : "> ") : ""
        switch panel {
        case .histogram(let r, let k):
            let run = curves.runs[r]
            return run.histograms[k].heatmap(
                title: SeriesPicker.cut(mark + run.histograms[k].tag + " · " + run.name, chartWidth ?? .max, unicode),
                bins: 24, colorMode: colorMode, dotGrid: dotGrid)
        case .scalar(let tag), .system(let tag):
            let title = if case .system = panel, tag.hasPrefix("system/") { String(tag.dropFirst(7)) } else { tag }
            return lineChart(tag: tag, title: mark + title, cursor: cursor, unicode: unicode, colorMode: colorMode,
                             chartHeight: chartHeight)
        }
    }

    /// The chart of one scalar tag, every shown run's curve, its axes following `ranges`; the
    /// value cursor on it when `cursor` (the selected chart).
    mutating func lineChart(tag: String, title: String, cursor: Bool, unicode: Bool, colorMode: ColorMode,
                            chartHeight: Int? = nil) -> LineChart {
        let dotGrid = DotGrid.preferred(utf8: unicode)
        var lines: [(rank: Int, run: Int, series: LineSeries)] = []
        for (r, run) in curves.runs.enumerated() where view.charts(run: r, tag: tag) {
            guard var series = run.curves.first(where: { $0.tag == tag })?.series else { continue }
            series.color = palette.seriesColor(r, mode: colorMode)
            // A hidden run keeps its (numbered) legend entry, dimmed.
            series.key = ChartPanel.key(ofSeries: r)
            series.isHidden = view.hiddenRuns.contains(r)
            // The legend lists the pinned runs first and the hidden ones last, so that
            // "+N more" leaves out hidden runs before shown ones.
            lines.append((view.pinnedRuns.contains(r) ? 0 : series.isHidden ? 2 : 1, r, series))
        }
        let time = curves.showsTime(tag: tag)
        let xTitle = time ? view.xMode.axisTitle(wallOrigin: curves.wallOrigin) : "step"
        // Steps are whole numbers: so are their ticks.
        let steps = !time || view.xMode == .step
        let logY = view.logYTags.contains(tag)
        let window = view.xWindows[tag] ?? .whole
        var states: [String] = []
        if logY { states.append("log y") }
        if !window.isWhole { states.append("x ×\(NumberFormat.short(1 / window.width, digits: 2))") }
        if view.fullY { states.append("full y") }
        // Hidden runs are listed last, where "+N more" may take them: the title counts them.
        let hidden = lines.filter(\.series.isHidden).count
        if hidden > 0 { states.append("\(hidden) hidden") }
        let ordered = lines.enumerated().sorted {
            ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset)
        }.map(\.element)
        runOrders[tag] = ordered.map(\.run)
        var chart = LineChart(
            title: title, series: ordered.map(\.series), xAxis: Axis(title: xTitle, wholeNumbers: steps),
            yAxis: Axis(scale: logY ? .log10 : .linear, ignoresOutliers: !view.fullY), dotGrid: dotGrid,
            colorMode: colorMode)
        chart.titleNote = states.joined(separator: ", ")
        // A legend row more than the dashboards' in a small chart: runs are many here.
        chart.headerRows = chartHeight.map { max(1, min(5, ($0 - 6) / 2)) }
        var range = ranges[tag] ?? (AxisRange(), AxisRange(scale: logY ? .log10 : .linear))
        if let x = chart.xDataRange { chart.xAxis.setLimits(range.x.update(with: x)) }
        // Zoomed, y fits the part shown at once; the whole range follows the run smoothly.
        chart.xWindow = window
        if let y = chart.yDataRange { chart.yAxis.setLimits(window.isWhole ? range.y.update(with: y) : y) }
        ranges[tag] = range
        if cursor { chart.cursor = view.cursor }
        return chart
    }

    /// The runs of `panel`'s chart in its series' order (a histogram: its run).
    func runOrder(of panel: Panel) -> [Int] {
        switch panel {
        case .scalar(let tag), .system(let tag): return runOrders[tag] ?? []
        case .histogram(let run, _): return [run]
        }
    }
}
