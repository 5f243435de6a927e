@testable import nndash
import Foundation
import NNCharts
import NNRuns
import NNStudies
@testable import NNTerminal
import Testing

/// Every dashboard's keys, driven through the key handling the app uses: each advertised key
/// changes the state it names, a key not advertised changes nothing, and the footer and the
/// `?` help list exactly the advertised keys.
@Suite struct DashboardKeyTests {
    /// Every key a terminal reports: printable ASCII, the named keys and a few Ctrl-letters.
    static let everyKey: [Key] = (32...126).map { .character(Character(Unicode.Scalar(UInt8($0)))) }
        + [.up, .down, .left, .right, .shiftLeft, .shiftRight, .tab, .backTab, .enter, .escape, .backspace, .pageUp, .pageDown, .home, .end,
           .control("u"), .control("w")]

    static let sizes = [(80, 24), (200, 60)]

    /// The footer's entries as drawn (its note, if any, left out).
    static func footerEntries(_ row: String) -> [String] {
        let keys = row.components(separatedBy: "  ·").last ?? row
        return keys.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ")
    }

    /// The study's settings as text, to see whether a key changed them.
    static func settings(of screen: any StudyScreen) -> String {
        switch screen {
        case let s as GradientDescentScreen: "\(s.settings.value)"
        case let s as MomentumScreen: "\(s.settings.value)"
        case let s as OptimizersScreen: "\(s.settings.value)"
        case let s as LossesScreen: "\(s.settings.value)"
        case let s as OptimizerSessionScreen: "\(s.settings.value)"
        case let s as DeadReLUScreen: "\(s.settings.value)"
        default: ""
        }
    }

    /// Checks that pressing `key` from `before` changed what `action` names.
    static func expect(_ action: KeyAction, of key: Key, returned: KeyAction?, before: ViewState, after: ViewState,
                       _ place: String) {
        let context = "\(place): \(key) (\(action))"
        switch action {
        case .quit, .pause, .restart, .export, .replay, .lessonStep:
            #expect(returned == action, "\(context) returned \(String(describing: returned))")
            #expect(after == before, "\(context) changed the view")
        case .study(let asked):
            // A study's key returns what its handler did; a message is checked by its kind.
            if case .message = asked, case .study(.message)? = returned {} else {
                #expect(returned == action, "\(context) returned \(String(describing: returned))")
            }
        case .help: #expect(after.showHelp && !before.showHelp, "\(context)")
        case .nextPanel, .previousPanel: #expect(after.selectedPanel != before.selectedPanel, "\(context)")
        case .toggleSeries(let i):
            // Series i changes in the panels it applies to (LegendDigitTests checks which), nothing else.
            let panels = Set(after.hiddenSeries.keys).union(before.hiddenSeries.keys)
            let changed = panels.map { after.hidden(inPanel: $0).symmetricDifference(before.hidden(inPanel: $0)) }
            #expect(changed.contains([i]) && changed.allSatisfy { $0.isEmpty || $0 == [i] }, "\(context)")
        case .seriesList: #expect(after.picker != nil, "\(context)")
        case .logY:
            #expect(after.logYToggled.symmetricDifference(before.logYToggled) == [before.selectedPanel], "\(context)")
        case .zoomXIn, .zoomXOut, .panLeft, .panRight, .resetX:
            let (was, now) = (before.xWindow(before.selectedPanel), after.xWindow(before.selectedPanel))
            switch action {
            case .zoomXIn: #expect(now.width < was.width, "\(context)")
            case .zoomXOut: #expect(now.width > was.width, "\(context)")
            case .panLeft: #expect(now.lower < was.lower && now.width == was.width, "\(context)")
            case .panRight: #expect(now.lower > was.lower && now.width == was.width, "\(context)")
            default: #expect(now.isWhole && !was.isWhole, "\(context)")
            }
        case .fullY: #expect(after.fullY != before.fullY, "\(context)")
        case .cursor: #expect((after.cursor == nil) != (before.cursor == nil), "\(context)")
        case .cursorStep(let by), .cursorPage(let by):
            let (was, now) = (before.cursor ?? .nan, after.cursor ?? .nan)
            #expect(by < 0 ? now < was : now > was, "\(context): \(was) to \(now)")
        case .lessSmoothing: #expect(after.smoothing < before.smoothing, "\(context)")
        case .moreSmoothing: #expect(after.smoothing > before.smoothing, "\(context)")
        case .zoom: #expect(after.zoomed != before.zoomed, "\(context)")
        case .findings: #expect(after.showsFindings != before.showsFindings, "\(context)")
        }
        if case .study = action {} else if returned != nil {
            #expect(returned == action, "\(context) returned \(String(describing: returned))")
        }
    }

    /// Presses every key of `kind`'s table, and every other key, on `screen` showing `state`.
    static func checkKeys(_ screen: any StudyScreen, _ state: any StudySnapshot, kind: DashboardKeys.Kind,
                          walk: Walkthrough? = nil) {
        for (width, height) in sizes {
          for cursor in [false, true] {
            let name = "\(screen.study) \(kind) \(width)x\(height)\(cursor ? " cursor" : "")"
            var start = DashboardControls(screen: screen, kind: kind, walk: walk)
            start.view.smoothing = 0.5
            // The selected chart zoomed into its middle, so every axis key has somewhere to go.
            start.view.xWindows[0] = XWindow(lower: 0.25, upper: 0.5)
            // The value cursor, when on, in the middle of the chart's steps, free to move both ways.
            let steps = DashboardControls.cursorSteps(screen.panels(of: state), view: start.view, selected: 0)
            if cursor {
                guard steps.count >= 3 else { continue }
                start.view.cursor = steps[steps.count / 2]
            }
            let keys = start.keys(for: state, width: width)
            #expect(keys.first?.footer == "q quit" && keys.last?.footer == "? help", "\(name)")
            for binding in keys {
                for press in binding.presses {
                    var controls = start
                    let settings = settings(of: screen)
                    let returned = controls.handle(press.key, state: state, width: width)
                    expect(press.action, of: press.key, returned: returned, before: start.view, after: controls.view, name)
                    if case .study(.restart) = press.action, Self.settings(of: screen) == settings {
                        // At the end of its range (momentum 0): the opposite key first, then it must change.
                        for other in binding.presses where other.key != press.key {
                            _ = controls.handle(other.key, state: state, width: width)
                            let between = Self.settings(of: screen)
                            _ = controls.handle(press.key, state: state, width: width)
                            #expect(Self.settings(of: screen) != between, "\(name): \(press.key) changed no setting")
                        }
                    }
                    // The losses screen's i starts typing, which takes every key: stop, for the next press.
                    (screen as? LossesScreen)?.settings.update { $0.line = nil }
                }
            }
            let advertised = Set(keys.flatMap { $0.presses.map(\.key) })
            for key in everyKey where !advertised.contains(key) {
                var controls = start
                let settings = settings(of: screen)
                let returned = controls.handle(key, state: state, width: width)
                #expect(returned == nil && controls.view == start.view, "\(name): \(key) is not advertised but works")
                #expect(Self.settings(of: screen) == settings, "\(name): \(key) changed the study")
            }
            checkListing(screen, state, kind: kind, keys: keys, width: width, height: height, walk: walk, view: start.view)
          }
        }
    }

    /// The footer (when nothing must be left out) and the help list the table's keys, in its order.
    static func checkListing(_ screen: any StudyScreen, _ state: any StudySnapshot, kind: DashboardKeys.Kind,
                             keys: [KeyBinding<KeyAction>], width: Int, height: Int, walk: Walkthrough? = nil,
                             view: ViewState = ViewState()) {
        let name = "\(screen.study) \(kind) \(width)x\(height)"
        var view = view
        let frame = { (view: ViewState) in
            DashboardFrame(state: state, status: "finished", steps: 1, note: nil, view: view, unicode: true,
                           colorMode: .palette256, keys: kind, walk: walk)
        }
        var buffer = Buffer(width: width, height: height)
        let renderer = DashboardRenderer(screen: screen)
        renderer.render(frame(view), into: &buffer)
        let footer = footerEntries(buffer.plainText.split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)[height - 1])
        let all = keys.map(\.footer)
        if KeyLine(all).text(width: width).count <= width && " \(all.joined(separator: "  "))".count <= width {
            #expect(footer == all, "\(name): footer \(footer), keys \(all)")
        } else {
            // Too narrow for all: those shown are keys of the table, in its order, quit and help kept.
            #expect(footer.first == "q quit" && footer.last == "? help", "\(name): \(footer)")
            var rest = all[...]
            for entry in footer {
                guard let at = rest.firstIndex(of: entry) else { Issue.record("\(name): \(entry) not a key"); break }
                rest = rest[(at + 1)...]
            }
        }
        view.showHelp = true
        let lines = renderer.helpLines(frame(view), width: width)
        let listed = lines.filter { !$0.isEmpty && $0 != "Keys" && !$0.hasPrefix("Keys of ") && $0 != "any key closes this help" }
        #expect(listed.sorted() == keys.map(\.helpLine).sorted(), "\(name): help \(listed)")
        buffer = Buffer(width: width, height: height)
        renderer.render(frame(view), into: &buffer)
        // Where every sentence fits on its row (HelpOverlayTests reads the wrapped and scrolled help).
        if height >= 60 {
            for line in listed { #expect(buffer.plainText.contains(line), "\(name): help does not show \(line)") }
        }
    }

    @Test(arguments: DashboardLegibilityTests.dashboards)
    func everyAdvertisedKeyWorksAndNoOther(_ dashboard: DashboardLegibilityTests.Dashboard) throws {
        let state = try dashboard.snapshot()
        Self.checkKeys(dashboard.screen, state, kind: .live)
    }

    /// A step of `nndash lesson`: `<` and `>` where there is a step to go to, each opening that
    /// step, listed in the footer and the help like every other key.
    @Test(arguments: [1, 2, 4])
    func lessonStepKeysWorkAndNoOther(_ step: Int) throws {
        let dashboard = try #require(DashboardLegibilityTests.dashboards.first { $0.screen.study == "gd" })
        // A screen of its own: its keys change its settings, which other tests' screens must not see.
        let screen = GradientDescentScreen(settings: LiveSettings(GradientDescent.Configuration()))
        let walk = Walkthrough(lesson: 1, step: step, count: 4, topic: "gradient descent", look: "Watch x.")
        Self.checkKeys(screen, try dashboard.snapshot(), kind: .live, walk: walk)
        let keys = DashboardControls(screen: screen, walk: walk).keys(for: try dashboard.snapshot(), width: 80)
        let steps = keys.flatMap(\.presses).compactMap { press -> Int? in
            if case .lessonStep(let n) = press.action { return n } else { return nil }
        }
        #expect(steps == [step - 1, step + 1].filter { (1...4).contains($0) })
        #expect(walk.arguments(forStep: 3) == ["lesson", "1", "--step", "3"])
    }

    @Test func replayKeysWorkAndNoOther() throws {
        let dashboard = try #require(DashboardLegibilityTests.dashboards.first { $0.screen.study == "train" })
        Self.checkKeys(dashboard.screen, try dashboard.snapshot(), kind: .replay)
    }

    /// Train's `c` with a run to checkpoint: the request is made and the footer says so.
    @Test func checkpointKeyAsksAndSays() throws {
        let dashboard = try #require(DashboardLegibilityTests.dashboards.first { $0.screen.study == "train" })
        let state = try dashboard.snapshot()
        let request = CheckpointRequest(url: URL(fileURLWithPath: "/nonexistent/run.ckpt"))
        let screen = TrainScreen(checkpointRequest: request)
        Self.checkKeys(screen, state, kind: .live)
        _ = request.take()
        var controls = DashboardControls(screen: screen)
        #expect(controls.handle(.character("c"), state: state, width: 80) == .study(.message(
            "checkpoint asked for: saved to run.ckpt after this iteration")))
        #expect(request.take())
        #expect(controls.message.text?.hasPrefix("checkpoint asked for") == true)
        // The run's snapshot then says where it went, once.
        var saved = try #require(state as? Training.Snapshot)
        saved.savedCheckpoint = (iteration: 7, path: "run.ckpt")
        #expect(screen.news(since: state, now: saved) == "checkpoint saved at iteration 7: run.ckpt")
        #expect(screen.news(since: saved, now: saved) == nil)
    }

    /// 1-9 reach the first nine series; `0` lists every one, so the tenth can be hidden too.
    @Test func theSeriesListReachesEverySeries() throws {
        let dashboard = try #require(DashboardLegibilityTests.dashboards.first { $0.screen.study == "sweep" })
        let state = try dashboard.snapshot()
        let series = dashboard.screen.panels(of: state)[0].series
        #expect(series.count == 10)
        var controls = DashboardControls(screen: dashboard.screen)
        for key in [Key.character("0"), .end, .character(" "), .up, .character(" "), .enter] {
            _ = controls.handle(key, state: state, width: 200)
        }
        // Hidden in the first chart and in the charts of the same runs, nowhere else.
        let scope = ViewState.SeriesScope.selected(0, of: dashboard.screen.panels(of: state))
        #expect(controls.view.hiddenSeries == Dictionary(uniqueKeysWithValues: scope.panels.map { ($0, Set([8, 9])) })
                && controls.view.picker == nil, "\(controls.view.hiddenSeries)")
        // Hidden series stay in the legend, numbered, dimmed and marked in words.
        let rows = DashboardLegibilityTests.render(dashboard.screen, state, view: controls.view, width: 200, height: 60)
        let legend = rows.prefix(6).joined(separator: "\n")
        #expect(legend.contains("9 ·· \(series[8].label) (hidden)"), "\(legend)")
        #expect(legend.contains("·· \(series[9].label) (hidden)"), "\(legend)")
        #expect(legend.contains("1 ━━ \(series[0].label)"), "\(legend)")
        // `a` in the list shows them all again; `q` in the list still quits.
        for key in [Key.character("0"), .character("a"), .escape] { _ = controls.handle(key, state: state, width: 200) }
        #expect(controls.view.hiddenSeries.isEmpty)
        _ = controls.handle(.character("0"), state: state, width: 200)
        #expect(controls.handle(.character("q"), state: state, width: 200) == .quit)
    }

    /// A message replaces the one before, a restart clears it, and it expires by its number only.
    @Test func messagesAreReplacedClearedAndExpire() throws {
        let dashboard = try #require(DashboardLegibilityTests.dashboards.first { $0.screen.study == "sweep" })
        let state = try dashboard.snapshot()
        var controls = DashboardControls(screen: dashboard.screen)
        let first = controls.say("exported to a.txt")
        let second = controls.say("exported to b.txt")
        controls.expire(first)
        #expect(controls.message.text == "exported to b.txt")
        controls.expire(second)
        #expect(controls.message.text == nil)
        controls.say("exported to c.txt")
        #expect(controls.handle(.character("r"), state: state, width: 80) == .restart)
        #expect(controls.message.text == nil)
    }

    /// Exports are named as run folders are, by the one function that names both.
    @Test func exportsAreNamedLikeRunFolders() {
        let date = Date(timeIntervalSince1970: 1_796_184_885)
        let folder = Recorder.defaultFolder(study: "sweep", date: date).lastPathComponent
        #expect(folder == "sweep-20261202-041445")
        #expect(PanelExport.stem(study: "sweep", date: date, exists: { _ in false }) == folder)
        // A name is taken when any of its three files is there.
        let taken: Set = [folder + ".txt", folder + "-2.svg"]
        #expect(PanelExport.stem(study: "sweep", date: date, exists: taken.contains) == folder + "-3")
    }

    /// Ctrl and a letter is a key of its own; no other control character is a key.
    @Test func controlCharactersNeverArriveAsText() {
        #expect(Terminal.key(status: 0, code: 21) == .control("u"))
        #expect(Terminal.key(status: 0, code: 23) == .control("w"))
        #expect(Terminal.key(status: 0, code: 9) == .tab)
        #expect(Terminal.key(status: 0, code: 127) == .backspace)
        for code in [0, 28, 31, 0x85, 0x9B] { #expect(Terminal.key(status: 0, code: .init(code)) == nil, "\(code)") }
        #expect(Terminal.key(status: 0, code: 0x61) == .character("a"))
    }
}

/// The watch view's keys, driven through `WatchScreen.handle` as the app does, in each of its
/// modes: each advertised key changes what it names, no other key does anything, and the
/// footer and the help list exactly the advertised keys.
@Suite struct WatchKeyTests {
    /// Two runs with a loss and an accuracy each, read from a new folder.
    static func screen() throws -> WatchScreen {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{\"step\": 0, \"loss\": 4, \"acc\": 0.1}\n{\"step\": 1, \"loss\": 3, \"acc\": 0.2}\n".utf8)
            .write(to: folder.appendingPathComponent("a.jsonl"))
        try Data("step,loss,acc\n0,5,0.2\n10,0.5,0.9\n".utf8).write(to: folder.appendingPathComponent("b.csv"))
        var curves = WatchCurves(WatchFeed.Settings())
        curves.update(from: try RunWatcher.read(paths: [folder.path]))
        var screen = WatchScreen()
        screen.show(curves)
        return screen
    }

    /// What is compared to see whether a key did anything.
    static func state(_ view: WatchView) -> String { "\(view)" }

    static func expect(_ action: WatchAction, _ key: Key, returned: WatchView.Command?, before: WatchView,
                       after: WatchView, _ place: String, chart: String = "loss") {
        let context = "\(place): \(key) (\(action))"
        switch action {
        case .quit: #expect(returned == .quit, "\(context)")
        case .export: #expect(returned == .export, "\(context)")
        case .xAxis: #expect(returned == .rebuild && after.xMode != before.xMode, "\(context)")
        case .lessSmoothing: #expect(returned == .rebuild && after.smoothing < before.smoothing, "\(context)")
        case .moreSmoothing: #expect(returned == .rebuild && after.smoothing > before.smoothing, "\(context)")
        case .help: #expect(after.showHelp, "\(context)")
        case .filterTags: #expect(after.prompt?.target == .tags, "\(context)")
        case .filterRuns: #expect(after.prompt?.target == .runs, "\(context)")
        case .table, .system: #expect(after.mode != before.mode, "\(context)")
        case .logY: #expect(after.logYTags != before.logYTags, "\(context)")
        case .axis(let axis):
            let tag = chart
            let (was, now) = (before.xWindows[tag] ?? .whole, after.xWindows[tag] ?? .whole)
            switch axis {
            case .zoomIn: #expect(now.width < was.width, "\(context)")
            case .zoomOut: #expect(now.width > was.width, "\(context)")
            case .panLeft: #expect(now.lower < was.lower && now.width == was.width, "\(context)")
            case .panRight: #expect(now.lower > was.lower && now.width == was.width, "\(context)")
            case .resetX: #expect(now.isWhole && !was.isWhole, "\(context)")
            case .fullY: #expect(after.fullY != before.fullY, "\(context)")
            case .logY: #expect(after.logYTags != before.logYTags, "\(context)")
            }
        case .cursor: #expect((after.cursor == nil) != (before.cursor == nil), "\(context)")
        case .cursorStep(let by), .cursorPage(let by):
            let (was, now) = (before.cursor ?? .nan, after.cursor ?? .nan)
            #expect(by < 0 ? now < was : now > was, "\(context): \(was) to \(now)")
        case .zoom: #expect(after.zoomed != before.zoomed, "\(context)")
        case .nextPanel, .previousPanel: #expect(after.selectedPanel != before.selectedPanel, "\(context)")
        case .nextPage, .previousPage: #expect(after.page != before.page, "\(context)")
        case .pin: #expect(after.pinnedPanels != before.pinnedPanels, "\(context)")
        case .nextGrid, .previousGrid: #expect(after.grid != before.grid, "\(context)")
        case .toggleRun(let run): #expect(after.hiddenRuns.symmetricDifference(before.hiddenRuns) == [run], "\(context)")
        case .runList: #expect(after.picker != nil, "\(context)")
        case .sortLeft, .sortRight: #expect(after.sortColumn != before.sortColumn, "\(context)")
        case .reverse: #expect(after.sortDescending != before.sortDescending, "\(context)")
        case .choose, .chooseNone: #expect(after.chosenRuns != before.chosenRuns, "\(context)")
        case .cursorUp, .cursorDown, .pageUp, .pageDown, .top, .bottom:
            #expect(after.tableCursor != before.tableCursor, "\(context)")
        }
    }

    @Test(arguments: [false, true])
    func everyAdvertisedKeyWorksAndNoOther(cursor: Bool) throws {
        // The charts of 131 tags, drawn at 120x36 and turned to their second page: the page
        // keys and pinning have somewhere to go.
        var paged = WatchLayoutTests.screen(try WatchLayoutTests.runs(2, tags: WatchLayoutTests.manyTags, seed: 3))
        _ = WatchLayoutTests.draw(&paged, 120, 36)
        _ = paged.handle(.pageDown)
        _ = WatchLayoutTests.draw(&paged, 120, 36)
        #expect(paged.view.page == 1 && paged.keys.contains { $0.footer == "PgDn/PgUp page" })
        for (mode, isPaged) in [(WatchView.Mode.charts, false), (.table, false), (.system, false), (.charts, true)] {
            var start = isPaged ? paged : try Self.screen()
            start.view.mode = mode
            // The value cursor, when on, in the middle of the selected chart's steps.
            if cursor, mode == .charts, let chart = start.selectedChart {
                var copy = start
                let steps = copy.lineChart(tag: chart, title: chart, cursor: false, unicode: true, colorMode: .none).cursorSteps
                #expect(steps.count >= 3, "\(chart): \(steps)")
                start.view.cursor = steps[steps.count / 2]
            }
            // Room to move every way: a middle column, a middle row, one run chosen, some smoothing.
            (start.view.smoothing, start.view.sortColumn, start.view.tableCursor) = (0.5, .last, 1)
            if mode == .table { start.view.chosenRuns = [0] }
            // The selected chart zoomed into its middle, so every axis key has somewhere to go.
            if mode == .charts && !cursor {
                #expect(isPaged || start.selectedChart == "loss")
                start.view.xWindows[try #require(start.selectedChart)] = XWindow(lower: 0.05, upper: 0.55)
            }
            let keys = start.keys
            #expect(keys.first?.footer == "q quit" && keys.last?.footer == "? help", "\(mode)")
            for binding in keys {
                for press in binding.presses {
                    var screen = start
                    // `c` (choose none) needs a run chosen; `space` (choose) one that is not.
                    if press.action == .choose { screen.view.chosenRuns = [] }
                    let before = screen.view
                    let returned = screen.handle(press.key)
                    Self.expect(press.action, press.key, returned: returned, before: before, after: screen.view,
                                "\(mode)\(isPaged ? ", paged" : "")", chart: start.selectedChart ?? "loss")
                }
            }
            let advertised = Set(keys.flatMap { $0.presses.map(\.key) })
            for key in DashboardKeyTests.everyKey where !advertised.contains(key) {
                var screen = start
                #expect(screen.handle(key) == nil && Self.state(screen.view) == Self.state(start.view),
                        "\(mode): \(key) is not advertised but works")
            }
            // The footer (wide enough for all) and the help list exactly these keys.
            var screen = start
            var buffer = Buffer(width: 300, height: 40)
            screen.render(into: &buffer, unicode: true, colorMode: .palette256)
            let rows = buffer.plainText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(DashboardKeyTests.footerEntries(rows[39]) == keys.map(\.footer), "\(mode): \(rows[39])")
            screen.view.showHelp = true
            buffer = Buffer(width: 120, height: 40)
            screen.render(into: &buffer, unicode: true, colorMode: .palette256)
            let text = buffer.plainText
            for line in keys.helpLines() { #expect(text.contains(line), "\(mode): help does not show \(line)") }
            let helpRows = text.split(separator: "\n").filter { row in
                keys.contains { row.contains($0.helpLine) }
            }
            #expect(helpRows.count == keys.count, "\(mode)")
        }
    }

    /// Hidden runs stay in the charts' legends, numbered, dimmed and marked.
    @Test func hiddenRunsStayInTheLegend() throws {
        var screen = try Self.screen()
        _ = screen.handle(.character("2"))
        #expect(screen.view.hiddenRuns == [1])
        var buffer = Buffer(width: 160, height: 40)
        screen.render(into: &buffer, unicode: true, colorMode: .palette256)
        // Each chart's title counts the hidden run, which "+N more" may otherwise take from view.
        #expect(buffer.lines.contains { $0.contains("(1 hidden)") }, "\(buffer.plainText)")
        #expect(buffer.plainText.contains("1 ━━ a.jsonl"), "\(buffer.plainText)")
        #expect(buffer.plainText.contains("2 ·· b.csv (hidden)"), "\(buffer.plainText)")
    }

    /// The filter prompt edits its text with Backspace, Ctrl-U and Ctrl-W, Esc keeps the filter
    /// as it was, Enter applies; no control character reaches the filter or the header.
    @Test func theFilterPromptEditsAndNeverTakesAControlCharacter() throws {
        var screen = try Self.screen()
        func type(_ text: String) { for c in text { _ = screen.handle(.character(c)) } }
        _ = screen.handle(.character("/"))
        type("loss")
        _ = screen.handle(.enter)
        #expect(screen.view.tagFilter?.pattern == "loss")
        _ = screen.handle(.character("/"))
        #expect(screen.view.prompt?.text == "loss")
        _ = screen.handle(.control("u"))
        #expect(screen.view.prompt?.text == "")
        type("acc  los")
        _ = screen.handle(.control("w"))
        #expect(screen.view.prompt?.text == "acc  ")
        _ = screen.handle(.control("w"))
        #expect(screen.view.prompt?.text == "")
        type("ab")
        _ = screen.handle(.backspace)
        #expect(screen.view.prompt?.text == "a")
        _ = screen.handle(.character("\u{15}"))
        _ = screen.handle(.control("x"))
        #expect(screen.view.prompt?.text == "a")
        _ = screen.handle(.escape)
        #expect(screen.view.prompt == nil && screen.view.tagFilter?.pattern == "loss")
        var buffer = Buffer(width: 120, height: 30)
        screen.render(into: &buffer, unicode: true, colorMode: .palette256)
        let header = buffer.plainText.split(separator: "\n")[0]
        #expect(header.contains("tags /loss/"), "\(header)")
        #expect(!buffer.plainText.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
    }
}
