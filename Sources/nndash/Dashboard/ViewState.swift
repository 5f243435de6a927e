import NNCharts
import NNTerminal

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
    var hiddenSeries: Set<Int> = []
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
    ///   - series: how many series the digits and the list of series reach.
    ///   - steps: where the value cursor can stand on the selected chart (`LineChart.cursorSteps`).
    mutating func handle(_ key: Key, table: [KeyBinding<KeyAction>], panelCount: Int, series: Int,
                         steps: @autoclosure () -> [Double] = []) -> KeyAction? {
        if picker != nil {
            if key == .character("q") || key == .character("Q") { return .quit }
            if picker?.handle(key, count: series, hidden: &hiddenSeries) == false { picker = nil }
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
        case .toggleSeries(let index):
            if hiddenSeries.remove(index) == nil { hiddenSeries.insert(index) }
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
        func names(_ panel: Panel) -> [String] {
            switch panel.content {
            case .lines, .heatmap: panel.series.map(\.label)
            case .bars, .table, .diagram: []
            }
        }
        if panels.indices.contains(selected), !names(panels[selected]).isEmpty { return names(panels[selected]) }
        return panels.map(names).max { $0.count < $1.count } ?? []
    }
}
