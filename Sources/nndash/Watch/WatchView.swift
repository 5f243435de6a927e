import NNCharts

/// What the person watching has chosen: the part of the watch view keys change.
struct WatchView: ChartNavigation {
    enum Mode: Equatable {
        case charts, table
        /// The system metrics' charts (W&B's stats), apart from the training's.
        case system
    }

    /// A filter being typed at the bottom line.
    struct Prompt: Equatable {
        enum Target: Equatable { case tags, runs }
        var target: Target
        var text: String
        /// Why the last Enter was refused.
        var error: String?
    }

    /// What a key asks of the app beyond the view.
    enum Command: Equatable {
        case quit, export
        /// The curves must be rebuilt (x mode or smoothing changed).
        case rebuild
    }

    var mode = Mode.charts
    var xMode = XMode.step
    /// TensorBoard's smoothing weight, 0 (raw) to 0.99.
    var smoothing = 0.0
    /// The charts (by tag) drawn with a log y scale (`l`).
    var logYTags: Set<String> = []
    /// The x part each chart (by tag) shows; absent: the whole.
    var xWindows: [String: XWindow] = [:]
    /// Whether y fits every value; by default it leaves outliers out, as TensorBoard does.
    var fullY = false
    /// Where the value cursor stands on the selected chart (an x value), nil when hidden.
    var cursor: Double?
    /// The selected chart, an index into the screen's panels (pinned first).
    var selectedPanel = 0
    /// The page of charts shown.
    var page = 0
    /// The charts pinned (`p`): first, on every page.
    var pinnedPanels: Set<WatchScreen.Panel> = []
    var zoomed = false
    /// The rows and columns of charts on a page (`--grid`, `g`, `G`); nil: as many as fit.
    var grid: WatchGrid?
    var showHelp = false
    /// The first row of the help shown; the app keeps it within the help's rows.
    var helpScroll = 0
    var tagFilter: WatchFilter?
    /// The run filter: the runs it fails are hidden (dimmed in legends), not gone.
    var runFilter: RunFilter?
    var prompt: Prompt?
    var sortColumn = StatsTable.Column.run
    var sortDescending = false
    /// The table's first shown row.
    var tableScroll = 0
    /// The table's row under the cursor.
    var tableCursor = 0
    /// The runs (indices into the curves' runs) chosen in the table: the charts show only
    /// these, or every run when none is chosen.
    var chosenRuns: Set<Int> = []
    /// The runs (indices into the curves' runs) hidden with the digits or the list of runs:
    /// their legend entries stay, dimmed.
    var hiddenRuns: Set<Int> = []
    /// The runs pinned in the list of runs: first in every legend.
    var pinnedRuns: Set<Int> = []
    /// The list of every run (`0`), when open.
    var picker: SeriesPicker?

    /// Applies `key` as the view's key `keys` say; returns what the app must do, if anything.
    /// - Parameters:
    ///   - panels: the charts shown now, in order, for moving the selection and pinning.
    ///   - pages: how many pages the charts took in the last frame.
    ///   - table: the table shown now, for sorting and choosing runs in it.
    ///   - runs: how many runs the digits and the list of runs reach.
    ///   - chart: the selected chart's tag, which `l` and the axis keys act on.
    mutating func handle(_ key: Key, keys: [KeyBinding<WatchAction>], panels: [WatchScreen.Panel], pages: Int = 1,
                         table: StatsTable? = nil, runs runList: [WatchCurves.Run] = [], chart: String? = nil,
                         steps: @autoclosure () -> [Double] = []) -> Command? {
        let runs = runList.count
        let panelCount = panels.count
        if prompt != nil { return handlePrompt(key, runs: runList) }
        if let list = picker {
            switch key {
            case .character("q"), .character("Q"): return .quit
            case .character("*"):
                // Pins the run under the cursor: first in every legend.
                if list.cursor < runs, pinnedRuns.remove(list.cursor) == nil { pinnedRuns.insert(list.cursor) }
                return nil
            case .character("f"):
                prompt = Prompt(target: .runs, text: runFilter?.text ?? "")
                return nil
            default: break
            }
            if picker?.handle(key, count: runs, hidden: &hiddenRuns) == false { picker = nil }
            return nil
        }
        if let quits = handleHelp(key) { return quits ? .quit : nil }
        guard let action = keys.action(for: key) else { return nil }
        let lastRow = max(0, (table?.rows.count ?? 1) - 1)
        switch action {
        case .quit: return .quit
        case .export: return .export
        case .help: toggleHelp()
        case .filterTags: prompt = Prompt(target: .tags, text: tagFilter?.pattern ?? "")
        case .filterRuns: prompt = Prompt(target: .runs, text: runFilter?.text ?? "")
        case .table: mode = mode == .table ? .charts : .table
        case .system:
            mode = mode == .system ? .charts : .system
            selectedPanel = 0
            page = 0
        case .nextPage: page = min(page + 1, max(0, pages - 1))
        case .previousPage: page = max(0, page - 1)
        case .pin:
            guard panels.indices.contains(selectedPanel) else { break }
            let panel = panels[selectedPanel]
            if pinnedPanels.remove(panel) == nil { pinnedPanels.insert(panel) }
        case .xAxis:
            xMode = xMode.next
            return .rebuild
        case .lessSmoothing, .moreSmoothing:
            smooth(by: action == .moreSmoothing ? 1 : -1)
            return .rebuild
        case .logY:
            if let chart, logYTags.remove(chart) == nil { logYTags.insert(chart) }
        case .axis(let axis):
            guard let chart else { break }
            let window = xWindows[chart] ?? .whole
            let moved: XWindow
            switch axis {
            case .zoomIn: moved = window.zoomed(by: ViewState.zoomStep)
            case .zoomOut: moved = window.zoomed(by: 1 / ViewState.zoomStep)
            case .panLeft: moved = window.panned(by: -ViewState.panStep)
            case .panRight: moved = window.panned(by: ViewState.panStep)
            case .resetX: moved = .whole
            case .logY:
                if logYTags.remove(chart) == nil { logYTags.insert(chart) }
                return nil
            case .fullY:
                fullY.toggle()
                return nil
            }
            xWindows[chart] = moved.isWhole ? nil : moved
        case .zoom: zoomed.toggle()
        case .nextGrid, .previousGrid:
            grid = WatchGrid.cycled(grid, by: action == .nextGrid ? 1 : -1)
            zoomed = false
        case .nextPanel: selectPanel(by: 1, of: panelCount)
        case .previousPanel: selectPanel(by: -1, of: panelCount)
        case .cursor: toggleCursor(steps())
        case .cursorStep(let by): moveCursor(by: by, in: steps())
        case .cursorPage(let by): moveCursor(by: by, pages: true, in: steps())
        case .toggleRun(let run):
            if hiddenRuns.remove(run) == nil { hiddenRuns.insert(run) }
        case .runList: picker = SeriesPicker()
        case .sortLeft, .sortRight:
            guard let columns = table?.columns, !columns.isEmpty else { break }
            let now = columns.firstIndex(of: sortColumn) ?? 0
            let next = action == .sortRight ? min(columns.count - 1, now + 1) : max(0, now - 1)
            (sortColumn, sortDescending) = (columns[next], false)
        case .reverse: sortDescending.toggle()
        case .choose:
            guard let rows = table?.rows, rows.indices.contains(tableCursor) else { break }
            let run = rows[tableCursor].runIndex
            if chosenRuns.remove(run) == nil { chosenRuns.insert(run) }
            (selectedPanel, page) = (0, 0)
        case .chooseNone:
            chosenRuns = []
            (selectedPanel, page) = (0, 0)
        case .cursorDown: tableCursor = min(tableCursor + 1, lastRow)
        case .cursorUp: tableCursor = max(0, tableCursor - 1)
        case .pageDown: tableCursor = min(tableCursor + 10, lastRow)
        case .pageUp: tableCursor = max(0, tableCursor - 10)
        case .top: tableCursor = 0
        case .bottom: tableCursor = lastRow
        }
        return nil
    }

    /// Typing a filter: Enter applies it (an empty one shows everything), Esc cancels and keeps
    /// the filter as it was, Backspace deletes a character, Ctrl-U the whole text, Ctrl-W the
    /// word before the cursor. No control character ever enters the text.
    /// A run filter hides the runs it fails and shows the others.
    private mutating func handlePrompt(_ key: Key, runs: [WatchCurves.Run]) -> Command? {
        guard var prompt else { return nil }
        switch key {
        case .enter:
            do {
                switch prompt.target {
                case .tags: tagFilter = try WatchFilter.parse(prompt.text)
                case .runs:
                    let keys = Set(runs.flatMap(\.params.keys))
                    runFilter = try RunFilter.parse(prompt.text, keys: keys)
                    hiddenRuns = Set(runs.indices.filter { !(runFilter?.matches(name: runs[$0].name, params: runs[$0].params) ?? true) })
                }
                self.prompt = nil
                selectedPanel = 0
                page = 0
                tableScroll = 0
                tableCursor = 0
                return nil
            } catch {
                prompt.error = error.message
            }
        case .escape:
            self.prompt = nil
            return nil
        case .backspace:
            if !prompt.text.isEmpty { prompt.text.removeLast() }
            prompt.error = nil
        case .control("u"):
            prompt.text = ""
            prompt.error = nil
        case .control("w"):
            // The spaces before the word, then the word.
            while prompt.text.last == " " { prompt.text.removeLast() }
            while let last = prompt.text.last, last != " " { prompt.text.removeLast() }
            prompt.error = nil
        case .character(let c) where !c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }):
            prompt.text.append(c)
            prompt.error = nil
        default: break
        }
        self.prompt = prompt
        return nil
    }

    /// The keys of the list of runs, for its title line.
    static let runListHint = "↑↓ move · space show/hide · * pin · a all · f filter · Enter close"

    /// How the curves must be built for this view.
    var settings: WatchFeed.Settings {
        WatchFeed.Settings(xMode: xMode, smoothing: smoothing > 0 ? smoothing : nil)
    }

    /// Whether a run (its name and config) and tag, all safe to draw, pass the filters: what
    /// the table shows.
    func shows(run: String, params: [String: String], tag: String) -> Bool {
        (runFilter?.matches(name: run, params: params) ?? true) && (tagFilter?.matches(tag) ?? true)
    }

    /// Whether the charts have run `index` with `tag`: the tag passes the filter and, when
    /// runs are chosen in the table, the run is one of them. A run the run filter fails is
    /// there, hidden.
    func charts(run index: Int, tag: String) -> Bool { charts(tag: tag) && charts(run: index) }

    /// Whether the charts have `tag`'s curves: it passes the tag filter.
    func charts(tag: String) -> Bool { tagFilter?.matches(tag) ?? true }

    /// Whether the charts have run `index`'s curves: no runs are chosen in the table, or it is one of them.
    func charts(run index: Int) -> Bool { chosenRuns.isEmpty || chosenRuns.contains(index) }
}
