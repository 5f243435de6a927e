@testable import nndash
import NNCharts
import NNStudies
import Testing

/// A digit toggles the series whose legend entry carries that digit, in every panel of every
/// study view: read back from the drawn legends, before and after the key is pressed.
@Suite struct LegendDigitTests {
    /// A legend entry as drawn: its digit and the text after its swatch.
    struct Entry: Equatable {
        var digit: Int
        var swatch: String
        var text: String
    }

    /// The numbered legend entries in the first rows of `rect` of `rows`: a digit, a space, a
    /// swatch, a space and the series' name, entries two spaces apart.
    static func entries(_ rows: [String], in rect: Rect) -> [Entry] {
        var found: [Entry] = []
        for y in rect.y..<min(rect.maxY, rect.y + 5) where y < rows.count {
            let row = Array(rows[y])
            guard rect.x < row.count else { continue }
            let text = String(row[rect.x..<min(row.count, rect.maxX)])
            for match in text.matches(of: /(?:^|  )([1-9]) (━━|··|━●|──|-[*+ox#@%=&$]|[●■▲◆○□△◇★✚]) (.+?)(?=  |$)/) {
                found.append(Entry(digit: Int(match.1)!, swatch: String(match.2), text: String(match.3)))
            }
        }
        return found
    }

    /// Whether `text` (a legend entry's name, value and notes, maybe cut with `…`) names `label`.
    static func names(_ text: String, _ label: String) -> Bool {
        if text.hasPrefix(label) { return true }
        guard let cut = text.firstIndex(of: "…") else { return false }
        return label.hasPrefix(text[..<cut])
    }

    static func check(_ screen: any StudyScreen, _ state: any StudySnapshot) {
        let panels = screen.panels(of: state)
        for (width, height) in [(200, 60), (120, 36)] {
            var controls = DashboardControls(screen: screen)
            for panel in panels.indices {
                controls.view.selectedPanel = panel
                controls.view.zoomed = true
                let frame = { (view: ViewState) in
                    DashboardFrame(state: state, status: "finished", steps: 40, note: nil, view: view,
                                   unicode: true, colorMode: .palette256)
                }
                let renderer = DashboardRenderer(screen: screen)
                let placements = renderer.placements(frame(controls.view), width: width, height: height)
                guard let rect = placements.first?.rect else { continue }
                let rows = DashboardLegibilityTests.render(screen, state, view: controls.view, width: width, height: height)
                let entries = Self.entries(rows, in: rect)
                for entry in entries {
                    let where_ = "\(screen.study) \(width)x\(height) panel \(panels[panel].title)"
                    // The digit names the series of that number in this panel.
                    guard panels[panel].series.indices.contains(entry.digit - 1) else {
                        Issue.record("\(where_): legend digit \(entry.digit) on \"\(entry.text)\" past its series")
                        continue
                    }
                    let label = panels[panel].series[entry.digit - 1].label
                    #expect(Self.names(entry.text, label), "\(where_): \(entry.digit) on \"\(entry.text)\", series \(entry.digit) is \(label)")
                    // Pressing it hides that series here: its entry, still numbered, says so (in
                    // words, or where they do not fit by its dotted swatch).
                    var pressed = controls
                    _ = pressed.handle(.character(Character(String(entry.digit))), state: state, width: width)
                    #expect(pressed.view.hidden(inPanel: panel) == controls.view.hidden(inPanel: panel).symmetricDifference([entry.digit - 1]),
                            "\(where_)")
                    let rowsAfter = DashboardLegibilityTests.render(screen, state, view: pressed.view, width: width, height: height)
                    let toggled = Self.entries(rowsAfter, in: rect).first { $0.digit == entry.digit }
                    if let toggled {
                        #expect(toggled.text.contains("(hidden)") || toggled.swatch == "··" || toggled.text.contains("…"),
                                "\(where_): after \(entry.digit): \(toggled.text)")
                    } else {
                        // The title's longer state ("1 hidden") left no room for the entry: it counts in "+N more".
                        #expect(rowsAfter[rect.y].contains("hidden") && rowsAfter[rect.y].contains("more"),
                                "\(where_): after \(entry.digit): no entry in \(rowsAfter[rect.y])")
                    }
                }
                if case .lines = panels[panel].content, panels[panel].series.count > 1, width == 200 {
                    #expect(!entries.isEmpty, "\(screen.study) panel \(panels[panel].title): no numbered legend at 200x60")
                }
            }
        }
    }

    @Test(arguments: DashboardLegibilityTests.dashboards)
    func aDigitTogglesTheSeriesItsLegendNumbers(_ dashboard: DashboardLegibilityTests.Dashboard) throws {
        Self.check(dashboard.screen, try dashboard.snapshot())
    }

    @Test func inAReplayOverlayTooADigitTogglesTheSeriesItsLegendNumbers() throws {
        let (a, b) = try OverlayReplayTests.sweeps()
        let overlay = try RecordedOverlay([(name: "run-a", study: a), (name: "run-b", study: b)])
        Self.check(overlay.screen, overlay.wholeState)
    }

    /// What each panel drawn in `rows` says of its hidden series: the digits of its legend
    /// entries shown hidden (dotted or marked) and the count its title gives ("2 hidden").
    static func hiddenShown(_ rows: [String], placements: [(rect: Rect, panel: ChartPanel)]) -> [Int: (entries: Set<Int>, title: String?)] {
        var shown: [Int: (entries: Set<Int>, title: String?)] = [:]
        for (rect, chart) in placements {
            let entries = Set(Self.entries(rows, in: rect).filter { $0.swatch == "··" || $0.text.contains("(hidden)") }.map(\.digit))
            let top = Array(rows[rect.y])
            let title = String(top[min(rect.x, top.count)..<min(rect.maxX, top.count)])
            shown[chart.index] = (entries, title.firstMatch(of: /\d+ hidden/).map { String($0.0) })
        }
        return shown
    }

    /// With every panel drawn, a digit hides that series of the selected chart and of the charts
    /// showing the same series, and no other chart says anything is hidden: read from every
    /// panel's drawn legend and title, each panel selected in turn, in every study view.
    @Test(arguments: DashboardLegibilityTests.dashboards)
    func aDigitHidesOnlyInTheChartsShowingThatSeries(_ dashboard: DashboardLegibilityTests.Dashboard) throws {
        let screen = dashboard.screen, state = try dashboard.snapshot()
        let panels = screen.panels(of: state)
        let renderer = DashboardRenderer(screen: screen)
        for (width, height) in [(200, 60), (80, 24)] {
            for selected in panels.indices {
                var controls = DashboardControls(screen: screen)
                controls.view.selectedPanel = selected
                let scope = ViewState.SeriesScope.selected(selected, of: panels)
                guard scope.count > 0 else { continue }
                _ = controls.handle(.character("1"), state: state, width: width)
                let frame = DashboardFrame(state: state, status: "finished", steps: 40, note: nil, view: controls.view,
                                           unicode: true, colorMode: .palette256)
                let placements = renderer.placements(frame, width: width, height: height)
                let rows = DashboardLegibilityTests.render(screen, state, view: controls.view, width: width, height: height)
                let where_ = "\(screen.study) \(width)x\(height), \(panels[selected].title) selected, 1 pressed"
                for (index, shown) in Self.hiddenShown(rows, placements: placements) {
                    if scope.panels.contains(index) {
                        // The same series, by name, as the selected chart's.
                        #expect(ViewState.names(panels[index]) == ViewState.names(panels[scope.panels[0]]), "\(where_)")
                        #expect(shown.entries.isSubset(of: [1]), "\(where_): \(panels[index].title) shows \(shown.entries) hidden")
                        #expect(shown.title == nil || shown.title == "1 hidden", "\(where_): \(panels[index].title) says \(shown.title ?? "")")
                    } else {
                        #expect(shown.entries.isEmpty && shown.title == nil,
                                "\(where_): \(panels[index].title), whose series differ, shows \(shown.entries) hidden, title \(shown.title ?? "")")
                    }
                }
                // Where the scope's first panel is drawn wide enough, it says so.
                if width == 200, let first = Self.hiddenShown(rows, placements: placements)[scope.panels[0]],
                   case .lines = panels[scope.panels[0]].content {
                    #expect(first.entries == [1] || first.title == "1 hidden", "\(where_): \(first)")
                }
            }
        }
    }

    /// gd's "x and its gradient" and "x on the curve" show different series: hiding grad in the
    /// first leaves the second as it was.
    @Test func gdsGradientHidesOnlyInItsChart() throws {
        let dashboard = try #require(DashboardLegibilityTests.dashboards.first { $0.screen.study == "gd" })
        let panels = dashboard.screen.panels(of: try dashboard.snapshot())
        let gradient = try #require(panels.firstIndex { $0.title == "x and its gradient" })
        #expect(ViewState.SeriesScope.selected(gradient, of: panels).panels == [gradient])
    }
}
