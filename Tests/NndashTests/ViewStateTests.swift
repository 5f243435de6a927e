@testable import nndash
import NNRuns
import NNCharts
import NNTestSupport
import Testing

/// What keys do to a dashboard's view, stated as properties that hold for every key rather than
/// as a copy of the key table.
@Suite struct ViewStateTests {
    /// Every key a terminal reports: printable ASCII and the named keys.
    static let everyKey: [Key] = (32...126).map { .character(Character(Unicode.Scalar(UInt8($0)))) }
        + [.up, .down, .left, .right, .tab, .backTab, .enter, .escape, .backspace, .pageUp, .pageDown, .home, .end, .resize]

    /// The help overlay's key, found by what it does.
    static var helpKey: Key? {
        everyKey.first { key in
            var view = ViewState()
            _ = view.handle(key, panelCount: 1)
            return view.showHelp
        }
    }

    /// The view can show: a selected panel among those there are, smoothing between 0 and 0.99
    /// in steps of `smoothingStep`, hidden series among the dashboard's twelve.
    static func expectValid(_ view: ViewState, panelCount: Int, after keys: [Key]) {
        #expect((0..<max(panelCount, 1)).contains(view.selectedPanel), "after \(keys)")
        #expect((0...0.99).contains(view.smoothing), "after \(keys)")
        let steps = view.smoothing / ViewState.smoothingStep
        #expect(view.smoothing == 0.99 || abs(steps - steps.rounded()) < 1e-9, "smoothing \(view.smoothing) after \(keys)")
        #expect(view.hiddenSeries.allSatisfy { (0..<max(panelCount, 1)).contains($0.key) && $0.value.allSatisfy { (0..<12).contains($0) } }, "after \(keys)")
    }

    @Test func anySequenceOfKeysLeavesAViewThatCanBeShown() {
        var random = SeededRandom("view keys", seed: 20_261_202)
        for panelCount in [0, 1, 2, 5] {
            var view = ViewState()
            var pressed: [Key] = []
            for _ in 0..<2_000 {
                let key = Self.everyKey.randomElement(using: &random)!
                pressed.append(key)
                _ = view.handle(key, panelCount: panelCount)
                Self.expectValid(view, panelCount: panelCount, after: pressed.suffix(20))
            }
        }
    }

    /// A key either changes the view or asks something of the app, never both; four things are
    /// asked (quit, pause, restart, export).
    @Test func keysThatAskTheAppLeaveTheViewAlone() {
        var commands: Set<String> = []
        for key in Self.everyKey {
            var view = ViewState()
            if let command = view.handle(key, panelCount: 3) {
                #expect(view == ViewState(), "\(key) returned \(command) and changed the view")
                commands.insert("\(command)")
            }
        }
        #expect(commands.count == 4 && commands.contains("quit"), "\(commands)")
    }

    /// With the help shown, any other key closes it and does nothing else, except that a key that
    /// quits may still quit; the arrows and pages scroll it instead.
    @Test func anyKeyClosesHelpAndOnlyThat() throws {
        let helpKey = try #require(Self.helpKey)
        let scrolling: [Key] = [.up, .down, .pageUp, .pageDown, .home, .end]
        for key in scrolling {
            var view = ViewState()
            _ = view.handle(helpKey, panelCount: 3)
            #expect(view.handle(key, panelCount: 3) == nil && view.showHelp, "\(key) closed the help")
        }
        for key in Self.everyKey where key != helpKey && !scrolling.contains(key) {
            var view = ViewState()
            var plain = ViewState()
            let command = plain.handle(key, panelCount: 3)
            _ = view.handle(helpKey, panelCount: 3)
            let closing = view.handle(key, panelCount: 3)
            #expect(view == ViewState(), "\(key) did more than close the help")
            if let closing { #expect(closing == .quit && command == .quit, "\(key) returned \(closing)") }
        }
        var view = ViewState()
        _ = view.handle(helpKey, panelCount: 3)
        _ = view.handle(helpKey, panelCount: 3)
        #expect(!view.showHelp)
    }

    /// Every key that changes the view is undone by a key: toggles by themselves, panel moves
    /// and smoothing steps by their opposites.
    @Test func everyChangeCanBeUndone() {
        for key in Self.everyKey {
            var view = ViewState()
            view.smoothing = 0.5
            view.selectedPanel = 1
            let before = view
            guard view.handle(key, panelCount: 3) == nil, view != before else { continue }
            let undoes = Self.everyKey.contains { undo in
                var undone = view
                return undone.handle(undo, panelCount: 3) == nil && undone == before
            }
            #expect(undoes, "nothing undoes \(key)")
        }
    }

    /// Moving between panels visits each once before coming back, in either direction.
    @Test func panelMovesCycleThroughEveryPanel() {
        let moves = Self.everyKey.filter { key in
            var view = ViewState()
            _ = view.handle(key, panelCount: 4)
            return view.selectedPanel != 0
        }
        #expect(!moves.isEmpty)
        for key in moves {
            var view = ViewState()
            var visited: [Int] = []
            for _ in 0..<4 {
                _ = view.handle(key, panelCount: 4)
                visited.append(view.selectedPanel)
            }
            #expect(Set(visited) == [0, 1, 2, 3] && visited.last == 0, "\(key): \(visited)")
        }
    }

    /// Smoothing stops at its ends however often it is pushed.
    @Test func smoothingStaysInRange() {
        let steps = Self.everyKey.filter { key in
            var view = ViewState()
            view.smoothing = 0.5
            _ = view.handle(key, panelCount: 1)
            return view.smoothing != 0.5
        }
        #expect(steps.count == 2)
        var ends: Set<Double> = []
        for key in steps {
            var view = ViewState()
            for _ in 0..<20 { _ = view.handle(key, panelCount: 1) }
            ends.insert(view.smoothing)
        }
        #expect(ends == [0, 0.99])
    }
}

extension ViewState {
    /// Applies `key` as a live dashboard of `panelCount` panels, each a chart of twelve lines, does.
    mutating func handle(_ key: Key, panelCount: Int) -> KeyAction? {
        let panel = Panel(title: "p", series: (0..<12).map { Series(label: "s\($0)", x: [0], y: [1]) })
        let panels = Array(repeating: panel, count: panelCount)
        let context = DashboardKeys.Context(panels: panels, sideShown: true, zoomed: zoomed, view: self)
        return handle(key, table: DashboardKeys.live(context, study: []), panelCount: panelCount,
                      series: .selected(selectedPanel, of: panels))
    }
}
