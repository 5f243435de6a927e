import NNTerminal

/// What the person watching has chosen: the part of the watch view keys change.
struct WatchView {
    enum Mode: Equatable { case charts, table }

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
    var logY = false
    var selectedPanel = 0
    var zoomed = false
    var showHelp = false
    var tagFilter: WatchFilter?
    var runFilter: WatchFilter?
    var prompt: Prompt?
    var sortColumn = StatsTable.Column.run
    var sortDescending = false
    /// The table's first shown row.
    var tableScroll = 0

    /// Applies `key`; returns what the app must do, if anything.
    /// - Parameter panelCount: the panels shown now, for moving the selection.
    mutating func handle(_ key: Key, panelCount: Int) -> Command? {
        if prompt != nil { return handlePrompt(key) }
        if showHelp, key != .character("?") {
            showHelp = false
            return key == .character("q") ? .quit : nil
        }
        switch key {
        case .character("q"), .character("Q"): return .quit
        case .character("e"): return .export
        case .character("?"), .character("h"): showHelp.toggle()
        case .character("/"): prompt = Prompt(target: .tags, text: tagFilter?.pattern ?? "")
        case .character("f"): prompt = Prompt(target: .runs, text: runFilter?.pattern ?? "")
        case .character("t"): mode = mode == .charts ? .table : .charts
        case .character("x"):
            xMode = xMode.next
            return .rebuild
        case .character("s"):
            smoothing = max(0, ((smoothing - ViewState.smoothingStep) * 10).rounded() / 10)
            return .rebuild
        case .character("S"):
            smoothing = min(0.99, ((smoothing + ViewState.smoothingStep) * 10).rounded() / 10)
            return .rebuild
        case .character("l"): logY.toggle()
        case .character("z"): zoomed.toggle()
        case .character(let c) where mode == .table:
            if let digit = c.wholeNumberValue, let column = StatsTable.Column(rawValue: digit - 1) {
                if column == sortColumn { sortDescending.toggle() } else { (sortColumn, sortDescending) = (column, false) }
            }
        case .down where mode == .table: tableScroll += 1
        case .up where mode == .table: tableScroll = max(0, tableScroll - 1)
        case .pageDown where mode == .table: tableScroll += 10
        case .pageUp where mode == .table: tableScroll = max(0, tableScroll - 10)
        case .home where mode == .table: tableScroll = 0
        case .tab, .right, .down:
            if panelCount > 0 { selectedPanel = (selectedPanel + 1) % panelCount }
        case .backTab, .left, .up:
            if panelCount > 0 { selectedPanel = (selectedPanel + panelCount - 1) % panelCount }
        default: break
        }
        return nil
    }

    /// Typing a filter: Enter applies it (an empty one shows everything), Esc cancels.
    private mutating func handlePrompt(_ key: Key) -> Command? {
        guard var prompt else { return nil }
        switch key {
        case .enter:
            do {
                let filter = try WatchFilter.parse(prompt.text)
                switch prompt.target {
                case .tags: tagFilter = filter
                case .runs: runFilter = filter
                }
                self.prompt = nil
                selectedPanel = 0
                tableScroll = 0
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
        case .character(let c):
            prompt.text.append(c)
            prompt.error = nil
        default: break
        }
        self.prompt = prompt
        return nil
    }

    /// How the curves must be built for this view.
    var settings: WatchFeed.Settings {
        WatchFeed.Settings(xMode: xMode, smoothing: smoothing > 0 ? smoothing : nil)
    }

    /// Whether a run and tag (both safe to draw) pass the filters.
    func shows(run: String, tag: String) -> Bool {
        (runFilter?.matches(run) ?? true) && (tagFilter?.matches(tag) ?? true)
    }

    /// The lines of the `?` overlay.
    static let helpLines = [
        "q        quit",
        "/        filter tags (regular expression)",
        "f        filter runs (regular expression)",
        "         Enter applies, Esc cancels, empty shows all",
        "x        x axis: step, relative time, wall time",
        "s  S     less / more smoothing",
        "l        log scale on y",
        "tab ←→   move between panels",
        "z        zoom the selected panel",
        "t        table of last, min, max per run and tag",
        "1 … 7    sort the table by a column (again: reverse)",
        "e        export the panel or table as text",
        "?        this help",
    ]
}
