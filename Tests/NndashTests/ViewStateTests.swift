@testable import nndash
import NNRuns
import NNTerminal
import Testing

@Suite struct ViewStateTests {
    @Test func keysChangeTheView() {
        var view = ViewState()
        #expect(view.handle(.character("l"), panelCount: 2) == nil)
        #expect(view.logY)
        _ = view.handle(.tab, panelCount: 2)
        #expect(view.selectedPanel == 1)
        _ = view.handle(.tab, panelCount: 2)
        #expect(view.selectedPanel == 0)
        _ = view.handle(.backTab, panelCount: 2)
        #expect(view.selectedPanel == 1)
        _ = view.handle(.character("3"), panelCount: 2)
        #expect(view.hiddenSeries == [2])
        _ = view.handle(.character("3"), panelCount: 2)
        #expect(view.hiddenSeries.isEmpty)
        _ = view.handle(.character("S"), panelCount: 2)
        _ = view.handle(.character("S"), panelCount: 2)
        #expect(view.smoothing == 0.2)
        _ = view.handle(.character("s"), panelCount: 2)
        #expect(view.smoothing == 0.1)
    }

    @Test func keysThatConcernTheAppAreReturned() {
        var view = ViewState()
        #expect(view.handle(.character("q"), panelCount: 1) == .quit)
        #expect(view.handle(.character(" "), panelCount: 1) == .pause)
        #expect(view.handle(.character("r"), panelCount: 1) == .restart)
        #expect(view.handle(.character("e"), panelCount: 1) == .export)
    }

    @Test func anyKeyClosesHelp() {
        var view = ViewState()
        _ = view.handle(.character("?"), panelCount: 1)
        #expect(view.showHelp)
        #expect(view.handle(.character("r"), panelCount: 1) == nil)
        #expect(!view.showHelp)
    }

    @Test func smoothingStaysInRange() {
        var view = ViewState()
        for _ in 0..<20 { _ = view.handle(.character("S"), panelCount: 1) }
        #expect(view.smoothing == 0.99)
        for _ in 0..<20 { _ = view.handle(.character("s"), panelCount: 1) }
        #expect(view.smoothing == 0)
    }
}

extension ViewState {
    /// Applies `key` as a live dashboard of `panelCount` panels, each a chart of twelve lines, does.
    mutating func handle(_ key: Key, panelCount: Int) -> KeyAction? {
        let panel = Panel(title: "p", series: (0..<12).map { Series(label: "s\($0)", x: [0], y: [1]) })
        let panels = Array(repeating: panel, count: panelCount)
        let context = DashboardKeys.Context(panels: panels, sideShown: true, zoomed: zoomed)
        return handle(key, table: DashboardKeys.live(context, study: []), panelCount: panelCount,
                      series: ViewState.seriesNames(panels, selected: selectedPanel).count)
    }
}
