import NNTerminal

/// What the person watching has chosen: the part of the watch view keys change.
struct WatchView {
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
    /// The table's row under the cursor.
    var tableCursor = 0
    /// The runs (indices into the curves' runs) chosen in the table: the charts show only
    /// these, or every run when none is chosen.
    var chosenRuns: Set<Int> = []

    /// Applies `key`; returns what the app must do, if anything.
    /// - Parameters:
    ///   - panelCount: the panels shown now, for moving the selection.
    ///   - table: the table shown now, for sorting and choosing runs in it.
    mutating func handle(_ key: Key, panelCount: Int, table: StatsTable? = nil) -> Command? {
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
        case .character("t"): mode = mode == .table ? .charts : .table
        case .character("m"):
            mode = mode == .system ? .charts : .system
            selectedPanel = 0
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
        case .character(let c) where mode == .table && c.wholeNumberValue != nil:
            if let digit = c.wholeNumberValue, let columns = table?.columns, (1...columns.count).contains(digit) {
                sort(by: columns[digit - 1])
            }
        case .left where mode == .table, .right where mode == .table:
            guard let columns = table?.columns, !columns.isEmpty else { break }
            let now = columns.firstIndex(of: sortColumn) ?? 0
            let next = key == .right ? min(columns.count - 1, now + 1) : max(0, now - 1)
            (sortColumn, sortDescending) = (columns[next], false)
        case .character("r") where mode == .table: sortDescending.toggle()
        case .character(" ") where mode == .table:
            guard let rows = table?.rows, rows.indices.contains(tableCursor) else { break }
            let run = rows[tableCursor].runIndex
            if chosenRuns.remove(run) == nil { chosenRuns.insert(run) }
            selectedPanel = 0
        case .character("c") where mode == .table:
            chosenRuns = []
            selectedPanel = 0
        case .down where mode == .table: tableCursor = min(tableCursor + 1, max(0, (table?.rows.count ?? 1) - 1))
        case .up where mode == .table: tableCursor = max(0, tableCursor - 1)
        case .pageDown where mode == .table: tableCursor = min(tableCursor + 10, max(0, (table?.rows.count ?? 1) - 1))
        case .pageUp where mode == .table: tableCursor = max(0, tableCursor - 10)
        case .home where mode == .table: tableCursor = 0
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

    /// Sorts the table by `column`; by the same column again, in the other order.
    mutating func sort(by column: StatsTable.Column) {
        if column == sortColumn { sortDescending.toggle() } else { (sortColumn, sortDescending) = (column, false) }
    }

    /// Whether a run and tag (both safe to draw) pass the filters: what the table shows.
    func shows(run: String, tag: String) -> Bool {
        (runFilter?.matches(run) ?? true) && (tagFilter?.matches(tag) ?? true)
    }

    /// Whether the charts show run `index` (named `run`) with `tag`: it passes the filters
    /// and, when runs are chosen in the table, is one of them.
    func charts(run index: Int, named run: String, tag: String) -> Bool {
        shows(run: run, tag: tag) && (chosenRuns.isEmpty || chosenRuns.contains(index))
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
        "m        system metrics (CPU, memory, disk, network, GPU)",
        "t        table: last, min, max per run and tag, and hyperparameters",
        "1 … 9    sort the table by a column (again: reverse)",
        "         in the table: ←→ sort by the column left / right,",
        "         r reverse, ↑↓ move, space choose the run for the",
        "         charts (none chosen: all), c choose none",
        "e        export the panel or table as text",
        "?        this help",
    ]
}
