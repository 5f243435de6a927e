@testable import nndash
import NNCharts
import NNStudies
import Testing

/// A recorded run leaves the footer to the keys: the folder is named in the header where the
/// title leaves room (and in the footer for a few seconds when a run starts), and the footer
/// drawn at 80x24 lists the view's keys, each of which works.
@Suite struct RecordingFooterTests {
    static let folder = "gd-20261203-112600"

    static func draw(_ screen: any StudyScreen, _ state: any StudySnapshot, recording: String?, width: Int, height: Int)
        -> [String]
    {
        let frame = DashboardFrame(state: state, status: "running", steps: 200, note: nil, recording: recording,
                                   view: ViewState(), unicode: true, colorMode: .palette256)
        var buffer = Buffer(width: width, height: height)
        DashboardRenderer(screen: screen).render(frame, into: &buffer)
        return buffer.plainText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test(arguments: DashboardLegibilityTests.dashboards)
    func theFooterOfARecordedRunListsItsKeys(_ dashboard: DashboardLegibilityTests.Dashboard) throws {
        let state = try dashboard.snapshot()
        let screen = dashboard.screen
        let rows = Self.draw(screen, state, recording: Self.folder, width: 80, height: 24)
        let footer = DashboardKeyTests.footerEntries(rows[23])
        #expect(!rows[23].contains("recording"), "\(screen.study): \(rows[23])")
        // The same keys as without a recording: nothing of the footer goes to the folder.
        let plain = DashboardKeyTests.footerEntries(Self.draw(screen, state, recording: nil, width: 80, height: 24)[23])
        #expect(footer == plain, "\(screen.study): \(footer) against \(plain)")
        // Each entry drawn is a key of the view that changes what it names (from a view zoomed
        // into the middle of its x and smoothed, so the axis and smoothing keys have somewhere to go).
        var start = DashboardControls(screen: screen, kind: .live)
        start.view.smoothing = 0.5
        start.view.xWindows[0] = XWindow(lower: 0.25, upper: 0.5)
        let keys = start.keys(for: state, width: 80)
        #expect(footer.count >= min(keys.count, 6), "\(screen.study): only \(footer)")
        for entry in footer {
            let binding = try #require(keys.first { $0.footer == entry }, "\(screen.study): \(entry) is no key")
            for press in binding.presses {
                var controls = start
                let settings = DashboardKeyTests.settings(of: screen)
                let returned = controls.handle(press.key, state: state, width: 80)
                // A study's setting at the end of its range: DashboardKeyTests presses the other way first.
                if case .study(.restart) = press.action, DashboardKeyTests.settings(of: screen) == settings { continue }
                DashboardKeyTests.expect(press.action, of: press.key, returned: returned, before: start.view,
                                         after: controls.view, "\(screen.study) 80x24")
                (screen as? LossesScreen)?.settings.update { $0.line = nil }
            }
        }
    }

    /// Where the title leaves room the header names the folder; it never cuts the title for it.
    @Test func theHeaderNamesTheFolderOnlyWhereTheTitleFits() throws {
        let dashboard = try #require(DashboardLegibilityTests.dashboards.first { $0.screen.study == "gd" })
        let state = try dashboard.snapshot()
        let wide = Self.draw(dashboard.screen, state, recording: Self.folder, width: 200, height: 60)
        #expect(wide[0].contains("rec \(Self.folder)"), "\(wide[0])")
        #expect(!wide[0].contains("…"), "\(wide[0])")
        for width in [80, 100, 120] {
            let header = Self.draw(dashboard.screen, state, recording: Self.folder, width: width, height: 30)[0]
            let without = Self.draw(dashboard.screen, state, recording: nil, width: width, height: 30)[0]
            #expect(header.contains("rec \(Self.folder)") || header == without, "\(width): \(header)")
        }
    }
}
