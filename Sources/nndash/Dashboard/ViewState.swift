import NNCharts

/// What the person looking at a dashboard has chosen: the part of the screen keys change.
struct ViewState: Equatable, ChartNavigation {
    /// The panels (by index) whose y scale is the other one than the panel's own (`l`).
    var logYToggled: Set<Int> = []
    /// The x part each panel shows (`+ - , . X`, the mouse wheel and drags); absent: the whole.
    var xWindows: [Int: XWindow] = [:]
    /// Whether y fits every value; by default it leaves outliers out, as TensorBoard does.
    var fullY = false
    /// Where the value cursor stands on the selected chart (an x value), nil when hidden.
    var cursor: Double?
    var showHelp = false
    /// The first row of the help shown; the app keeps it within the help's rows.
    var helpScroll = 0
    var selectedPanel = 0
    var zoomed = false
    /// The series hidden, by panel: each panel's own, so hiding a series in one chart never
    /// hides the series at the same place of another (`hide(_:in:)` hides it in every panel
    /// that shows the same series).
    var hiddenSeries: [Int: Set<Int>] = [:]
    /// TensorBoard's smoothing weight, 0 (raw) to 0.99.
    var smoothing = 0.0
    /// The list of every series (`0`), when open.
    var picker: SeriesPicker?
    /// Whether the findings are shown in place of the charts (`w`, on a terminal too narrow
    /// for the side panel), and their first row shown; the app keeps it within their rows.
    var showsFindings = false
    var findingsScroll = 0

    static let smoothingStep = 0.1
    /// How much `+` and `-` zoom, and how far `,` and `.` pan (a fraction of the window).
    static let zoomStep = 0.5
    static let panStep = 0.25

    /// The series hidden in panel `panel`.
    func hidden(inPanel panel: Int) -> Set<Int> { hiddenSeries[panel] ?? [] }

    /// Whether series `series` of panel `panel` is hidden.
    func isHidden(_ series: Int, inPanel panel: Int) -> Bool { hiddenSeries[panel]?.contains(series) ?? false }

    /// Shows series `series` of the first of `panels` if it is hidden there, else hides it, and
    /// does the same in the other `panels` (those showing the same series).
    mutating func toggle(_ series: Int, in panels: [Int]) {
        guard let first = panels.first else { return }
        let hide = !isHidden(series, inPanel: first)
        for panel in panels {
            var set = hidden(inPanel: panel)
            if hide { set.insert(series) } else { set.remove(series) }
            hiddenSeries[panel] = set.isEmpty ? nil : set
        }
    }

    /// The series the digits, the list of series and a click on a legend reach: those of one
    /// panel (`count` of them), and the panels a toggle applies to, that panel first, then every
    /// other panel that shows the same series (the same names in the same order).
    struct SeriesScope: Equatable {
        var count = 0
        var panels: [Int] = []

        /// The scope of panel `panel` of `panels`.
        static func panel(_ panel: Int, of panels: [Panel]) -> SeriesScope {
            guard panels.indices.contains(panel) else { return SeriesScope() }
            let names = ViewState.names(panels[panel])
            let same = panels.indices.filter { $0 != panel && !names.isEmpty && ViewState.names(panels[$0]) == names }
            return SeriesScope(count: names.count, panels: [panel] + same)
        }

        /// The digits' scope with panel `selected` selected: its series, or (when it has none)
        /// those of the panel with the most.
        static func selected(_ selected: Int, of panels: [Panel]) -> SeriesScope {
            if panels.indices.contains(selected), !ViewState.names(panels[selected]).isEmpty {
                return .panel(selected, of: panels)
            }
            guard let most = panels.indices.max(by: { ViewState.names(panels[$0]).count < ViewState.names(panels[$1]).count })
            else { return SeriesScope() }
            return .panel(most, of: panels)
        }
    }

    /// Whether panel `index` is drawn on the other y scale than its own.
    func togglesLogY(_ index: Int) -> Bool { logYToggled.contains(index) }

    /// The x part panel `index` shows.
    func xWindow(_ index: Int) -> XWindow { xWindows[index] ?? .whole }

    /// Sets panel `index`'s x part, forgetting it when it is the whole.
    mutating func setXWindow(_ window: XWindow, panel index: Int) {
        xWindows[index] = window.isWhole ? nil : window
    }

    /// Applies `key` as the view's key `table` says; returns the action when it is the app's
    /// (quit, pause, restart, export, a study's or a replay's key), nil when it only changed the view.
    /// - Parameters:
    ///   - panelCount: the panels shown now, for moving the selection.
    ///   - series: the series the digits and the list of series reach (`SeriesScope.selected`).
    ///   - steps: where the value cursor can stand on the selected chart (`LineChart.cursorSteps`).
    mutating func handle(_ key: Key, table: [KeyBinding<KeyAction>], panelCount: Int, series: SeriesScope,
                         steps: @autoclosure () -> [Double] = []) -> KeyAction? {
        if picker != nil {
            if key == .character("q") || key == .character("Q") { return .quit }
            let before = series.panels.first.map { hidden(inPanel: $0) } ?? []
            var after = before
            if picker?.handle(key, count: series.count, hidden: &after) == false { picker = nil }
            for index in before.symmetricDifference(after) { toggle(index, in: series.panels) }
            return nil
        }
        if let quits = handleHelp(key) { return quits ? .quit : nil }
        guard let action = table.action(for: key) else {
            // The findings shown in place of the charts scroll with the keys the help scrolls with.
            if showsFindings, table.contains(where: { $0.presses.contains { $0.action == .findings } }) {
                _ = HelpOverlay.scroll(&findingsScroll, for: key)
            }
            return nil
        }
        switch action {
        case .quit, .pause, .restart, .export, .study, .replay, .lessonStep: return action
        case .findings:
            showsFindings.toggle()
            findingsScroll = 0
        case .help: toggleHelp()
        case .logY:
            if logYToggled.remove(selectedPanel) == nil { logYToggled.insert(selectedPanel) }
        case .zoomXIn: setXWindow(xWindow(selectedPanel).zoomed(by: Self.zoomStep), panel: selectedPanel)
        case .zoomXOut: setXWindow(xWindow(selectedPanel).zoomed(by: 1 / Self.zoomStep), panel: selectedPanel)
        case .panLeft: setXWindow(xWindow(selectedPanel).panned(by: -Self.panStep), panel: selectedPanel)
        case .panRight: setXWindow(xWindow(selectedPanel).panned(by: Self.panStep), panel: selectedPanel)
        case .resetX: xWindows[selectedPanel] = nil
        case .fullY: fullY.toggle()
        case .zoom: zoomed.toggle()
        case .lessSmoothing: smooth(by: -1)
        case .moreSmoothing: smooth(by: 1)
        case .nextPanel: selectPanel(by: 1, of: panelCount)
        case .previousPanel: selectPanel(by: -1, of: panelCount)
        case .cursor: toggleCursor(steps())
        case .cursorStep(let by): moveCursor(by: by, in: steps())
        case .cursorPage(let by): moveCursor(by: by, pages: true, in: steps())
        case .toggleSeries(let index): toggle(index, in: series.panels)
        case .seriesList: picker = SeriesPicker()
        }
        return nil
    }

    /// How many steps a page of the value cursor moves: a tenth of those shown, at least one.
    static func page(_ count: Int) -> Int { max(1, count / 10) }

    /// The cursor `by` steps along `steps` from `cursor` (from the first step at or after it),
    /// stopping at the ends.
    static func moved(_ cursor: Double?, by: Int, in steps: [Double]) -> Double? {
        guard let cursor, !steps.isEmpty else { return cursor }
        let at = steps.firstIndex { $0 >= cursor } ?? steps.count - 1
        return steps[min(steps.count - 1, max(0, at + by))]
    }

    /// The names the digits and the list of series reach: the selected panel's series, or
    /// (when it has none) those of the panel with the most.
    static func seriesNames(_ panels: [Panel], selected: Int) -> [String] {
        SeriesScope.selected(selected, of: panels).panels.first.map { names(panels[$0]) } ?? []
    }

    /// The names of the series `panel` draws (none for bars, tables and diagrams).
    static func names(_ panel: Panel) -> [String] {
        switch panel.content {
        case .lines, .heatmap: panel.series.map(\.label)
        case .bars, .table, .diagram: []
        }
    }
}
