@testable import nndash
import NNCharts
import NNStudies
@testable import NNTerminal
import Testing

/// The mouse on a dashboard, driven through the handling the app uses and hit-tested against
/// what the renderer laid out, without a terminal: a click selects the panel under it and, on
/// a legend entry, shows or hides that series; the wheel zooms x around the pointer; a drag pans.
@Suite struct DashboardMouseTests {
    static func momentum() throws -> (DashboardLegibilityTests.Dashboard, any StudySnapshot) {
        let dashboard = try #require(DashboardLegibilityTests.dashboards.first { $0.screen.study == "momentum" })
        return (dashboard, try dashboard.snapshot())
    }

    static func placements(_ controls: DashboardControls, _ state: any StudySnapshot) -> [(rect: Rect, panel: ChartPanel)] {
        let frame = DashboardFrame(state: state, status: "finished", steps: 1, note: nil, view: controls.view,
                                   unicode: true, colorMode: .palette256)
        return DashboardRenderer(screen: controls.screen).placements(frame, width: 200, height: 60)
    }

    static func click(_ controls: inout DashboardControls, _ state: any StudySnapshot, x: Int, y: Int) {
        for kind in [MouseEvent.Kind.press, .release] {
            controls.handle(MouseEvent(kind, x: x, y: y), placements: placements(controls, state),
                            panels: controls.screen.panels(of: state))
        }
    }

    @Test func aClickSelectsThePanelAndALegendEntryTogglesItsSeries() throws {
        let (dashboard, state) = try Self.momentum()
        var controls = DashboardControls(screen: dashboard.screen)
        let placed = Self.placements(controls, state)
        #expect(placed.count == dashboard.screen.panels(of: state).count && placed.count > 1)
        // Each panel's middle selects it.
        for (rect, panel) in placed.reversed() {
            Self.click(&controls, state, x: rect.x + rect.width / 2, y: rect.y + rect.height / 2)
            #expect(controls.view.selectedPanel == panel.index)
        }
        // The third legend entry of the first chart, where the renderer drew it: its series hides, then shows.
        let first = try #require(Self.placements(controls, state).first)
        let hits = first.panel.lineChart(in: first.rect).legendHits(in: first.rect)
        let entry = try #require(hits.first { $0.series == 2 })
        var buffer = Buffer(width: 200, height: 60)
        first.panel.render(in: first.rect, into: &buffer)
        let drawn = String(buffer.lines[entry.rect.y].dropFirst(entry.rect.x).prefix(entry.rect.width))
        #expect(drawn.hasPrefix("3 ━━ "), "\(drawn)")
        Self.click(&controls, state, x: entry.rect.x + entry.rect.width - 1, y: entry.rect.y)
        let scope = ViewState.SeriesScope.panel(first.panel.index, of: dashboard.screen.panels(of: state))
        #expect(controls.view.hiddenSeries == Dictionary(uniqueKeysWithValues: scope.panels.map { ($0, Set([2])) })
                && controls.view.selectedPanel == first.panel.index, "\(controls.view.hiddenSeries)")
        Self.click(&controls, state, x: entry.rect.x, y: entry.rect.y)
        #expect(controls.view.hiddenSeries.isEmpty)
    }

    @Test func theWheelZoomsAroundThePointerAndADragPans() throws {
        let (dashboard, state) = try Self.momentum()
        var controls = DashboardControls(screen: dashboard.screen)
        let first = try #require(Self.placements(controls, state).first)
        let chart = first.panel.lineChart(in: first.rect)
        let plot = try #require(chart.plotLayout(in: first.rect))
        // A quarter of the way along the plot: the x there stays there.
        let x = plot.plot.x + (plot.plot.width - 1) / 4
        let at = try #require(chart.plotFraction(x: x, in: first.rect)).fraction
        controls.handle(MouseEvent(.wheelUp, x: x, y: plot.plot.y + 2), placements: Self.placements(controls, state),
                        panels: dashboard.screen.panels(of: state))
        let window = controls.view.xWindow(first.panel.index)
        #expect(abs(window.width - 0.5) < 1e-12 && abs(window.lower - at * 0.5) < 1e-12, "\(window)")
        controls.handle(MouseEvent(.wheelDown, x: x, y: plot.plot.y + 2), placements: Self.placements(controls, state),
                        panels: dashboard.screen.panels(of: state))
        #expect(controls.view.xWindow(first.panel.index).isWhole)
        // Zoomed in, a drag ten cells to the left moves the window right by ten cells' share of it.
        controls.handle(MouseEvent(.wheelUp, x: x, y: plot.plot.y + 2), placements: Self.placements(controls, state),
                        panels: dashboard.screen.panels(of: state))
        let before = controls.view.xWindow(first.panel.index)
        let zoomed = try #require(Self.placements(controls, state).first)
        let width = try #require(zoomed.panel.lineChart(in: zoomed.rect).plotFraction(x: x, in: zoomed.rect)).width
        controls.handle(MouseEvent(.press, x: x + 20, y: plot.plot.y + 3), placements: Self.placements(controls, state),
                        panels: dashboard.screen.panels(of: state))
        controls.handle(MouseEvent(.release, x: x + 10, y: plot.plot.y + 3), placements: Self.placements(controls, state),
                        panels: dashboard.screen.panels(of: state))
        let after = controls.view.xWindow(first.panel.index)
        #expect(abs((after.lower - before.lower) - before.width * 10 / Double(width)) < 1e-12, "\(before) \(after)")
    }

    /// gd: a click on "2 grad" in "x and its gradient" hides grad there; "x on the curve",
    /// whose second series is another, says nothing hidden: read from every panel's drawn legend
    /// and title, at 200x60 and 120x36.
    @Test func aLegendClickHidesOnlyInItsChart() throws {
        let dashboard = try #require(DashboardLegibilityTests.dashboards.first { $0.screen.study == "gd" })
        let state = try dashboard.snapshot()
        for (width, height) in [(200, 60), (120, 36)] {
            var controls = DashboardControls(screen: dashboard.screen)
            let frame = { (view: ViewState) in
                DashboardFrame(state: state, status: "finished", steps: 1, note: nil, view: view, unicode: true, colorMode: .palette256)
            }
            let renderer = DashboardRenderer(screen: dashboard.screen)
            let placed = renderer.placements(frame(controls.view), width: width, height: height)
            let gradient = try #require(placed.first { $0.panel.panel.title == "x and its gradient" })
            let entry = try #require(gradient.panel.lineChart(in: gradient.rect).legendHits(in: gradient.rect).first { $0.series == 1 })
            let before = DashboardLegibilityTests.render(dashboard.screen, state, view: controls.view, width: width, height: height)
            let drawn = String(Array(before[entry.rect.y])[entry.rect.x..<entry.rect.maxX])
            #expect(drawn.hasPrefix("2 ━━ grad"), "\(drawn)")
            for kind in [MouseEvent.Kind.press, .release] {
                controls.handle(MouseEvent(kind, x: entry.rect.x + 2, y: entry.rect.y),
                                placements: renderer.placements(frame(controls.view), width: width, height: height),
                                panels: dashboard.screen.panels(of: state))
            }
            let rows = DashboardLegibilityTests.render(dashboard.screen, state, view: controls.view, width: width, height: height)
            let shown = LegendDigitTests.hiddenShown(rows, placements: renderer.placements(frame(controls.view), width: width, height: height))
            #expect(shown.count == placed.count)
            for (index, said) in shown {
                if index == gradient.panel.index {
                    #expect(said.entries == [2] && said.title == "1 hidden", "\(width)x\(height): \(said)")
                } else {
                    #expect(said.entries.isEmpty && said.title == nil,
                            "\(width)x\(height): \(placed.first { $0.panel.index == index }?.panel.panel.title ?? "") says \(said)")
                }
            }
        }
    }

    /// ncurses' button states become these events; other buttons none.
    @Test func mouseStatesAreEvents() {
        #expect(Terminal.mouse(state: Terminal.button1Pressed, x: 3, y: 4) == [.mouse(MouseEvent(.press, x: 3, y: 4))])
        #expect(Terminal.mouse(state: Terminal.button1Released, x: 3, y: 4) == [.mouse(MouseEvent(.release, x: 3, y: 4))])
        #expect(Terminal.mouse(state: Terminal.button1Clicked, x: 1, y: 2)
            == [.mouse(MouseEvent(.press, x: 1, y: 2)), .mouse(MouseEvent(.release, x: 1, y: 2))])
        #expect(Terminal.mouse(state: Terminal.wheelUp, x: 0, y: 0) == [.mouse(MouseEvent(.wheelUp, x: 0, y: 0))])
        #expect(Terminal.mouse(state: Terminal.wheelDown, x: 0, y: 0) == [.mouse(MouseEvent(.wheelDown, x: 0, y: 0))])
        #expect(Terminal.mouse(state: 0o2 << 5, x: 0, y: 0).isEmpty)
    }
}
