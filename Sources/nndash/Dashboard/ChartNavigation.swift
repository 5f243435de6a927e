import NNCharts

/// What the dashboard's and the watch view's keys change alike: the help, the smoothing, the
/// selected chart and the value cursor on it.
protocol ChartNavigation {
    var showHelp: Bool { get set }
    /// The first row of the help shown; the app keeps it within the help's rows.
    var helpScroll: Int { get set }
    /// TensorBoard's smoothing weight, 0 (raw) to 0.99.
    var smoothing: Double { get set }
    var selectedPanel: Int { get set }
    /// Where the value cursor stands on the selected chart (an x value), nil when hidden.
    var cursor: Double? { get set }
}

extension ChartNavigation {
    /// Handles `key` while the help is shown (any key but `?`, which toggles it): the arrows and
    /// pages scroll it, q and Q quit, any other key closes it. Returns nil when the help is not
    /// shown or the key is `?`, else whether the key quits.
    mutating func handleHelp(_ key: Key) -> Bool? {
        guard showHelp, key != .character("?") else { return nil }
        if HelpOverlay.scroll(&helpScroll, for: key) { return false }
        showHelp = false
        helpScroll = 0
        return key == .character("q") || key == .character("Q")
    }

    /// Shows or hides the help, from its first row.
    mutating func toggleHelp() {
        showHelp.toggle()
        helpScroll = 0
    }

    /// Moves the smoothing one step (`by` 1 more, -1 less) within 0...0.99.
    mutating func smooth(by direction: Double) {
        smoothing = min(0.99, max(0, ((smoothing + direction * ViewState.smoothingStep) * 10).rounded() / 10))
    }

    /// Selects the panel `by` places on, round `panelCount`, and hides the cursor.
    mutating func selectPanel(by offset: Int, of panelCount: Int) {
        if panelCount > 0 { selectedPanel = ((selectedPanel + offset) % panelCount + panelCount) % panelCount }
        cursor = nil
    }

    /// Shows the value cursor at the last of `steps`, or hides it.
    mutating func toggleCursor(_ steps: [Double]) { cursor = cursor == nil ? steps.last : nil }

    /// Moves the value cursor `by` steps, or `by` pages of a tenth of `steps` each.
    mutating func moveCursor(by: Int, pages: Bool = false, in steps: [Double]) {
        cursor = ViewState.moved(cursor, by: pages ? by * ViewState.page(steps.count) : by, in: steps)
    }
}
