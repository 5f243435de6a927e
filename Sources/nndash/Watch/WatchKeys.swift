import NNCharts

/// What a key of the watch view does.
enum WatchAction: Equatable, Sendable {
    case quit, export, help
    case filterTags, filterRuns
    case table, system
    case xAxis, lessSmoothing, moreSmoothing, logY, zoom
    case nextPanel, previousPanel
    /// The next or previous page of charts.
    case nextPage, previousPage
    /// Pins the selected chart (first, on every page), or unpins it.
    case pin
    /// The next or previous grid of charts (rows x columns on a page).
    case nextGrid, previousGrid
    /// Shows or hides run `index` on the charts (0 for key `1`), as a dashboard's digits do its series.
    case toggleRun(Int)
    /// Opens the list of every run (`0`).
    case runList
    /// One of the selected chart's axis keys.
    case axis(AxisKey)
    /// The value cursor on or off, and moved by steps (negative: left) or pages of steps.
    case cursor, cursorStep(Int), cursorPage(Int)
    // The table's own.
    case sortLeft, sortRight, reverse, choose, chooseNone
    case cursorUp, cursorDown, pageUp, pageDown, top, bottom
}

/// The watch view's key tables, one for the charts and one for the table: what the footer
/// and the help list, and what the keys do. The digits show and hide runs, as they do series
/// in every dashboard; the table sorts with ← →.
enum WatchKeys {
    /// The keys that work in `mode` with `panels` charts of `runs` runs.
    /// - Parameters:
    ///   - lines: whether the selected panel is a chart of lines (`l` and the axis keys act on it).
    ///   - xZoomed: whether its x axis is zoomed.
    ///   - pages: the pages the charts take.
    ///   - pinned: whether a chart is pinned (so that `*` can unpin it).
    ///   - cursorOn: whether the value cursor is shown (then ← → PgUp PgDn move it, not the
    ///     selection or the page).
    static func table(mode: WatchView.Mode, panels: Int, runs: Int, zoomed: Bool, lines: Bool = false,
                      xZoomed: Bool = false, pages: Int = 1, pinned: Bool = false,
                      cursorOn: Bool = false, grid: WatchGrid? = nil) -> [KeyBinding<WatchAction>] {
        let filters = [
            KeyBinding<WatchAction>(.character("/"), "/", "tags", "filter tags (regex; Enter applies, Esc cancels, Ctrl-U clears)", .filterTags),
            KeyBinding(.character("f"), "f", "runs", "filter runs by config (lr>=0.05) and name (regex)", .filterRuns),
        ]
        let export = KeyBinding<WatchAction>(.character("e"), "e", "export", "export the selected chart as text, CSV and SVG (the table as text)", .export)
        let help = KeyBinding<WatchAction>("?", "help", help: "?  h", "this help", [(.character("?"), .help), (.character("h"), .help)])
        let quit = KeyBinding<WatchAction>("q", "quit", help: "q  Q", "quit", [(.character("q"), .quit), (.character("Q"), .quit)])
        if mode == .table {
            return [quit,
                    KeyBinding(.character("t"), "t", "charts", "back to the charts", .table),
                    KeyBinding("←/→", "sort", help: "← →", "sort by the column left / right",
                               [(.left, .sortLeft), (.right, .sortRight)]),
                    KeyBinding(.character("r"), "r", "reverse", "reverse the order", .reverse),
                    KeyBinding("↑/↓", "move", help: "↑↓ PgUp PgDn Home End", "move the cursor",
                               [(.up, .cursorUp), (.down, .cursorDown), (.pageUp, .pageUp), (.pageDown, .pageDown),
                                (.home, .top), (.end, .bottom)]),
                    KeyBinding(.character(" "), "space", "choose", "choose the run for the charts (none chosen: all)", .choose),
                    KeyBinding(.character("c"), "c", "none", "choose no run (the charts show all)", .chooseNone)]
                + filters
                + [KeyBinding(.character("m"), "m", "system", "system metrics (CPU, memory, disk, network, GPU)", .system),
                   export, help]
        }
        var keys = [quit] + filters + [
            KeyBinding(.character("x"), "x", "x-axis", "x axis: step, relative time, wall time", .xAxis),
            KeyBinding("s/S", "smooth", help: "s  S", "less / more smoothing",
                       [(.character("s"), .lessSmoothing), (.character("S"), .moreSmoothing)]),
            KeyBinding(.character("t"), "t", "table", "table: last, min, max per run and tag, and hyperparameters", .table),
            KeyBinding(.character("m"), "m", mode == .system ? "training" : "system",
                       mode == .system ? "back to the training's charts" : "system metrics (CPU, memory, disk, network, GPU)",
                       .system),
        ]
        if lines {
            keys += DashboardKeys.cursor(on: cursorOn).map { binding in
                KeyBinding(binding.keys, binding.word, help: binding.helpKeys, binding.help,
                           binding.presses.map { press -> (Key, WatchAction) in
                               switch press.action {
                               case .cursorStep(let by): (press.key, .cursorStep(by))
                               case .cursorPage(let by): (press.key, .cursorPage(by))
                               default: (press.key, .cursor)
                               }
                           })
            }
            keys += DashboardKeys.axis(xZoomed: xZoomed, zoomKeys: true).map { binding in
                KeyBinding(binding.keys, binding.word, help: binding.helpKeys, binding.help,
                           binding.presses.map { ($0.key, $0.action == .logY ? WatchAction.logY : .axis($0.action)) })
            }
        }
        if panels > 1 {
            keys.append(cursorOn
                ? KeyBinding("tab", "panel", help: "tab ↑↓", "move between panels (shift-tab ↑ back)",
                             [(.tab, .nextPanel), (.down, .nextPanel), (.backTab, .previousPanel), (.up, .previousPanel)])
                : KeyBinding("tab", "panel", help: "tab ←→↑↓", "move between panels (shift-tab ← ↑ back)",
                             [(.tab, .nextPanel), (.right, .nextPanel), (.down, .nextPanel),
                              (.backTab, .previousPanel), (.left, .previousPanel), (.up, .previousPanel)]))
        }
        if pages > 1 && !cursorOn {
            keys.append(KeyBinding("PgDn/PgUp", "page", help: "PgDn PgUp", "next / previous page of charts",
                                   [(.pageDown, .nextPage), (.pageUp, .previousPage)]))
        }
        if panels > 1 || pinned {
            keys.append(KeyBinding(.character("*"), "*", "pin", "pin the selected chart (first, on every page) or unpin it", .pin))
        }
        if runs > 0 {
            let last = min(9, runs)
            keys.append(KeyBinding(last == 1 ? "1" : "1-\(last)", "runs", help: last == 1 ? "1" : "1 … \(last)",
                                   "show / hide a run on the charts (legends number them)",
                                   (1...last).map { (.character(Character(String($0))), .toggleRun($0 - 1)) }))
            keys.append(KeyBinding(.character("0"), "0", "all runs",
                                   "every run in a list: show / hide, pin, all, filter", .runList))
        }
        if panels > 1 || zoomed {
            keys.append(KeyBinding(.character("z"), "z", "zoom", "zoom the selected panel (hides the others)", .zoom))
        }
        if panels > 1 || grid != nil {
            keys.append(KeyBinding("g/G", "grid", help: "g  G",
                                   "grid of charts on a page: as many as fit, 1x1 … 3x3 (G back)",
                                   [(.character("g"), .nextGrid), (.character("G"), .previousGrid)]))
        }
        if panels > 0 { keys.append(export) }
        return keys + [help]
    }
}
