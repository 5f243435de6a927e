import Foundation
import NNCharts
import NNRuns
import NNText
import Testing
@testable import nndash

/// `nndash watch` as text: its line mode (output not a terminal) and `--plain`, read back
/// and checked against the logs the tests wrote.
@Suite struct WatchLineModeTests {
    /// A printed line taken apart: `NAME [FORMAT] step=S TAG=VALUE...`.
    struct Line: Equatable {
        var run: String
        var format: String
        var step: Int64
        var values: [String: String]

        init?(_ text: String) {
            guard let open = text.range(of: " ["), let close = text.range(of: "] step=", range: open.upperBound..<text.endIndex)
            else { return nil }
            run = String(text[..<open.lowerBound])
            format = String(text[open.upperBound..<close.lowerBound])
            let words = text[close.upperBound...].split(separator: " ")
            guard let first = words.first, let step = Int64(first) else { return nil }
            self.step = step
            values = [:]
            for word in words.dropFirst() {
                let parts = word.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { return nil }
                values[String(parts[0])] = String(parts[1])
            }
        }
    }

    /// Polls `watcher` until `lines` says something (a file just written may need a second
    /// read), at most a few times; returns what it printed.
    static func next(_ lines: inout WatchLines, _ watcher: RunWatcher) -> [String] {
        for _ in 0..<50 {
            let update = watcher.poll()
            let printed = lines.lines(for: watcher.runs, changed: update.added + update.grew, restarted: update.restarted)
            if !printed.isEmpty { return printed }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return []
    }

    /// Every line names a run and a step, and each value it gives is that run's newest point of
    /// the tag, at that step, written as the table writes it.
    static func expectTrue(_ printed: [String], _ runs: [LogRun]) {
        for text in printed {
            guard let line = Line(text), let run = runs.first(where: { ($0.displayName ?? $0.name) == line.run }) else {
                Issue.record("unreadable line: \(text)")
                continue
            }
            #expect(line.format == run.format.rawValue)
            #expect(!line.values.isEmpty, "\(text)")
            for (tag, value) in line.values {
                let scalar = run.scalars.first { $0.label == tag }
                #expect(scalar?.steps.last == line.step, "\(text)")
                #expect(scalar?.y.last.map { NumberFormat.short($0) } == value, "\(text)")
            }
        }
    }

    @Test func eachLineCarriesItsStepAndOnlyWhatChanged() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.jsonl")
        try Data("{\"step\": 0, \"loss\": 2.5, \"acc\": 0.1}\n{\"step\": 1, \"loss\": 1.23456, \"acc\": 0.2}\n".utf8).write(to: a)
        try Data("step,loss\n0,5\n3,12345.678\n".utf8).write(to: folder.appendingPathComponent("b.csv"))
        let watcher = try RunWatcher(paths: [folder.path])
        var lines = WatchLines()
        let first = Self.next(&lines, watcher)
        Self.expectTrue(first, watcher.runs)
        // One line per run: every tag of a run is at the same step.
        #expect(first.compactMap(Line.init).map(\.run).sorted() == ["a.jsonl", "b.csv"], "\(first)")
        #expect(first.compactMap(Line.init).first { $0.run == "a.jsonl" }?.values == ["loss": "1.23", "acc": "0.2"], "\(first)")
        #expect(first.compactMap(Line.init).first { $0.run == "b.csv" }?.values == ["loss": "12.3k"], "\(first)")

        // A new loss, the accuracy repeated as it was: only the loss is new.
        let handle = try FileHandle(forWritingTo: a)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"step\": 2, \"loss\": 0.5}\n".utf8))
        let second = Self.next(&lines, watcher)
        Self.expectTrue(second, watcher.runs)
        #expect(second.compactMap(Line.init) == [Line("a.jsonl [jsonl] step=2 loss=0.5")!], "\(second)")
        // Two tags at different steps: a line for each step.
        try handle.write(contentsOf: Data("{\"step\": 3, \"loss\": 0.25}\n{\"step\": 4, \"acc\": 0.75}\n".utf8))
        try handle.close()
        let third = Self.next(&lines, watcher)
        Self.expectTrue(third, watcher.runs)
        #expect(third.compactMap(Line.init).map(\.step) == [3, 4], "\(third)")
        // Nothing new: nothing printed.
        let update = watcher.poll()
        #expect(lines.lines(for: watcher.runs, changed: update.added + update.grew, restarted: update.restarted).isEmpty)
    }

    /// A restarted run says so and prints its values again.
    @Test func aRestartedRunIsSaidAndPrintedAgain() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.jsonl")
        try Data("{\"step\": 0, \"loss\": 2}\n{\"step\": 1, \"loss\": 1}\n".utf8).write(to: a)
        let watcher = try RunWatcher(paths: [folder.path])
        var lines = WatchLines()
        #expect(Self.next(&lines, watcher) == ["a.jsonl [jsonl] step=1 loss=1"])
        let printed = lines.lines(for: watcher.runs, changed: [], restarted: [0])
        #expect(printed == ["a.jsonl [jsonl] restarted: read again from the start", "a.jsonl [jsonl] step=1 loss=1"])
    }

    /// The binary in line mode: what it prints on standard output, as the logs grow.
    @Test func theBinaryPrintsStepsAndChangesOnly() throws {
        let logs = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: logs) }
        let log = logs.appendingPathComponent("run \u{1B}[31m.jsonl")
        try Data("{\"step\": 0, \"loss\": 2, \"lr\": 0.1}\ngarbage\n{\"step\": 7, \"loss\": 0.333333, \"lr\": 0.1}\n".utf8).write(to: log)
        let watch = try Binary.start(["watch", "--interval", "0.05", log.path])
        func waitForLines(_ count: Int) -> [String] {
            func lines(_ stdout: String) -> [String] { stdout.split(separator: "\n").map(String.init) }
            watch.waitFor { stdout, _ in lines(stdout).count >= count }
            return lines(watch.stdout)
        }
        let first = waitForLines(1)
        #expect(first.count == 1, "\(first)")
        let parsed = try #require(first.first.flatMap(Line.init))
        // The file's name, made safe to print: no escape reaches the output.
        #expect(!parsed.run.contains("\u{1B}") && parsed.run.hasPrefix("run ") && parsed.run.hasSuffix(".jsonl"), "\(parsed.run)")
        #expect(parsed.format == "jsonl" && parsed.step == 7 && parsed.values == ["loss": "0.333", "lr": "0.1"], "\(first)")
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"step\": 8, \"loss\": 0.25, \"lr\": 0.1}\n".utf8))
        try handle.close()
        let second = waitForLines(2)
        #expect(second.count == 2 && second.dropFirst().first.flatMap(Line.init)?.values == ["loss": "0.25"], "\(second)")
        #expect(second.dropFirst().first.flatMap(Line.init)?.step == 8, "\(second)")
    }
}

@Suite struct WatchPlainTests {
    static func logs() throws -> URL {
        let folder = try Binary.temporaryDirectory()
        try Data("{\"step\": 0, \"train/loss\": 4, \"acc\": 0.1}\n{\"step\": 1, \"train/loss\": 3, \"acc\": 0.2}\n".utf8)
            .write(to: folder.appendingPathComponent("a\u{1B}]0;x\u{07}.jsonl"))
        try Data("step,train/loss,acc\n0,5,0.2\n10,0.5,0.9\n".utf8).write(to: folder.appendingPathComponent("b.csv"))
        return folder
    }

    /// The charts, each at the size given, then the table of every curve; nothing a terminal
    /// would act on.
    @Test(arguments: [(["--columns", "80", "--lines", "20"], [String: String](), 80, 20),
                      ([], ["COLUMNS": "60", "LINES": "14"], 60, 14),
                      ([], ["COLUMNS": "x", "LINES": ""], 100, 24)])
    func plainPrintsEachChartAtItsSizeAndTheTable(options: [String], environment: [String: String], width: Int, height: Int) throws {
        let folder = try Self.logs()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Binary.run(["watch", "--plain"] + options + [folder.path], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "nndash watch · 2 runs · 2 tags", "\(lines.first ?? "")")
        #expect(lines.allSatisfy { $0.count <= width }, "\(text)")
        // The two charts, each `height` rows from its title row (a chart's rows end in a blank line).
        let titles = lines.indices.filter { lines[$0].hasPrefix("train/loss") || lines[$0].hasPrefix("acc") }
        #expect(titles.count == 2, "\(text)")
        for t in titles {
            #expect(lines[t + height].isEmpty && (t + height - 1 < lines.count), "\(lines[t])")
        }
        // The table: a row per run and tag, its last value and step the log's.
        let header = try #require(lines.firstIndex { $0.hasPrefix("run") && $0.contains("last") })
        let rows = lines[(header + 2)...].filter { !$0.isEmpty }.map { $0.split(separator: " ").map(String.init) }
        #expect(rows.count == 4, "\(text)")
        let expected: [String: (step: String, last: String)] = [
            "train/loss a": ("1", "3"), "acc a": ("1", "0.2"), "train/loss b.csv": ("10", "0.5"), "acc b.csv": ("10", "0.9"),
        ]
        for row in rows {
            guard let tagAt = row.firstIndex(where: { $0 == "train/loss" || $0 == "acc" }) else {
                Issue.record("row without a tag: \(row)")
                continue
            }
            let run = row[0].hasPrefix("a") ? "a" : row[0]
            let want = try #require(expected["\(row[tagAt]) \(run)"], "\(row)")
            #expect(row[tagAt + 1] == want.step && row[tagAt + 2] == want.last, "\(row)")
        }
    }

    /// With a grid, each page of charts is drawn at the size given, the grid's charts on it.
    @Test func plainWithAGridDrawsPagesOfCharts() throws {
        let folder = try Self.logs()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Binary.run(["watch", "--plain", "--grid", "1x2", "--columns", "100", "--lines", "20", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Two groups (train/ and no prefix), each on a page of its own under its heading, its
        // chart in the left cell of the grid's row.
        for (heading, title) in [("─ train/ · 1 chart", "train/loss"), ("─ no prefix · 1 chart", "acc")] {
            let at = try #require(lines.firstIndex { $0.hasPrefix(heading) }, "\(result.stdout)")
            #expect(lines[at + 1].hasPrefix(title) && lines[at + 1].count <= 50, "\(lines[at + 1])")
            #expect(lines[at - 1].isEmpty && lines[at + 19].count > 0 && lines[at + 20].isEmpty, "\(title)")
        }
    }

    @Test func plainAndJSONTogetherAreRefused() throws {
        let result = try Binary.run(["watch", "--plain", "--json", "."])
        #expect(result.status == 2 && result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("--plain"), "\(result.stderr)")
    }
}

/// `--grid RxC` and `g`/`G`: the charts of a page in the rows and columns set.
@Suite struct WatchGridTests {
    @Test func gridsParseAndRefuse() {
        #expect(WatchGrid("2x3") == WatchGrid(rows: 2, columns: 3))
        #expect(WatchGrid("9X9") == WatchGrid(rows: 9, columns: 9))
        for bad in ["", "2", "0x2", "2x0", "10x1", "2x3x4", "ax2", "-1x2", "2 x3", "２x3", "+2x3"] {
            #expect(WatchGrid(bad) == nil, "\(bad)")
        }
        // g walks the presets and back to "as many as fit"; G goes back.
        var grid: WatchGrid?
        var seen: [WatchGrid?] = []
        for _ in 0...WatchGrid.presets.count {
            grid = WatchGrid.cycled(grid, by: 1)
            seen.append(grid)
        }
        #expect(seen == WatchGrid.presets.map { $0 } + [nil])
        #expect(WatchGrid.cycled(nil, by: -1) == WatchGrid.presets.last)
    }

    /// Each page holds the grid's rows and columns of charts, each chart in its cell, at every size.
    @Test(arguments: [(2, 3), (1, 1), (3, 2), (4, 4)])
    func pagesHoldTheGridsCharts(rows: Int, columns: Int) throws {
        var screen = WatchLayoutTests.screen(try WatchLayoutTests.runs(3, tags: (0..<14).map { "m\($0)" }, seed: 11))
        screen.view.grid = WatchGrid(rows: rows, columns: columns)
        for (width, height) in WatchLayoutTests.sizes {
            _ = WatchLayoutTests.draw(&screen, width, height)
            let layout = try #require(screen.layout)
            let body = Rect(x: 0, y: 1, width: width, height: height - 2)
            let fits = WatchGrid(rows: rows, columns: columns).fitting(body)
            #expect(layout.pages.count == (14 + fits.rows * fits.columns - 1) / (fits.rows * fits.columns), "\(width)x\(height)")
            for page in layout.pages {
                #expect(page.charts.count <= fits.rows * fits.columns)
                #expect(Set(page.charts.map(\.rect.y)).count <= fits.rows && Set(page.charts.map(\.rect.x)).count <= fits.columns)
                for chart in page.charts {
                    // A blank column parts two charts of a row.
                    #expect(chart.rect.width >= (body.width + Layout.panelGap) / fits.columns - Layout.panelGap
                                && chart.rect.height >= body.height / fits.rows,
                            "\(width)x\(height) \(chart.rect)")
                }
            }
            // The header says the grid, and what fits when the terminal is too small for it.
            let header = WatchLayoutTests.draw(&screen, width, height).plainText.split(separator: "\n")[0]
            if width >= 80 {
                #expect(header.contains("grid \(rows)x\(columns)" + (fits == WatchGrid(rows: rows, columns: columns) ? "" : " (\(fits) fit)")),
                        "\(width)x\(height): \(header)")
            }
        }
    }

    /// The runs the grids are drawn from, read once for every case: the test fixtures' stores
    /// (24 runs, long names, histograms) and 131 tags.
    static let gridInputs: Result<[(name: String, runs: [LogRun])], any Error> = Result {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        return [("fixtures", try RunWatcher.read(paths: [fixtures.path])),
                ("131 tags", try WatchLayoutTests.runs(2, tags: WatchLayoutTests.manyTags, seed: 21))]
    }

    /// Every grid, on every page at every size, of both inputs: no text covers another or is cut
    /// without `…`. Each grid at each size is one case, so that the drawings spread over the cores.
    @Test(arguments: [WatchGrid?.none] + WatchGrid.presets + [WatchGrid(rows: 4, columns: 4), WatchGrid(rows: 9, columns: 9)],
          WatchLayoutTests.sizes.indices)
    func everyGridIsLegibleOnEveryPage(grid: WatchGrid?, size: Int) throws {
        let (width, height) = WatchLayoutTests.sizes[size]
        for (name, runs) in try Self.gridInputs.get() {
            var screen = WatchLayoutTests.screen(runs)
            screen.view.grid = grid
            var page = 0
            repeat {
                let buffer = WatchLayoutTests.draw(&screen, width, height)
                for problem in DashboardOverlapTests.problems(try #require(buffer.spanLog)) {
                    Issue.record("\(name) grid \(grid.map(\.description) ?? "auto") \(width)x\(height) page \(page + 1): \(problem)")
                }
                page += 1
                _ = screen.handle(.pageDown)
            } while page < (screen.layout?.pages.count ?? 1)
        }
    }

    /// `g` changes the grid and the page shows the selected chart still.
    @Test func gKeepsTheSelectedChartInSight() throws {
        var screen = WatchLayoutTests.screen(try WatchLayoutTests.runs(2, tags: (0..<14).map { "m\($0)" }, seed: 5))
        _ = WatchLayoutTests.draw(&screen, 120, 36)
        for _ in 0..<9 { _ = screen.handle(.tab) }
        let selected = screen.view.selectedPanel
        for key in [Key.character("g"), .character("g"), .character("G"), .character("g"), .character("g")] {
            _ = screen.handle(key)
            _ = WatchLayoutTests.draw(&screen, 120, 36)
            let layout = try #require(screen.layout)
            #expect(layout.pages[screen.view.page].charts.contains { $0.panel == selected }, "\(String(describing: screen.view.grid))")
        }
    }
}

/// The mouse in the watch view, hit-tested against what the last frame drew, as the app does.
@Suite struct WatchMouseTests {
    static func click(_ screen: inout WatchScreen, x: Int, y: Int, width: Int = 200, height: Int = 60) {
        for kind in [MouseEvent.Kind.press, .release] {
            _ = WatchLayoutTests.draw(&screen, width, height)
            screen.handle(MouseEvent(kind, x: x, y: y))
        }
    }

    @Test(arguments: [(200, 60), (80, 24)])
    func aClickSelectsAChartAndALegendEntryTogglesItsRun(width: Int, height: Int) throws {
        var screen = WatchLayoutTests.screen(try WatchLayoutTests.runs(4, tags: ["loss", "acc", "lr", "val/loss"], seed: 7))
        let panels = screen.panels
        _ = WatchLayoutTests.draw(&screen, width, height)
        let drawn = screen.drawn
        #expect(drawn.count >= 2, "\(drawn.count)")
        for chart in drawn.reversed() {
            Self.click(&screen, x: chart.rect.x + chart.rect.width / 2, y: chart.rect.y + chart.rect.height / 2,
                       width: width, height: height)
            #expect(screen.view.selectedPanel == chart.panel)
        }
        // Each legend entry of the first chart, where the chart drew it, names the run it toggles.
        let buffer = WatchLayoutTests.draw(&screen, width, height)
        let first = try #require(screen.drawn.first)
        let chart = try #require(first.widget as? LineChart)
        let hits = chart.legendHits(in: first.rect)
        #expect(!hits.isEmpty)
        let rows = buffer.plainText.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        for hit in hits {
            let run = first.runs[hit.series]
            let drawnText = String(rows[hit.rect.y][hit.rect.x..<min(rows[hit.rect.y].count, hit.rect.maxX)])
            #expect(drawnText.hasPrefix("\(run + 1) ") && drawnText.contains(String(screen.curves.runs[run].name.prefix(7))),
                    "\(drawnText) for run \(run)")
            Self.click(&screen, x: hit.rect.maxX - 1, y: hit.rect.y, width: width, height: height)
            #expect(screen.view.hiddenRuns == [run] && screen.view.selectedPanel == first.panel, "\(drawnText)")
            // Hidden, the run's entry moves to the end of the legend: clicked there, it shows again.
            _ = WatchLayoutTests.draw(&screen, width, height)
            let now = try #require(screen.drawn.first)
            if let moved = (now.widget as? LineChart)?.legendHits(in: now.rect).first(where: { now.runs[$0.series] == run }) {
                Self.click(&screen, x: moved.rect.x, y: moved.rect.y, width: width, height: height)
            } else {
                // A small chart's legend leaves hidden runs out first ("+N more"): its key shows it.
                _ = screen.handle(.character(Character(String(run + 1))))
            }
            #expect(screen.view.hiddenRuns.isEmpty)
        }
        #expect(screen.panels == panels)
    }

    @Test func theWheelZoomsAroundThePointerAndADragPans() throws {
        var screen = WatchLayoutTests.screen(try WatchLayoutTests.runs(2, tags: ["loss", "acc"], seed: 9))
        _ = WatchLayoutTests.draw(&screen, 200, 60)
        let first = try #require(screen.drawn.first)
        let tag = try #require({ if case .scalar(let t) = screen.panels[first.panel] { t } else { nil } }())
        let chart = try #require(first.widget as? LineChart)
        let plot = try #require(chart.plotLayout(in: first.rect)).plot
        let x = plot.x + (plot.width - 1) / 4
        let at = try #require(chart.plotFraction(x: x, in: first.rect)).fraction
        screen.handle(MouseEvent(.wheelUp, x: x, y: plot.y + 2))
        let window = screen.view.xWindows[tag] ?? .whole
        #expect(abs(window.width - 0.5) < 1e-12 && abs(window.lower - at * 0.5) < 1e-12, "\(window)")
        _ = WatchLayoutTests.draw(&screen, 200, 60)
        screen.handle(MouseEvent(.wheelDown, x: x, y: plot.y + 2))
        #expect(screen.view.xWindows[tag] == nil)
        _ = WatchLayoutTests.draw(&screen, 200, 60)
        screen.handle(MouseEvent(.wheelUp, x: x, y: plot.y + 2))
        _ = WatchLayoutTests.draw(&screen, 200, 60)
        let before = screen.view.xWindows[tag] ?? .whole
        let zoomed = try #require(screen.drawn.first)
        let width = try #require((zoomed.widget as? LineChart)?.plotFraction(x: x, in: zoomed.rect)).width
        screen.handle(MouseEvent(.press, x: x + 20, y: plot.y + 3))
        screen.handle(MouseEvent(.release, x: x + 10, y: plot.y + 3))
        let after = screen.view.xWindows[tag] ?? .whole
        #expect(abs((after.lower - before.lower) - before.width * 10 / Double(width)) < 1e-12, "\(before) \(after)")
        // Over the header or the footer, nothing happens; with the help shown, a press closes it.
        let view = "\(screen.view)"
        screen.handle(MouseEvent(.wheelUp, x: 10, y: 0))
        screen.handle(MouseEvent(.wheelUp, x: 10, y: 59))
        #expect("\(screen.view)" == view)
        screen.view.showHelp = true
        screen.handle(MouseEvent(.press, x: 50, y: 30))
        #expect(!screen.view.showHelp && screen.view.xWindows[tag] == after)
    }
}
