import Foundation
import NNCharts
import NNRuns
import NNText
import Testing
@testable import nndash

/// The watch view as a pure model and renderer: runs read from files, keys applied, frames
/// drawn into a buffer; no terminal involved.
@Suite final class WatchScreenTests {
    let folder: URL

    init() throws { folder = try Binary.temporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    func append(_ text: String, to name: String) throws {
        let handle = try FileHandle(forWritingTo: folder.appendingPathComponent(name))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// Two runs: `a.jsonl` with loss 4, 3, 2, 1.5, 1 and acc 0.1 to 0.5 at steps 0 to 4;
    /// `b.csv` with loss 5, 0.5, 2 and acc 0.2, 0.9, 0.6 at steps 0, 10, 20.
    func twoRuns() throws -> [LogRun] {
        try write("""
            {"step": 0, "loss": 4, "acc": 0.1}
            {"step": 1, "loss": 3, "acc": 0.2}
            {"step": 2, "loss": 2, "acc": 0.3}
            {"step": 3, "loss": 1.5, "acc": 0.4}
            {"step": 4, "loss": 1, "acc": 0.5}

            """, to: "a.jsonl")
        try write("step,loss,acc\n0,5,0.2\n10,0.5,0.9\n20,2,0.6\n", to: "b.csv")
        return try RunWatcher.read(paths: [folder.path])
    }

    /// Presses `keys` as the app does: a key that changes how curves are built rebuilds them.
    func press(_ keys: [Key], on screen: inout WatchScreen, runs: [LogRun]) {
        for key in keys where screen.handle(key) == .rebuild {
            screen.show(curves(runs, screen.view.settings))
        }
    }

    func curves(_ runs: [LogRun], _ settings: WatchFeed.Settings = WatchFeed.Settings()) -> WatchCurves {
        var curves = WatchCurves(settings)
        curves.update(from: runs)
        return curves
    }

    func frame(_ screen: inout WatchScreen, width: Int = 100, height: Int = 30) -> String {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, unicode: true, colorMode: .palette256)
        return buffer.plainText
    }

    static let tensorBoard = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/logs/tensorboard")

    /// `watch --plain` at 80 columns: run names too long for the table that share a long
    /// beginning are cut in the middle, so each row keeps its name's distinguishing end. Each
    /// row's run cell is read back: its head and tail are the head and tail of its run's name.
    @Test func longRunNamesAreCutInTheMiddleSoSweepRunsStayApart() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = "lr-sweep-adamw-cosine-warmup-batch256-seed1-"
        for (lr, loss) in [("lr0.001", 2.0), ("lr0.003", 1.0)] {
            try write("{\"step\": 0, \"loss\": \(loss + 1)}\n{\"step\": 1, \"loss\": \(loss)}\n", to: prefix + lr + ".jsonl")
        }
        var screen = WatchScreen()
        let curves = curves(try RunWatcher.read(paths: [folder.path]))
        let names = curves.runs.map(\.name)
        #expect(names.count == 2 && names.allSatisfy { $0.hasPrefix(prefix) && $0.count > 40 }, "\(names)")
        screen.show(curves)
        let text = screen.plainText(size: PlainSize(width: 80, height: 16), unicode: true)
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.lastIndex { $0.hasPrefix("run") }, "\(text)")
        let cells = lines[(header + 2)...].map { String($0.prefix { $0 != " " }) }
        #expect(cells.count == 2, "\(cells)")
        for cell in cells {
            let parts = cell.split(separator: "…", omittingEmptySubsequences: false)
            #expect(parts.count == 2 && parts[1].count >= parts[0].count, "\(cell)")
            let matching = names.filter { $0.hasPrefix(parts[0]) && $0.hasSuffix(parts[1]) }
            #expect(matching.count == 1, "\(cell) names \(matching) of \(names)")
        }
        #expect(Set(cells).count == 2, "\(cells)")
    }

    @Test func aFrameShowsOneChartPerTagWithEveryRun() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var screen = WatchScreen()
        var curves = WatchCurves()
        let changed = curves.update(from: try twoRuns())
        #expect(changed)
        screen.show(curves)
        #expect(screen.panels == [.scalar(tag: "loss"), .scalar(tag: "acc")])
        let text = frame(&screen)
        #expect(text.contains("nndash watch · 2 runs · 2 tags"))
        #expect(text.contains("▸ loss"))
        #expect(text.contains("acc"))
        #expect(text.contains("a.jsonl") && text.contains("b.csv"))
        #expect(containsBraille(text))
        // The legend gives each run's newest value.
        #expect(text.contains("a.jsonl 1") && text.contains("b.csv 2"))
    }

    @Test func filtersAreTypedAsRegularExpressions() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = try twoRuns()
        var screen = WatchScreen()
        screen.show(curves(runs))
        press([.character("/"), .character("A"), .character("C"), .character("("), .enter], on: &screen, runs: runs)
        // A bad pattern keeps the prompt open with the error, and filters nothing.
        #expect(screen.view.prompt?.error == "not a regular expression: AC(")
        #expect(screen.view.tagFilter == nil)
        #expect(frame(&screen).contains("not a regular expression: AC("))
        for key in [Key.backspace, .enter] { press([key], on: &screen, runs: runs) }
        #expect(screen.view.prompt == nil)
        #expect(screen.panels == [.scalar(tag: "acc")])
        let text = frame(&screen)
        #expect(text.contains("tags /AC/"))
        #expect(!text.contains("loss"))

        for key in [Key.character("f"), .character("\\"), .character("."), .character("c"), .character("s"), .character("v"), .enter] {
            press([key], on: &screen, runs: runs)
        }
        let onlyCSV = frame(&screen)
        // The run the filter fails stays in the legend, hidden.
        #expect(onlyCSV.contains("b.csv") && onlyCSV.contains("a.jsonl (hidden)"))
        #expect(screen.view.hiddenRuns == [0])

        // Esc leaves the filter as it was; an empty pattern shows everything again.
        for key in [Key.character("/"), .character("x"), .escape] { press([key], on: &screen, runs: runs) }
        #expect(screen.view.tagFilter?.pattern == "AC")
        press([.character("/")], on: &screen, runs: runs)
        for _ in 0..<2 { press([.backspace], on: &screen, runs: runs) }
        press([.enter], on: &screen, runs: runs)
        #expect(screen.view.tagFilter == nil)
    }

    @Test func filterParsing() throws {
        #expect(try WatchFilter.parse("") == nil)
        #expect(throws: WatchFilter.Problem(message: "not a regular expression: [a-")) { try WatchFilter.parse("[a-") }
        #expect(throws: WatchFilter.Problem.self) { try WatchFilter.parse("*loss") }
        let filter = try #require(try WatchFilter.parse("^val/|LOSS$"))
        #expect(filter.matches("val/acc"))
        #expect(filter.matches("train/loss"))
        #expect(!filter.matches("train/val/acc"))
        #expect(!filter.matches("loss_step"))
    }

    @Test func theTableSortsByTheChosenColumn() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = try twoRuns()
        var screen = WatchScreen()
        screen.show(curves(runs))
        press([.character("t")], on: &screen, runs: runs)
        let rows = { screen.table.rows.map { "\($0.run) \($0.tag)" } }
        #expect(rows() == ["a.jsonl loss", "a.jsonl acc", "b.csv loss", "b.csv acc"])
        // → moves the sort to the next column: tag, step, last, then min.
        press([.right, .right, .right, .right], on: &screen, runs: runs)  // min: 1, 0.1, 0.5, 0.2
        #expect(rows() == ["a.jsonl acc", "b.csv acc", "b.csv loss", "a.jsonl loss"])
        press([.character("r")], on: &screen, runs: runs)
        #expect(rows() == ["a.jsonl loss", "b.csv loss", "b.csv acc", "a.jsonl acc"])
        press([.right], on: &screen, runs: runs)  // step of min: 4, 0, 10, 0
        #expect(rows() == ["a.jsonl acc", "b.csv acc", "a.jsonl loss", "b.csv loss"])
        let b = try #require(screen.table.rows.first { $0.run == "b.csv" && $0.tag == "loss" })
        #expect(b.stats == CurveStats(count: 3, lastStep: 20, last: 2, min: 0.5, minStep: 10, max: 5))

        let text = frame(&screen)
        #expect(text.contains("step of min ▲"))
        let line = try #require(text.split(separator: "\n").first { $0.contains("b.csv") && $0.contains("loss") })
        #expect(line.split(separator: " ").map(String.init) == ["b.csv", "loss", "20", "2", "0.5", "10", "5"])
    }

    /// Three Lightning-style runs: `vK/metrics.csv` with a loss, and `vK/hparams.yaml`.
    func runsWithHyperparameters() throws -> [LogRun] {
        let runs: [(String, String, String, [Double])] = [
            ("v0", "0.5", "sgd", [2, 1, 0.5]), ("v1", "0.05", "adam", [3, 0.1, 0.2]), ("v2", "3e-3", "sgd", [4, 2, 0.9]),
        ]
        for (name, lr, optimizer, losses) in runs {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
            try write("lr: \(lr)\nbatch_size: 32\noptimizer: \(optimizer)\n", to: name + "/hparams.yaml")
            try write("step,loss\n" + losses.enumerated().map { "\($0.offset * 10),\($0.element)\n" }.joined(),
                      to: name + "/metrics.csv")
        }
        return try RunWatcher.read(paths: [folder.path])
    }

    /// The table's drawn rows below its header and rule, each split into its cells' words.
    func tableRows(_ text: String) -> [[String]] {
        text.split(separator: "\n").drop { !$0.contains("─") }.dropFirst()
            .map { $0.split(separator: " ").map(String.init) }
            .filter { $0.contains("loss") }
    }

    @Test func theTableHasTheRunsHyperparametersSortsByThemAndChoosesTheChartedRuns() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = try runsWithHyperparameters()
        var screen = WatchScreen()
        screen.show(curves(runs))
        press([.character("t")], on: &screen, runs: runs)
        // batch_size is 32 in every run: it tells none apart, so it has no column.
        #expect(screen.table.columns == StatsTable.Column.fixed + [.param("lr"), .param("optimizer")])
        var text = frame(&screen, width: 120)
        #expect(text.contains(" lr") && text.contains(" optimizer") && !text.contains("batch_size"))
        #expect(tableRows(text) == [
            ["v0/metrics.csv", "loss", "20", "0.5", "0.5", "20", "2", "0.5", "sgd"],
            ["v1/metrics.csv", "loss", "20", "0.2", "0.1", "10", "3", "0.05", "adam"],
            ["v2/metrics.csv", "loss", "20", "0.9", "0.9", "20", "4", "3e-3", "sgd"],
        ])

        // lr sorts as numbers (3e-3 < 0.05 < 0.5), not as text.
        press(Array(repeating: .right, count: 7), on: &screen, runs: runs)
        text = frame(&screen, width: 120)
        #expect(text.contains("lr ▲"))
        #expect(tableRows(text).map { $0[0] } == ["v2/metrics.csv", "v1/metrics.csv", "v0/metrics.csv"])
        press([.character("r")], on: &screen, runs: runs)
        #expect(tableRows(frame(&screen, width: 120)).map { $0[7] } == ["0.5", "0.05", "3e-3"])
        // → sorts by the next column, optimizer, as text; equal values keep the runs' order.
        press([.right], on: &screen, runs: runs)
        text = frame(&screen, width: 120)
        #expect(text.contains("optimizer ▲"))
        #expect(tableRows(text).map { $0[0] + " " + $0[8] } == ["v1/metrics.csv adam", "v0/metrics.csv sgd", "v2/metrics.csv sgd"])
        // ← twice: back to lr, then max.
        press([.left, .left], on: &screen, runs: runs)
        #expect(tableRows(frame(&screen, width: 120)).map { $0[6] } == ["2", "3", "4"])

        // Choosing rows in the table: the cursor moves down to v1, space chooses it, then v2.
        press([.down, .character(" "), .down, .character(" ")], on: &screen, runs: runs)
        text = frame(&screen, width: 120)
        #expect(text.contains("2 chosen"))
        #expect(tableRows(text).map { $0[0] } == ["v0/metrics.csv", "●", "●"])
        #expect(tableRows(text).map { $0.count > 1 && $0[0] == "●" ? $0[1] : $0[0] }
                == ["v0/metrics.csv", "v1/metrics.csv", "v2/metrics.csv"])
        press([.character("t")], on: &screen, runs: runs)
        let chart = frame(&screen, width: 120)
        #expect(chart.contains("v1/metrics.csv") && chart.contains("v2/metrics.csv") && !chart.contains("v0/metrics.csv"))
        // Space again un-chooses; c chooses none, and every run is charted again.
        press([.character("t"), .character(" ")], on: &screen, runs: runs)
        #expect(screen.view.chosenRuns == [1])
        press([.character("c"), .character("t")], on: &screen, runs: runs)
        #expect(frame(&screen, width: 120).contains("v0/metrics.csv"))
    }

    @Test func missingAndNaNValuesSortLast() {
        let value = { (v: Double?) -> StatsTable.Row in
            var stats = CurveStats()
            if let v { stats.add(step: 1, value: v) }
            return StatsTable.Row(run: "r", runIndex: 0, tag: "\(String(describing: v))", stats: stats)
        }
        let rows = [value(.nan), value(2), value(nil), value(1)]
        let sorted = StatsTable.sorted(rows, by: .last, descending: false).map(\.tag)
        #expect(sorted == ["Optional(1.0)", "Optional(2.0)", "Optional(nan)", "nil"])
    }

    @Test func xCyclesThroughStepRelativeAndWallTime() throws {
        let runs = try RunWatcher.read(paths: [Self.tensorBoard.path])
        let loss = try #require(runs[0].scalar("train/loss"))
        var screen = WatchScreen()
        screen.show(curves(runs))
        func xRange() -> ClosedRange<Double>? {
            screen.curves.runs[0].curves.first { $0.tag == "train/loss" }.map {
                $0.series.raw.firstPoint!.x...$0.series.raw.lastPoint!.x
            }
        }
        #expect(xRange() == Double(loss.steps.first!)...Double(loss.steps.last!))
        #expect(frame(&screen, width: 120, height: 40).contains("x: step"))
        press([.character("z")], on: &screen, runs: runs)

        press([.character("x")], on: &screen, runs: runs)
        #expect(screen.view.xMode == .relative)
        #expect(xRange() == 0...(loss.wallTimes.last! - loss.wallTimes.first!))
        let relative = frame(&screen, width: 120, height: 40)
        #expect(relative.contains("x: relative time"))

        press([.character("x")], on: &screen, runs: runs)
        #expect(screen.view.xMode == .wall)
        let origin = try #require(screen.curves.wallOrigin)
        #expect(origin == runs.flatMap { $0.scalars.compactMap(\.wallTimes.first) }.first!.rounded(.down))
        #expect(xRange() == (loss.wallTimes.first! - origin)...(loss.wallTimes.last! - origin))
        #expect(frame(&screen, width: 120, height: 40).contains("s after \(XMode.clock(origin)) UTC"))

        press([.character("x")], on: &screen, runs: runs)
        #expect(screen.view.xMode == .step)
    }

    @Test func logsWithoutTimesFallBackToSteps() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = try twoRuns()
        var screen = WatchScreen()
        screen.show(curves(runs))
        press([.character("x")], on: &screen, runs: runs)
        let b = try #require(screen.curves.runs[1].curves.first)
        #expect(b.series.raw.lastPoint?.x == 20)
        #expect(!screen.curves.showsTime(tag: "loss"))
        #expect(!frame(&screen).contains("seconds"))
    }

    @Test func smoothingRebuildsTheCurves() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = try twoRuns()
        var screen = WatchScreen()
        screen.show(curves(runs))
        #expect(screen.curves.runs[0].curves[0].series.smoothed == nil)
        for _ in 0..<5 { press([.character("S")], on: &screen, runs: runs) }
        #expect(screen.view.smoothing == 0.5)
        let smoothed = try #require(screen.curves.runs[0].curves[0].series.smoothed)
        // TensorBoard's debiased EMA with weight 0.5 over 4, 3: (0.5·4·0.5 + 0.5·3) / (1 − 0.25).
        #expect(smoothed.buckets[1].last == (0.5 * 0.5 * 4 + 0.5 * 3) / 0.75)
        #expect(frame(&screen).contains("smoothing 0.5"))
    }

    @Test func pointsAreTakenIncrementallyAndRestartsStartOver() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("{\"step\": 0, \"loss\": 4}\n{\"step\": 1, \"loss\": 3}\n", to: "a.jsonl")
        let watcher = try RunWatcher(paths: [folder.path])
        var curves = WatchCurves()
        func poll() -> Bool {
            let update = watcher.poll()
            return curves.update(from: watcher.runs, restarted: update.restarted)
        }
        #expect(poll())
        #expect(curves.runs[0].curves[0].fed.taken == 2)
        #expect(!poll())
        try append("{\"step\": 2, \"loss\": 2}\n", to: "a.jsonl")
        #expect(poll())
        #expect(curves.runs[0].curves[0].series.count == 3)
        #expect(curves.runs[0].curves[0].stats.last == 2)

        try write("{\"step\": 0, \"loss\": 9}\n", to: "a.jsonl")
        let update = watcher.poll()
        #expect(update.restarted == [0])
        let changed = curves.update(from: watcher.runs, restarted: update.restarted)
        #expect(changed)
        #expect(curves.runs[0].curves[0].series.count == 1)
        #expect(curves.runs[0].curves[0].stats == CurveStats(count: 1, lastStep: 0, last: 9, min: 9, minStep: 0, max: 9))
    }

    @Test func pointsReplacedByARestartedStepAreTakenAgain() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write((0..<5).map { "{\"step\": \($0), \"loss\": \(10 - $0)}\n" }.joined(), to: "a.jsonl")
        let watcher = try RunWatcher(paths: [folder.path])
        var curves = WatchCurves()
        _ = watcher.poll()
        curves.update(from: watcher.runs)
        #expect(curves.runs[0].curves[0].series.count == 5)
        // Resumed from step 2: steps 2 to 4 are replaced, as TensorBoard shows them.
        try append("{\"step\": 2, \"loss\": 1}\n", to: "a.jsonl")
        let restarted = watcher.poll().restarted
        let changed = curves.update(from: watcher.runs, restarted: restarted)
        #expect(changed)
        let curve = curves.runs[0].curves[0]
        #expect(curve.series.count == 3)
        #expect(curve.series.raw.lastPoint?.x == 2 && curve.series.raw.lastPoint?.y == 1)
        #expect(curve.stats == CurveStats(count: 3, lastStep: 2, last: 1, min: 1, minStep: 2, max: 10))
    }

    @Test func axesHoldStillWhileNewPointsFitTheirHeadroom() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write((0...10).map { "{\"step\": \($0), \"loss\": \(Double(10 - $0) / 10)}\n" }.joined(), to: "a.jsonl")
        let watcher = try RunWatcher(paths: [folder.path])
        var screen = WatchScreen()
        var curves = WatchCurves()
        func axisRows() -> [Substring] {
            let update = watcher.poll()
            curves.update(from: watcher.runs, restarted: update.restarted)
            screen.show(curves)
            return frame(&screen).split(separator: "\n", omittingEmptySubsequences: false).suffix(3).dropLast()
        }
        _ = axisRows()
        try append("{\"step\": 11, \"loss\": 0.05}\n", to: "a.jsonl")
        let grown = axisRows()
        // Step 11 passed the end (10), so the range grew by a tenth beyond it: 12 fits.
        try append("{\"step\": 12, \"loss\": 0.04}\n", to: "a.jsonl")
        #expect(axisRows() == grown)
    }

    @Test func stringsFromLogsAreDrawnSafely() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("{\"step\": 0, \"bad\\u001b[2Jtag\": 1}\n{\"step\": 1, \"bad\\u001b[2Jtag\": 2}\n", to: "a.jsonl")
        var screen = WatchScreen()
        screen.show(curves(try RunWatcher.read(paths: [folder.path])))
        let text = frame(&screen)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("bad�tag"))
    }

    @Test func histogramsAreHeatmapsOfTheirSpan() throws {
        let runs = try RunWatcher.read(paths: [Self.tensorBoard.path])
        var screen = WatchScreen()
        screen.show(curves(runs))
        let histograms = screen.panels.filter { if case .histogram = $0 { return true } else { return false } }
        #expect(histograms.count == runs.reduce(0) { $0 + $1.histograms.count })
        press([.character("/")], on: &screen, runs: runs)
        for c in "weight" { press([.character(c)], on: &screen, runs: runs) }
        press([.enter], on: &screen, runs: runs)
        #expect(screen.panels.count == histograms.count)
        let text = frame(&screen, width: 120, height: 40)
        #expect(text.contains("layer0/weight · lr0.05"))
        #expect(text.contains("▀"))
    }

    static let wandb = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/stores/wandb")

    @Test func wandbSystemMetricsHaveTheirOwnPageAndRunsTheirDisplayNames() throws {
        let runs = try RunWatcher.read(paths: [Self.wandb.path])
        var screen = WatchScreen()
        screen.show(curves(runs))
        // The training charts: W&B's display names (wandb.init(name=...)) name the runs.
        #expect(screen.panels == [.scalar(tag: "train/loss"), .scalar(tag: "val_acc")])
        var text = frame(&screen, width: 80, height: 24)
        #expect(!text.contains("system/"))
        #expect(text.contains("lr0.1") && text.contains("lr0.5") && !text.contains("offline-run"))
        let system = runs[0].scalars.filter(\.isSystemMetric).map(\.label)
        #expect(text.contains("m: \(system.count) system"))
        // The table leaves them out too.
        press([.character("t")], on: &screen, runs: runs)
        #expect(Set(screen.table.rows.map(\.tag)) == ["train/loss", "val_acc"])

        press([.character("m")], on: &screen, runs: runs)
        #expect(screen.panels == system.map { .system(tag: $0) })
        text = frame(&screen, width: 80, height: 24)
        #expect(text.contains("system metrics") && !text.contains("system/"))
        // Zoomed on memory_percent: titled by its key; the legend gives each run's last sample.
        let index = try #require(system.firstIndex(of: "system/memory_percent"))
        for _ in 0..<index { press([.tab], on: &screen, runs: runs) }
        press([.character("z")], on: &screen, runs: runs)
        text = frame(&screen, width: 80, height: 24)
        #expect(text.contains("▸ memory_percent"))
        for run in runs {
            let last = try #require(run.scalar("system/memory_percent")?.y.last)
            #expect(text.contains("\(run.displayName!) \(NumberFormat.short(last))"))
        }
        press([.character("m")], on: &screen, runs: runs)
        #expect(screen.panels.first == .scalar(tag: "train/loss"))
    }

    @Test func aSmallTerminalGetsANotice() throws {
        var screen = WatchScreen()
        #expect(frame(&screen, width: 30, height: 8).contains("too small"))
        #expect(frame(&screen).contains("waiting for runs"))
    }
}

/// Histograms re-binned for the heatmap: counts spread over the bins their buckets overlap.
@Suite struct HistogramBandTests {
    func grid(_ column: HistogramBand.Column, bins: Int, span: ClosedRange<Double>) -> [[Double]] {
        var band = HistogramBand(tag: "w")
        band.columns = [column]
        return band.grid(bins: bins, span: span)
    }

    @Test func bucketsSpreadOverTheBinsTheyOverlap() {
        // [0, 1] holds 4 values, (1, 4] holds 6: 2 in each of the bins (1, 2], (2, 3], (3, 4].
        let column = HistogramBand.Column(step: 0, min: 0, max: 4, count: 10, limits: [1, 4], buckets: [4, 6])
        #expect(grid(column, bins: 4, span: 0...4) == [[2], [2], [2], [4]])
    }

    @Test func theLastBucketEndsAtTheMaximum() {
        // Writers close the last bucket at DBL_MAX; its values lie at most at the maximum, 2.
        let column = HistogramBand.Column(step: 0, min: 0, max: 2, count: 4, limits: [1, .greatestFiniteMagnitude],
                                          buckets: [1, 3])
        #expect(grid(column, bins: 2, span: 0...2) == [[3], [1]])
    }

    @Test func withoutBucketsTheCountFillsTheSpan() {
        let column = HistogramBand.Column(step: 0, min: 0, max: 2, count: 10, limits: [], buckets: [])
        let values = grid(column, bins: 4, span: 0...4)
        #expect(values[0][0].isNaN && values[1][0].isNaN)
        #expect(values[2...].map { $0[0] } == [5, 5])
    }
}
