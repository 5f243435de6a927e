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
        + [.up, .down, .left, .right, .tab, .backTab, .enter, .escape, .backspace, .pageUp, .pageDown, .home, .end,
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
        default: ""
        }
    }

    /// Checks that pressing `key` from `before` changed what `action` names.
    static func expect(_ action: KeyAction, of key: Key, returned: KeyAction?, before: ViewState, after: ViewState,
                       _ place: String) {
        let context = "\(place): \(key) (\(action))"
        switch action {
        case .quit, .pause, .restart, .export, .replay:
            #expect(returned == action, "\(context) returned \(String(describing: returned))")
            #expect(after == before, "\(context) changed the view")
        case .study(let asked):
            // A study's key returns what its handler did; a message is checked by its kind.
            if case .message = asked, case .study(.message)? = returned {} else {
                #expect(returned == action, "\(context) returned \(String(describing: returned))")
            }
        case .help: #expect(after.showHelp && !before.showHelp, "\(context)")
        case .nextPanel, .previousPanel: #expect(after.selectedPanel != before.selectedPanel, "\(context)")
        case .toggleSeries(let i): #expect(after.hiddenSeries.symmetricDifference(before.hiddenSeries) == [i], "\(context)")
        case .seriesList: #expect(after.picker != nil, "\(context)")
        case .logY: #expect(after.logY != before.logY, "\(context)")
        case .lessSmoothing: #expect(after.smoothing < before.smoothing, "\(context)")
        case .moreSmoothing: #expect(after.smoothing > before.smoothing, "\(context)")
        case .zoom: #expect(after.zoomed != before.zoomed, "\(context)")
        }
        if case .study = action {} else if returned != nil {
            #expect(returned == action, "\(context) returned \(String(describing: returned))")
        }
    }

    /// Presses every key of `kind`'s table, and every other key, on `screen` showing `state`.
    static func checkKeys(_ screen: any StudyScreen, _ state: any StudySnapshot, kind: DashboardKeys.Kind) {
        for (width, height) in sizes {
            let name = "\(screen.study) \(kind) \(width)x\(height)"
            var start = DashboardControls(screen: screen, kind: kind)
            start.view.smoothing = 0.5
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
            checkListing(screen, state, kind: kind, keys: keys, width: width, height: height)
        }
    }

    /// The footer (when nothing must be left out) and the help list the table's keys, in its order.
    static func checkListing(_ screen: any StudyScreen, _ state: any StudySnapshot, kind: DashboardKeys.Kind,
                             keys: [KeyBinding<KeyAction>], width: Int, height: Int) {
        let name = "\(screen.study) \(kind) \(width)x\(height)"
        var view = ViewState()
        let frame = { (view: ViewState) in
            DashboardFrame(state: state, status: "finished", steps: 1, note: nil, view: view, unicode: true,
                           colorMode: .palette256, keys: kind)
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
        for line in listed { #expect(buffer.plainText.contains(line), "\(name): help does not show \(line)") }
    }

    @Test(arguments: DashboardLegibilityTests.dashboards)
    func everyAdvertisedKeyWorksAndNoOther(_ dashboard: DashboardLegibilityTests.Dashboard) throws {
        let state = try dashboard.snapshot()
        Self.checkKeys(dashboard.screen, state, kind: .live)
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
        #expect(controls.message?.text.hasPrefix("checkpoint asked for") == true)
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
        #expect(controls.view.hiddenSeries == [8, 9] && controls.view.picker == nil)
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
        #expect(controls.message?.text == "exported to b.txt")
        controls.expire(second)
        #expect(controls.message == nil)
        controls.say("exported to c.txt")
        #expect(controls.handle(.character("r"), state: state, width: 80) == .restart)
        #expect(controls.message == nil)
    }

    /// Exports are named as run folders are, by the one function that names both.
    @Test func exportsAreNamedLikeRunFolders() {
        let date = Date(timeIntervalSince1970: 1_796_184_885)
        let folder = Recorder.defaultFolder(study: "sweep", date: date).lastPathComponent
        #expect(folder == "sweep-20261202-041445")
        #expect(PanelExport.fileName(study: "sweep", date: date, exists: { _ in false }) == folder + ".txt")
        let taken: Set = [folder + ".txt", folder + "-2.txt"]
        #expect(PanelExport.fileName(study: "sweep", date: date, exists: taken.contains) == folder + "-3.txt")
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
