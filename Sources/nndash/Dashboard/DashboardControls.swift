import NNCharts
import NNStudies

/// A dashboard's answer to keys apart from the terminal, the runner and the clock: the view
/// the keys change, the study's own keys, and the footer's message. The app hands it each key
/// with what is on screen and carries out what comes back.
struct DashboardControls {
    let screen: any StudyScreen
    let kind: DashboardKeys.Kind
    /// The lesson step this dashboard is, when `nndash lesson` opened it.
    let walk: Walkthrough?
    var view = ViewState()
    /// The footer's message (where an export went, a checkpoint) and its number, until a newer
    /// one replaces it, a restart clears it or the app lets it expire.
    private(set) var message = FooterMessage()
    /// Where the mouse button went down, to tell a click from a drag when it comes up.
    private var pressedAt: MouseEvent?

    init(screen: any StudyScreen, kind: DashboardKeys.Kind = .live, walk: Walkthrough? = nil) {
        self.screen = screen
        self.kind = kind
        self.walk = walk
    }

    /// The keys that work with `state` on a terminal `width` columns wide.
    func keys(for state: (any StudySnapshot)?, width: Int) -> [KeyBinding<KeyAction>] {
        let frame = DashboardFrame(state: state, status: "", steps: 0, view: view, unicode: true, colorMode: .none,
                                   keys: kind, walk: walk)
        return DashboardRenderer(screen: screen).keys(frame, width: width)
    }

    /// Applies `key`; returns what the app must do beyond the view: quit, pause, restart,
    /// export, restart the study with new settings (`.study(.restart)`) or a replay command.
    mutating func handle(_ key: Key, state: (any StudySnapshot)?, width: Int) -> KeyAction? {
        let panels = screen.panels(of: state)
        let series = ViewState.SeriesScope.selected(view.selectedPanel, of: panels)
        let current = view
        let action = view.handle(key, table: keys(for: state, width: width), panelCount: panels.count, series: series,
                                 steps: Self.cursorSteps(panels, view: current, selected: current.selectedPanel))
        switch action {
        case .study:
            let done = screen.handle(key)
            switch done {
            case .message(let text): say(text)
            case .restart: message.clear()
            case .redraw, nil: break
            }
            return done.map(KeyAction.study)
        case .restart, .replay(.restart): message.clear()
        default: break
        }
        return action
    }

    /// Answers the mouse over the panels `placements` says were drawn: a click selects the
    /// panel under it and, on a legend entry, shows or hides that series; the wheel zooms the
    /// x axis of the chart under the pointer around the pointer; a drag along a chart pans it.
    /// - Parameter panels: every panel of the dashboard, drawn or not: a click on a legend entry
    ///   toggles that series in its panel and in the panels that show the same series.
    mutating func handle(_ event: MouseEvent, placements: [(rect: Rect, panel: ChartPanel)], panels: [Panel]) {
        guard view.picker == nil else { return }
        if view.showHelp {
            if event.kind == .press { view.showHelp = false }
            return
        }
        func hit(_ e: MouseEvent) -> (rect: Rect, panel: ChartPanel)? {
            placements.first { $0.rect.contains(x: e.x, y: e.y) }
        }
        func select(_ index: Int) {
            if view.selectedPanel != index { (view.selectedPanel, view.cursor) = (index, nil) }
        }
        switch event.kind {
        case .press: pressedAt = event
        case .release:
            guard let start = pressedAt, let target = hit(start) else { return }
            pressedAt = nil
            let index = target.panel.index
            select(index)
            guard case .lines = target.panel.panel.content else { return }
            let chart = target.panel.lineChart(in: target.rect)
            if start.x == event.x && start.y == event.y {
                if let entry = chart.legendHits(in: target.rect).first(where: { $0.rect.contains(x: event.x, y: event.y) }) {
                    view.toggle(entry.series, in: ViewState.SeriesScope.panel(index, of: panels).panels)
                }
            } else if let plot = chart.plotFraction(x: start.x, in: target.rect), event.x != start.x {
                // The data follow the pointer: dragging right shows what lies to the left.
                view.setXWindow(view.xWindow(index).panned(by: -Double(event.x - start.x) / Double(plot.width)), panel: index)
            }
        case .wheelUp, .wheelDown:
            guard let target = hit(event), case .lines = target.panel.panel.content,
                  let at = target.panel.lineChart(in: target.rect).plotFraction(x: event.x, in: target.rect)
            else { return }
            let index = target.panel.index
            select(index)
            let factor = event.kind == .wheelUp ? ViewState.zoomStep : 1 / ViewState.zoomStep
            view.setXWindow(view.xWindow(index).zoomed(by: factor, around: at.fraction), panel: index)
        }
    }

    /// Where the value cursor can stand on panel `selected` of `panels`: its chart's steps.
    static func cursorSteps(_ panels: [Panel], view: ViewState, selected: Int) -> [Double] {
        guard panels.indices.contains(selected), case .lines = panels[selected].content else { return [] }
        return ChartPanel(panel: panels[selected], view: view, selected: true, index: selected, unicode: true,
                          colorMode: .none).lineChart.cursorSteps
    }

    /// Keeps the help's scroll within its rows in `frame` drawn `width`x`height`, so that
    /// scrolling back answers at once after scrolling past its end.
    mutating func keepHelpInRange(_ frame: DashboardFrame, width: Int, height: Int) {
        view.findingsScroll = min(view.findingsScroll,
                                  DashboardRenderer(screen: screen).findingsMaxScroll(frame, width: width, height: height))
        guard view.showHelp else { return }
        let limit = DashboardRenderer(screen: screen).helpOverlay(frame, width: width)
            .maxScroll(in: DashboardRenderer.body(width: width, height: height))
        view.helpScroll = min(view.helpScroll, limit)
    }

    /// Shows `text` in the footer in place of any message before; returns its number, for `expire`.
    @discardableResult
    mutating func say(_ text: String) -> Int { message.say(text) }

    /// Clears message `id` if it is still shown.
    mutating func expire(_ id: Int) { message.expire(id) }
}
