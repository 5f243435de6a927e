import NNCharts

/// What a key of a study's dashboard does.
enum KeyAction: Equatable, Sendable {
    case quit, pause, restart, export, help
    case nextPanel, previousPanel
    /// Shows or hides the series of this index (0 for key `1`).
    case toggleSeries(Int)
    /// Opens the list of every series (`0`).
    case seriesList
    case logY, lessSmoothing, moreSmoothing, zoom
    /// The selected chart's x axis: zoom in and out, pan left and right, the whole range again.
    case zoomXIn, zoomXOut, panLeft, panRight, resetX
    /// The y axis fitting every value instead of leaving outliers out.
    case fullY
    /// The value cursor on or off, and moved by steps (negative: left) or pages of steps.
    case cursor, cursorStep(Int), cursorPage(Int)
    /// One of the study's own keys.
    case study(StudyAction)
    /// A replay's playback key.
    case replay(ReplayPlayback.Command)
    /// Opens this step of the lesson being walked through (`nndash lesson`).
    case lessonStep(Int)
    /// The findings (the side panel) in place of the charts, or the charts again, on a
    /// terminal too narrow for the side panel (`w`).
    case findings
}

/// A key of a chart's axes, shared by the study dashboards and the watch view.
enum AxisKey: Equatable, Sendable { case logY, zoomIn, zoomOut, panLeft, panRight, resetX, fullY }

/// The key tables of the study dashboards. A key is in a table only when it changes something
/// in the view it is shown for: moving between panels needs two panels, zoom needs something
/// to hide, log scale and smoothing a chart of lines.
enum DashboardKeys {
    /// What decides which keys work.
    struct Context: Equatable {
        var panels = 0
        /// The most series any panel has (lines, or paths over a heatmap).
        var series = 0
        /// Whether a panel is a chart of lines (`l`), and one with a line to smooth (`s`/`S`).
        var hasLines = false
        var hasSmoothable = false
        /// Whether the side panel is shown beside the charts (`z` hides it).
        var sideShown = false
        var zoomed = false
        /// Whether the selected panel is a chart of lines (the axis keys act on it), and
        /// whether its x axis is zoomed (then it can zoom out, pan and reset).
        var selectedIsLines = false
        var xZoomed = false
        /// Whether the value cursor is shown (then ← → move it instead of the selection).
        var cursorOn = false
        /// Whether the terminal is too narrow for the side panel while there are findings to
        /// show in it (`w` shows them in place of the charts), and whether they are shown so.
        var findingsHidden = false
        var findingsShown = false

        init(panels: [Panel], sideShown: Bool, zoomed: Bool, view: ViewState = ViewState(), narrowFindings: Bool = false) {
            self.panels = panels.count
            if panels.indices.contains(view.selectedPanel), case .lines = panels[view.selectedPanel].content {
                selectedIsLines = true
                xZoomed = !(view.xWindows[view.selectedPanel] ?? .whole).isWhole
                cursorOn = view.cursor != nil
            }
            for panel in panels {
                switch panel.content {
                case .lines:
                    series = max(series, panel.series.count)
                    hasLines = true
                    if panel.series.indices.contains(where: { !panel.pointSeries.contains($0) }) { hasSmoothable = true }
                case .heatmap: series = max(series, panel.series.count)
                case .bars, .table, .diagram: break
                }
            }
            self.sideShown = sideShown
            self.zoomed = zoomed
            findingsShown = narrowFindings && view.showsFindings
            findingsHidden = narrowFindings && !view.showsFindings
        }
    }

    /// Whose keys a dashboard has: a live study's, or a replay's.
    enum Kind: Equatable, Sendable { case live, replay }

    /// The keys that work in `screen`'s dashboard showing `panels` in `width` columns;
    /// `findings`: whether its side panel has anything to show.
    static func table(_ kind: Kind, screen: any StudyScreen, panels: [Panel], width: Int, view: ViewState,
                      walk: Walkthrough? = nil, findings: Bool = false) -> [KeyBinding<KeyAction>]
    {
        let context = Context(panels: panels, sideShown: DashboardRenderer.sideWidth(width: width, zoomed: view.zoomed) > 0,
                              zoomed: view.zoomed, view: view,
                              narrowFindings: findings && !DashboardRenderer.sideFits(width: width))
        switch kind {
        case .live:
            if screen.isTyping { return own(screen.keys) }
            let keys = live(context, study: screen.keys)
            return walk.map { [keys[0]] + lesson($0) + keys.dropFirst() } ?? keys
        case .replay: return replay(context)
        }
    }

    /// A lesson walk's keys: the previous step unless this is the first, the next unless the last.
    static func lesson(_ walk: Walkthrough) -> [KeyBinding<KeyAction>] {
        var keys: [KeyBinding<KeyAction>] = []
        if walk.step > 1 {
            keys.append(KeyBinding(.character("<"), "<", "prev step", "the lesson's previous step (\(walk.step - 1) of \(walk.count))",
                                   .lessonStep(walk.step - 1)))
        }
        if walk.step < walk.count {
            keys.append(KeyBinding(.character(">"), ">", "next step", "the lesson's next step (\(walk.step + 1) of \(walk.count))",
                                   .lessonStep(walk.step + 1)))
        }
        return keys
    }

    /// A live study's keys: quit, pause and restart, the study's own, the view's, export and
    /// help; with the findings in place of the charts, none of the charts' keys.
    static func live(_ context: Context, study: [KeyBinding<StudyAction>]) -> [KeyBinding<KeyAction>] {
        let keys = [quit,
                    KeyBinding(.character(" "), "space", "pause", "pause / resume the study", .pause),
                    KeyBinding(.character("r"), "r", "restart", "restart the study", .restart)]
            + own(study)
        return context.findingsShown ? keys + [findings(shown: true), help] : keys + view(context) + end(context)
    }

    /// `w`: the findings in place of the charts (`shown` false), or the charts again.
    static func findings(shown: Bool) -> KeyBinding<KeyAction> {
        var key: KeyBinding<KeyAction> = shown ? KeyBinding(.character("w"), "w", "charts", "the charts again in place of the findings", .findings)
            : KeyBinding(.character("w"), "w", "findings", "the findings (the side panel) in place of the charts", .findings)
        key.kept = true
        return key
    }

    /// A study's own keys as the app's.
    static func own(_ study: [KeyBinding<StudyAction>]) -> [KeyBinding<KeyAction>] {
        study.map { binding in
            KeyBinding(binding.keys, binding.word, help: binding.helpKeys, binding.help,
                       binding.presses.map { ($0.key, KeyAction.study($0.action)) })
        }
    }

    /// A replay's keys: its playback in place of the study's, then the view's.
    static func replay(_ context: Context) -> [KeyBinding<KeyAction>] {
        let keys: [KeyBinding<KeyAction>] = [quit,
         KeyBinding(.character(" "), "space", "play/pause", "play / pause (from the start at the end)", .replay(.togglePlay)),
         KeyBinding(.character("r"), "r", "restart", "play again from the start", .replay(.restart)),
         KeyBinding("←/→", "step", help: "← →", "one recorded step back / forward",
                    [(.left, .replay(.stepBack)), (.right, .replay(.stepForward))]),
         KeyBinding("+/-", "speed", help: "+ -", "faster / slower playback",
                    [(.character("+"), .replay(.faster)), (.character("="), .replay(.faster)),
                     (.character("-"), .replay(.slower)), (.character("_"), .replay(.slower))])]
        if context.findingsShown { return keys + [findings(shown: true), help] }
        // While the value cursor is shown, ← → move it instead of the playback.
        return keys.filter { !context.cursorOn || $0.keys != "←/→" }
            + view(context, arrows: false, zoomKeys: false) + end(context)
    }

    static let quit = KeyBinding<KeyAction>("q", "quit", help: "q  Q", "quit", [(.character("q"), .quit), (.character("Q"), .quit)])

    /// The keys that change how the panels are shown; a replay's ←→ step instead of moving,
    /// and its + - set the speed, not the zoom.
    static func view(_ context: Context, arrows: Bool = true, zoomKeys: Bool = true) -> [KeyBinding<KeyAction>] {
        // First, so that a narrow footer keeps it: the only way to the side panel's findings.
        var keys: [KeyBinding<KeyAction>] = context.findingsHidden ? [findings(shown: false)] : []
        if context.panels > 1 {
            keys.append(arrows && !context.cursorOn
                ? KeyBinding("tab", "panel", help: "tab ←→↑↓", "move between panels (shift-tab ← ↑ back)",
                             [(.tab, .nextPanel), (.right, .nextPanel), (.down, .nextPanel),
                              (.backTab, .previousPanel), (.left, .previousPanel), (.up, .previousPanel)])
                : KeyBinding("tab", "panel", help: "tab ↑↓", "move between panels (shift-tab ↑ back)",
                             [(.tab, .nextPanel), (.down, .nextPanel), (.backTab, .previousPanel), (.up, .previousPanel)]))
        }
        if context.series > 0 {
            let last = min(9, context.series)
            let keys1 = last == 1 ? "1" : "1-\(last)"
            keys.append(KeyBinding(keys1, "series", help: last == 1 ? "1" : "1 … \(last)",
                                   "show / hide series N of the selected chart and same-series ones",
                                   (1...last).map { (.character(Character(String($0))), .toggleSeries($0 - 1)) }))
            keys.append(KeyBinding(.character("0"), "0", "all series",
                                   "the chart's series listed: ↑↓, space show/hide, a all, Enter",
                                   .seriesList))
        }
        if context.selectedIsLines {
            keys += cursor(on: context.cursorOn)
            keys += axis(xZoomed: context.xZoomed, zoomKeys: zoomKeys).map { binding in
                KeyBinding(binding.keys, binding.word, help: binding.helpKeys, binding.help,
                           binding.presses.map { ($0.key, Self.action(of: $0.action)) })
            }
        }
        if context.hasSmoothable {
            keys.append(KeyBinding("s/S", "smooth", help: "s  S", "less / more smoothing",
                                   [(.character("s"), .lessSmoothing), (.character("S"), .moreSmoothing)]))
        }
        if context.panels > 1 || context.sideShown || context.zoomed {
            keys.append(KeyBinding(.character("z"), "z", "zoom", "zoom the selected panel (hides the others)", .zoom))
        }
        return keys
    }

    /// The selected chart's axis keys, the same in every view: `l` log y, `y` every value on
    /// y (outliers too), `+` zooms x in, and once zoomed `-` out, `,` `.` pan and `X` shows the
    /// whole range. `zoomKeys` false leaves out `+` `-` (a replay's speed).
    static func axis(xZoomed: Bool, zoomKeys: Bool) -> [KeyBinding<AxisKey>] {
        var keys: [KeyBinding<AxisKey>] = [
            KeyBinding("l/y", "log/full-y", help: "l  y", "log y (the selected chart) / y fits outliers too",
                       [(.character("l"), .logY), (.character("y"), .fullY)]),
        ]
        var presses: [(Key, AxisKey)] = zoomKeys ? [(.character("+"), .zoomIn), (.character("="), .zoomIn)] : []
        if xZoomed {
            if zoomKeys { presses.append((.character("-"), .zoomOut)) }
            presses += [(.character(","), .panLeft), (.character("."), .panRight), (.character("X"), .resetX)]
        }
        if !presses.isEmpty {
            keys.append(!xZoomed ? KeyBinding("+", "x-zoom", "zoom x in (the selected chart)", presses)
                : zoomKeys ? KeyBinding("+/-", "x-zoom", help: "+ - , . X", "zoom x in / out, move along x, whole x", presses)
                : KeyBinding(",/.", "pan-x", help: ", . X", "move along x, whole x", presses))
        }
        return keys
    }

    /// The value cursor's keys: `v` shows it; once shown, ← → move it a step, shift-← → and
    /// PgUp PgDn a page, and `v` or Esc hide it.
    static func cursor(on: Bool) -> [KeyBinding<KeyAction>] {
        guard on else {
            return [KeyBinding(.character("v"), "v", "values", "value cursor: every series' value at one step",
                               .cursor)]
        }
        return [KeyBinding("←/→", "cursor", help: "← → ⇧←→ PgUp PgDn v", "value cursor: step / page; v Esc hide",
                           [(.left, .cursorStep(-1)), (.right, .cursorStep(1)), (.shiftLeft, .cursorPage(-1)),
                            (.shiftRight, .cursorPage(1)), (.pageUp, .cursorPage(-1)), (.pageDown, .cursorPage(1)),
                            (.character("v"), .cursor), (.escape, .cursor)])]
    }

    /// What an axis key does in a dashboard.
    static func action(of key: AxisKey) -> KeyAction {
        switch key {
        case .logY: .logY
        case .zoomIn: .zoomXIn
        case .zoomOut: .zoomXOut
        case .panLeft: .panLeft
        case .panRight: .panRight
        case .resetX: .resetX
        case .fullY: .fullY
        }
    }

    /// Export (when there is a panel) and help, always last.
    static func end(_ context: Context) -> [KeyBinding<KeyAction>] {
        (context.panels > 0 ? [KeyBinding(.character("e"), "e", "export", "export the selected panel as text (a chart also as CSV and SVG)", .export)] : [])
            + [help]
    }

    static let help = KeyBinding<KeyAction>("?", "help", help: "?  h", "this help",
                                            [(.character("?"), .help), (.character("h"), .help)])
}
