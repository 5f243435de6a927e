import Foundation
import NNCharts
import NNRuns
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

    /// A tag is charted when a charted run has it: choosing in the table only a run without
    /// the tag drops its chart.
    @Test func aTagIsChartedOnlyWithARunThatHasIt() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("step,loss\n0,1\n1,0.5\n".utf8).write(to: folder.appendingPathComponent("a.csv"))
        try Data("step,loss,acc\n0,1,0.1\n1,0.5,0.2\n".utf8).write(to: folder.appendingPathComponent("b.csv"))
        var screen = Self.screen(try RunWatcher.read(paths: [folder.path]))
        #expect(screen.panels == [.scalar(tag: "loss"), .scalar(tag: "acc")])
        let a = try #require(screen.curves.runs.firstIndex { $0.name.hasSuffix("a.csv") })
        screen.view.chosenRuns = [a]
        #expect(screen.panels == [.scalar(tag: "loss")])
    }

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
                let rects = screen.layout.map { $0.pages[page].charts.map(\.rect) } ?? []
                for problem in DashboardOverlapTests.problems(log, panels: rects) {
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

    /// The test fixtures' stores (24 runs with long names, histograms, hparams), on every page at every size.
    @Test func theFixturesAreLegibleOnEveryPage() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        let runs = try RunWatcher.read(paths: [fixtures.path])
        for (width, height) in Self.sizes {
            var screen = Self.screen(runs)
            var page = 0
            repeat {
                let buffer = Self.draw(&screen, width, height)
                for problem in DashboardOverlapTests.problems(try #require(buffer.spanLog)) {
                    Issue.record("fixtures \(width)x\(height) page \(page + 1): \(problem)")
                }
                page += 1
                _ = screen.handle(.pageDown)
            } while page < (screen.layout?.pages.count ?? 1)
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

/// The list of runs (`0`) and the run filter (`f`) on runs with config values, written as
/// Lightning writes them (`metrics.csv` with `hparams.yaml` beside it), seeded.
@Suite struct WatchRunListTests {
    struct Config { var lr: Double; var optimizer: String }

    static func runs(seed: UInt64) throws -> (runs: [LogRun], configs: [String: Config]) {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SeededRandom("watch run list, 12 runs", seed: seed)
        var configs: [String: Config] = [:]
        for r in 0..<12 {
            let run = folder.appendingPathComponent(String(format: "r%02d", r))
            try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
            let config = Config(lr: [0.01, 0.03, 0.05, 0.1, 0.3].randomElement(using: &random)!,
                                optimizer: ["adam", "sgd"].randomElement(using: &random)!)
            configs[String(format: "r%02d/metrics.csv", r)] = config
            try Data("step,loss\n0,\(Double(r))\n1,\(Double(r) / 2)\n".utf8).write(to: run.appendingPathComponent("metrics.csv"))
            try Data("lr: \(config.lr)\noptimizer: \(config.optimizer)\n".utf8).write(to: run.appendingPathComponent("hparams.yaml"))
        }
        return (try RunWatcher.read(paths: [folder.path]), configs)
    }

    static func type(_ text: String, into screen: inout WatchScreen) {
        for c in text { _ = screen.handle(.character(c)) }
        _ = screen.handle(.enter)
    }

    /// The legend of the one chart, as drawn: each run's name and whether it is shown.
    static func legend(_ screen: inout WatchScreen) -> [(name: String, shown: Bool)] {
        let buffer = WatchLayoutTests.draw(&screen, 200, 60)
        let text = WatchLayoutTests.lines(buffer, Rect(x: 0, y: 1, width: 200, height: 5)).joined(separator: "  ")
        return text.matches(of: /(━━|··) (r\d\d\/metrics\.csv)( \(hidden\))?/).map { (String($0.output.2), $0.output.3 == nil) }
    }

    @Test func theRunFilterHidesRunsByTheirConfigAndLegendsDimThem() throws {
        let (runs, configs) = try Self.runs(seed: 42)
        var screen = WatchLayoutTests.screen(runs)
        _ = screen.handle(.character("f"))
        Self.type("lr>=0.05 optimizer=adam", into: &screen)
        #expect(screen.view.prompt == nil)
        let expected = Set(configs.filter { !($0.value.lr >= 0.05 && $0.value.optimizer == "adam") }.keys)
        #expect(Set(screen.view.hiddenRuns.map { screen.curves.runs[$0].name }) == expected)
        // Every run is in the legend: the ones the filter fails dimmed, marked hidden, after the others.
        let legend = Self.legend(&screen)
        #expect(Set(legend.map(\.name)) == Set(configs.keys))
        #expect(Set(legend.filter { !$0.shown }.map(\.name)) == expected)
        #expect(legend.map(\.shown) == legend.map(\.shown).sorted { $0 && !$1 })
        // A name pattern with a condition; an empty filter shows every run again.
        _ = screen.handle(.character("f"))
        _ = screen.handle(.control("u"))
        Self.type("optimizer=SGD r0", into: &screen)
        let sgd = Set(configs.filter { $0.value.optimizer == "sgd" && $0.key.hasPrefix("r0") }.keys)
        #expect(Set(Self.legend(&screen).filter(\.shown).map(\.name)) == sgd)
        _ = screen.handle(.character("f"))
        _ = screen.handle(.control("u"))
        _ = screen.handle(.enter)
        #expect(screen.view.hiddenRuns.isEmpty && screen.view.runFilter == nil)
    }

    @Test(arguments: [
        ("lr>=abc", "lr>=abc: >= compares numbers, and abc is not one"),
        ("momentum=0.9", "momentum=0.9: no run has the config key momentum (config keys: lr, optimizer)"),
        ("lr<", "lr<: no value after <"),
        ("lr>0 ([", "not a regular expression: (["),
    ])
    func aBadFilterIsRefusedWithOneLineNamingIt(_ text: String, _ message: String) throws {
        let (runs, _) = try Self.runs(seed: 42)
        var screen = WatchLayoutTests.screen(runs)
        _ = screen.handle(.character("f"))
        Self.type(text, into: &screen)
        #expect(screen.view.prompt?.error == message)
        #expect(screen.view.runFilter == nil && screen.view.hiddenRuns.isEmpty)
        let buffer = WatchLayoutTests.draw(&screen, 200, 60)
        #expect(WatchLayoutTests.lines(buffer, Rect(x: 0, y: 59, width: 200, height: 1))[0].contains(message))
    }

    /// The help lists the run list's keys and the run filter's syntax beside the bindings.
    @Test func theHelpGivesTheFilterSyntaxAndTheListsKeys() throws {
        let (runs, _) = try Self.runs(seed: 42)
        var screen = WatchLayoutTests.screen(runs)
        _ = screen.handle(.character("?"))
        let text = WatchLayoutTests.draw(&screen, 120, 60).plainText
        for line in RunFilter.help + ["Run list (0)", "*  pin (first in every legend)", "f  filter"] {
            #expect(text.contains(line), "help lacks \(line)")
        }
    }

    @Test func theRunListTogglesPinsShowsAllAndFilters() throws {
        let (runs, configs) = try Self.runs(seed: 42)
        var screen = WatchLayoutTests.screen(runs)
        _ = screen.handle(.character("0"))
        #expect(screen.view.picker != nil)
        // The list shows each run's config.
        let names = screen.curves.runs.map(\.name)
        var buffer = WatchLayoutTests.draw(&screen, 200, 60)
        let c = try #require(configs[names[3]])
        #expect(buffer.plainText.contains("\(names[3])  lr=\(c.lr)  optimizer=\(c.optimizer)"))
        // Down three, pin: that run leads the legend, marked in the list.
        for _ in 0..<3 { _ = screen.handle(.down) }
        _ = screen.handle(.character("*"))
        #expect(screen.view.pinnedRuns == [3])
        buffer = WatchLayoutTests.draw(&screen, 200, 60)
        #expect(buffer.plainText.contains("* \(names[3])"))
        // Space hides it (dimmed, still first), `a` shows all again.
        _ = screen.handle(.character(" "))
        #expect(screen.view.hiddenRuns == [3])
        _ = screen.handle(.character("a"))
        #expect(screen.view.hiddenRuns.isEmpty)
        // `f` in the list opens the run filter; the list stays open behind it.
        _ = screen.handle(.character("f"))
        Self.type("optimizer=adam", into: &screen)
        #expect(screen.view.picker != nil && screen.view.runFilter?.text == "optimizer=adam")
        _ = screen.handle(.enter)
        #expect(screen.view.picker == nil)
        let legend = Self.legend(&screen)
        #expect(legend.first?.name == names[3])
        #expect(legend.first?.shown == (configs[names[3]]?.optimizer == "adam"))
    }
}
