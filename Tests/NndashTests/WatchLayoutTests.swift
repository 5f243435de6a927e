import Foundation
import NNCharts
import NNRuns
import NNTerminal
import NNTestSupport
import Testing
@testable import nndash

/// The watch view with many runs and many tags, read from files these tests write (seeded):
/// at every size, every page, no text covers another or is cut without `…`; the charts are
/// grouped by tag prefix and paged; the legends side by side list the same runs and count the
/// others; a chart pinned with `*` leads every page.
@Suite struct WatchLayoutTests {
    static let sizes = [(80, 24), (120, 36), (140, 40), (200, 60), (40, 12)]

    /// Writes `runs` CSV files of `tags` tags (20 steps of seeded values), named `run0000` and
    /// up to eight letters, in a new folder and reads them.
    static func runs(_ runs: Int, tags: [String], seed: UInt64) throws -> [LogRun] {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SeededRandom("watch layout, \(runs) runs of \(tags.count) tags", seed: seed)
        for r in 0..<runs {
            var text = "step," + tags.joined(separator: ",") + "\n"
            for step in 0..<20 {
                // Values of one to four digits, so legend entries differ in width.
                let values = tags.indices.map { _ in String(Double(Int.random(in: 0..<2000, using: &random)) / 1000) }
                text += "\(step)," + values.joined(separator: ",") + "\n"
            }
            let name = String(format: "run%04d", r) + String("abcdefgh".prefix(Int.random(in: 0..<8, using: &random))) + ".csv"
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        return try RunWatcher.read(paths: [folder.path])
    }

    /// 131 tags in five prefixes and one without.
    static let manyTags = ["train", "val", "test", "grad", "lr"].flatMap { p in (0..<26).map { "\(p)/m\($0)" } } + ["epoch_time"]

    static func screen(_ runs: [LogRun]) -> WatchScreen {
        var curves = WatchCurves()
        curves.update(from: runs)
        var screen = WatchScreen()
        screen.show(curves)
        return screen
    }

    static func draw(_ screen: inout WatchScreen, _ width: Int, _ height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        buffer.startSpanLog()
        screen.render(into: &buffer, unicode: true, colorMode: .palette256)
        return buffer
    }

    /// The text of `rect`'s rows in `buffer`.
    static func lines(_ buffer: Buffer, _ rect: Rect) -> [String] {
        let all = buffer.plainText.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        return (rect.y..<rect.maxY).map { y in
            let row = all[y]
            return String(row[min(rect.x, row.count)..<min(rect.maxX, row.count)])
        }
    }

    /// A chart's legend as drawn: the runs it names and the N of "+N more" (0 without).
    static func legend(_ buffer: Buffer, _ rect: Rect, rows: Int) -> (names: [String], more: Int) {
        let text = lines(buffer, Rect(x: rect.x, y: rect.y, width: rect.width, height: rows)).joined(separator: "  ")
        let names = text.matches(of: /(?:━━|··) (run\d{4}[a-h]*\.csv)/).map { String($0.output.1) }
        let more = text.firstMatch(of: /\+(\d+) more/).map { Int($0.output.1)! } ?? 0
        return (names, more)
    }

    static let inputs: [(name: String, runs: Int, tags: [String])] = [
        ("1 run", 1, ["train/loss", "val/loss", "lr"]),
        ("60 runs", 60, ["loss", "val_loss"]),
        ("1000 runs", 1000, ["loss", "val_loss"]),
        ("131 tags", 2, manyTags),
    ]

    @Test(arguments: 0..<4)
    func everyPageAtEverySizeIsLegibleAndItsLegendsAgree(_ input: Int) throws {
        let (name, count, tags) = Self.inputs[input]
        let runs = try Self.runs(count, tags: tags, seed: 15 + UInt64(input))
        for (width, height) in Self.sizes {
            var screen = Self.screen(runs)
            var page = 0, pages = 1
            repeat {
                let buffer = Self.draw(&screen, width, height)
                let log = try #require(buffer.spanLog)
                for problem in DashboardOverlapTests.problems(log) {
                    Issue.record("\(name) \(width)x\(height) page \(page + 1): \(problem)")
                }
                guard let layout = screen.layout else { break }
                pages = layout.pages.count
                #expect(screen.view.page == page)
                let header = Self.lines(buffer, Rect(x: 0, y: 0, width: width, height: 1))[0]
                if pages > 1 && width >= 80 { #expect(header.contains("page \(page + 1) of \(pages)"), "\(header)") }
                let charts = layout.pages[page].charts
                for chart in charts {
                    #expect(chart.rect.width >= min(WatchPages.minimumWidth, width), "\(name) \(width)x\(height)")
                }
                // Each legend names runs that have the tag and counts the others; side by side,
                // legends that leave runs out list as many.
                var listed: Set<Int> = []
                for chart in charts where charts.count > 1 {
                    let rows = max(1, min(5, (chart.rect.height - 6) / 2))
                    let (names, more) = Self.legend(buffer, chart.rect, rows: rows)
                    #expect(names.count + more == count, "\(name) \(width)x\(height): \(names.count) + \(more)")
                    #expect(Set(names).count == names.count)
                    if more > 0 { listed.insert(names.count) }
                }
                #expect(listed.count <= 1, "\(name) \(width)x\(height): legends list \(listed.sorted()) runs")
                page += 1
                _ = screen.handle(.pageDown)
            } while page < pages
            #expect(page == pages)
            if name == "131 tags" {
                // Every chart is on a page, once (pinned ones aside), in groups by prefix.
                let layout = try #require(screen.layout)
                let shown = layout.pages.flatMap { $0.charts.map(\.panel) }
                #expect(shown.sorted() == Array(0..<131), "\(width)x\(height)")
                let headings = layout.pages.flatMap { $0.headings.map(\.text) }
                #expect(headings.contains("train/ · 26 charts") && headings.contains("no prefix · 1 chart"))
            }
        }
    }

    @Test func aPinnedChartLeadsEveryPageAndPagesFollowTheSelection() throws {
        let runs = try Self.runs(2, tags: Self.manyTags, seed: 7)
        var screen = Self.screen(runs)
        _ = Self.draw(&screen, 120, 36)
        // Select val/m3, pin it, and page through: it is first on each page, selected or not.
        let target = WatchScreen.Panel.scalar(tag: "val/m3")
        while screen.panels[screen.view.selectedPanel] != target { _ = screen.handle(.tab) }
        _ = Self.draw(&screen, 120, 36)
        #expect(screen.view.page > 0)
        _ = screen.handle(.character("*"))
        #expect(screen.panels.first == target && screen.view.selectedPanel == 0)
        var buffer = Self.draw(&screen, 120, 36)
        let pages = try #require(screen.layout).pages.count
        for page in 0..<pages {
            let layout = try #require(screen.layout)
            #expect(layout.pages[page].charts.first?.panel == 0)
            #expect(layout.pages[page].headings.first?.text == "pinned · 1")
            let first = try #require(layout.pages[page].charts.first)
            #expect(Self.lines(buffer, first.rect)[0].contains("val/m3"))
            _ = screen.handle(.pageDown)
            buffer = Self.draw(&screen, 120, 36)
        }
        // PgUp goes back; tab past a page's last chart shows the next page.
        _ = screen.handle(.pageUp)
        _ = screen.handle(.pageUp)
        _ = Self.draw(&screen, 120, 36)
        #expect(screen.view.page == pages - 3)
        let lastOnPage = try #require(screen.layout?.pages[screen.view.page].charts.last?.panel)
        while screen.view.selectedPanel != lastOnPage { _ = screen.handle(.tab) }
        _ = screen.handle(.tab)
        #expect(screen.view.page == pages - 2)
        // Unpinning puts it back in its group.
        while screen.view.selectedPanel != 0 { _ = screen.handle(.backTab) }
        _ = screen.handle(.character("*"))
        #expect(screen.view.pinnedPanels.isEmpty && screen.panels[0] == .scalar(tag: "train/m0"))
    }
}
