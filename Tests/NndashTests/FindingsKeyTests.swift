@testable import nndash
import Foundation
import NNCharts
import NNStudies
import Testing

/// `w` on a terminal too narrow for the side panel: the study's findings, read back from the
/// drawn rows page by page, in place of the charts; listed in the footer (however long its
/// note) and the `?` help exactly where the side panel does not fit and there are findings.
@Suite struct FindingsKeyTests {
    static let narrow = [(80, 24), (40, 12)]

    /// The rows between the header and the footer of `screen` showing `view`, and its footer.
    static func draw(_ screen: any StudyScreen, _ state: any StudySnapshot, view: ViewState, width: Int, height: Int,
                     note: String? = nil) -> (body: [String], footer: String) {
        let rows = DashboardLegibilityTests.render(screen, state, view: view, width: width, height: height, note: note)
        return (Array(rows[1..<(height - 1)]), rows[height - 1])
    }

    static func words(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test(arguments: DashboardLegibilityTests.dashboards)
    func narrowFindingsAreOneKeyAway(_ dashboard: DashboardLegibilityTests.Dashboard) throws {
        let state = try dashboard.snapshot()
        let screen = dashboard.screen
        let findings = screen.findings(of: state, unicode: true)
        for (width, height) in Self.narrow + [(120, 36), (200, 60)] {
            let at = "\(screen.study) \(width)x\(height)"
            var controls = DashboardControls(screen: screen)
            let keys = controls.keys(for: state, width: width)
            let works = width < 100 && !findings.isEmpty
            #expect(keys.contains { $0.footer == "w findings" } == works, "\(at): \(keys.map(\.footer))")
            let renderer = DashboardRenderer(screen: screen)
            var helpView = ViewState()
            helpView.showHelp = true
            let help = renderer.helpLines(DashboardFrame(state: state, status: "", steps: 0, view: helpView, unicode: true,
                                                         colorMode: .none), width: width)
            #expect(help.contains { $0.hasPrefix("w ") } == works, "\(at): \(help)")
            guard works else {
                // Nothing to bring back: `w` is no key here.
                #expect(controls.handle(.character("w"), state: state, width: width) == nil && !controls.view.showsFindings)
                continue
            }
            // The footer keeps `w` even beside the note of the folder the run is recorded to.
            let before = Self.draw(screen, state, view: controls.view, width: width, height: height,
                                   note: "recording to \(screen.study)-20261203-105804")
            #expect(DashboardKeyTests.footerEntries(before.footer).contains("w findings"), "\(at): \(before.footer)")
            #expect(help.contains("w        the findings (the side panel) in place of the charts"), "\(at)")

            #expect(controls.handle(.character("w"), state: state, width: width) == nil && controls.view.showsFindings)
            // Page by page to the end, each drawn row read once.
            var drawn: [Int: String] = [:]
            var shown = Self.draw(screen, state, view: controls.view, width: width, height: height)
            for _ in 0..<60 {
                let frame = DashboardFrame(state: state, status: "", steps: 0, view: controls.view, unicode: true, colorMode: .none)
                controls.keepHelpInRange(frame, width: width, height: height)
                shown = Self.draw(screen, state, view: controls.view, width: width, height: height)
                var body = shown.body
                if let hint = body.last, hint.contains("scroll · ") {
                    // `a–b of n`: the rows shown, and the body's last row is the hint.
                    body.removeLast()
                    let span = try #require(hint.firstMatch(of: /(\d+)–(\d+) of (\d+)/), "\(at): \(hint)")
                    #expect(Int(span.1) == controls.view.findingsScroll + 1 && Int(span.2)! - Int(span.1)! + 1 == body.count,
                            "\(at): \(hint)")
                }
                for (k, row) in body.enumerated() { drawn[controls.view.findingsScroll + k] = row }
                // No text over text, nothing cut without an ellipsis, on each page.
                var logged = Buffer(width: width, height: height)
                logged.startSpanLog()
                DashboardRenderer(screen: screen).render(
                    DashboardFrame(state: state, status: "finished", steps: 40, note: nil, view: controls.view, unicode: true,
                                   colorMode: .palette256), into: &logged)
                let problems = DashboardOverlapTests.problems(try #require(logged.spanLog))
                #expect(problems.isEmpty, "\(at) scroll \(controls.view.findingsScroll): \(problems)")
                let was = controls.view.findingsScroll
                _ = controls.handle(.down, state: state, width: width)
                controls.keepHelpInRange(frame, width: width, height: height)
                if controls.view.findingsScroll == was { break }
            }
            let rows = (0...(drawn.keys.max() ?? 0)).map { drawn[$0] ?? "<missing>" }
            #expect(!rows.contains("<missing>"), "\(at)")
            // Every sentence, its words in order across the wrapped rows; every table row on a
            // row of its own, its first cell first and the cells kept in order.
            let text = Self.words(rows.joined(separator: " "))
            for finding in findings {
                if let cells = finding.cells {
                    let row = rows.first { Self.words($0).hasPrefix(Self.words(cells[0]) + " ") || Self.words($0) == Self.words(cells[0]) }
                    guard let row else { Issue.record("\(at): no row for \(cells)"); continue }
                    let drawnCells = row.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    for (cell, want) in zip(drawnCells, cells) {
                        #expect(cell == want || cell.hasSuffix("…") && want.hasPrefix(cell.dropLast()), "\(at): \(cell) for \(want)")
                    }
                } else if !finding.text.isEmpty {
                    #expect(text.contains(Self.words(finding.text)), "\(at): \(finding.text) not drawn")
                }
            }
            #expect(rows.allSatisfy { $0.count <= width }, "\(at)")
            // No chart under them: none of the panels' titles drawn, no braille.
            for panel in screen.panels(of: state) {
                #expect(!rows.contains { $0.hasPrefix(panel.title) || $0.hasPrefix("▸ " + panel.title) }, "\(at): \(panel.title)")
            }
            #expect(!rows.joined().unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "\(at): braille under the findings")
            // The footer and the help say how back, and list none of the charts' keys.
            let footer = DashboardKeyTests.footerEntries(shown.footer)
            let table = controls.keys(for: state, width: width)
            #expect(footer.contains("w charts") && table.contains { $0.footer == "w charts" }, "\(at): \(footer)")
            for chartKey in ["z zoom", "v values", "e export", "tab panel"] {
                #expect(!table.contains { $0.footer == chartKey }, "\(at): \(chartKey) listed over the findings")
            }
            let view = controls.view
            for key in [Key.tab, .character("z"), .character("v"), .character("1"), .character("e"), .character("l")] {
                var pressed = controls
                #expect(pressed.handle(key, state: state, width: width) == nil && pressed.view == view,
                        "\(at): \(key) acts on charts not shown")
            }
            // `w` again: the charts are back.
            _ = controls.handle(.character("w"), state: state, width: width)
            #expect(!controls.view.showsFindings)
            let charts = Self.draw(screen, state, view: controls.view, width: width, height: height)
            #expect(DashboardKeyTests.footerEntries(charts.footer).contains("w findings"), "\(at): \(charts.footer)")
        }
    }
}
