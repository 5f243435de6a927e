import ChartReading
import Foundation
import NNCharts
import NNText
import Testing

@testable import NNRuns
@testable import nndash

/// The watch view draws what the logs hold: NaN and infinities as markers with the line
/// resuming after them, every finite point in its cell, one "last" in the legend, the table
/// and `--json`, and no trap on values and times at the ends of Double's range.
@Suite struct WatchTruthTests {
    /// Steps 20 = 0.25, 21 = NaN, a garbage line, 22 = Infinity, 23 = 0.2.
    static let damaged = """
        {"step": 20, "loss": 0.25}
        {"step": 21, "loss": NaN}
        garbage line
        {"step": 22, "loss": Infinity}
        {"step": 23, "loss": 0.2}

        """

    func read(_ text: String, name: String = "run.jsonl") throws -> [LogRun] {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        return try RunWatcher.read(paths: [folder.path])
    }

    func screen(_ runs: [LogRun], _ settings: WatchFeed.Settings = WatchFeed.Settings()) -> WatchScreen {
        var curves = WatchCurves(settings)
        curves.update(from: runs)
        var screen = WatchScreen()
        screen.show(curves)
        return screen
    }

    /// The chart of `tag` as the screen draws it alone in a `width` x `height` terminal, and
    /// the area it gets (between the header and the footer).
    func chart(_ screen: inout WatchScreen, tag: String, width: Int, height: Int) -> (LineChart, Rect)? {
        guard let chart = screen.widget(for: .scalar(tag: tag), selected: false, unicode: true, colorMode: .palette256)
            as? LineChart else { return nil }
        return (chart, Rect(x: 0, y: 1, width: width, height: height - 2))
    }

    /// Steps are whole numbers: however few of them and however wide the chart, every x tick is
    /// a whole step, labelled as one, under the column its step maps to.
    @Test(arguments: [(80, 24), (200, 60)], [2, 4, 9])
    func stepsGetWholeNumberTicks(size: (Int, Int), steps: Int) throws {
        let (width, height) = size
        let text = (0..<steps).map { "{\"step\": \(20 + $0), \"loss\": \(1.0 / Double($0 + 1))}" }.joined(separator: "\n") + "\n"
        var screen = screen(try read(text))
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, unicode: true, colorMode: .palette256)
        let (chart, area) = try #require(chart(&screen, tag: "loss", width: width, height: height))
        let layout = try #require(chart.plotLayout(in: area))
        let plot = layout.plot
        let axis = buffer.lines[plot.maxY], labels = Array(buffer.lines[plot.maxY + 1])
        let ticks = Array(axis).indices.filter { Array(axis)[$0] == "┬" }
        #expect(!ticks.isEmpty, "\(width)x\(height), \(steps) steps: no x ticks\n\(buffer.lines.joined(separator: "\n"))")
        for column in ticks {
            // The label around the tick.
            var start = column, end = column
            while start > 0, labels[start - 1] != " " { start -= 1 }
            while end < labels.count, labels[end] != " " { end += 1 }
            let label = String(labels[start..<end])
            let value = try #require(Double(label), "\(width)x\(height): label \(label)")
            #expect(value == value.rounded() && !label.contains("."), "\(width)x\(height), \(steps) steps: tick \(label)")
            let position = try #require(Drawing.position(value, range: layout.x, scale: .linear, positions: plot.width * 2, flipped: false))
            #expect(Set(Drawing.candidates(position, positions: plot.width * 2).map { plot.x + $0 / 2 }).contains(column),
                    "\(width)x\(height): tick \(label) at column \(column)")
        }
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func nonFinitePointsAreMarkersAndTheLineResumes(size: (Int, Int)) throws {
        let (width, height) = size
        var screen = screen(try read(Self.damaged))
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, unicode: true, colorMode: .palette256)
        let (chart, area) = try #require(chart(&screen, tag: "loss", width: width, height: height))
        let layout = try #require(chart.plotLayout(in: area))
        let plot = layout.plot

        // The x axis spans the steps read, 20 to 23, and its labels say so.
        #expect(layout.x == 20...23)
        let labelRow = buffer.lines[plot.maxY + 1]
        let xLabels = labelRow.split(separator: " ").compactMap { Double($0) }
        #expect(!xLabels.isEmpty && xLabels.allSatisfy { (20...23).contains($0) }, "x labels \(xLabels)")

        // Both finite points are drawn in the dot their value maps to.
        let dots = Drawing.dots(in: plot, of: buffer)
        let (xDots, yDots) = (plot.width * 2, plot.height * 4)
        func dot(_ x: Double, _ y: Double) -> Drawing.Dot {
            Drawing.Dot(x: Int((Drawing.position(x, range: layout.x, scale: .linear, positions: xDots, flipped: false)! + 0.5).rounded(.down)),
                        y: Int((Drawing.position(y, range: layout.y, scale: .linear, positions: yDots, flipped: true)! + 0.5).rounded(.down)))
        }
        let first = dot(20, 0.25), last = dot(23, 0.2)
        #expect(dots.contains(first), "step 20 = 0.25 not drawn")
        #expect(dots.contains(last), "step 23 = 0.2 not drawn")
        // The line breaks at the NaN and the infinity: no dot between the two points, and
        // nothing rises towards the top.
        #expect(dots.allSatisfy { $0.x <= first.x || $0.x >= last.x }, "a line crosses the gap")
        // A cross on the x axis at step 21, an arrow on the top row at step 22.
        func column(_ x: Double) -> Int { plot.x + dot(x, 0.2).x / 2 }
        #expect(buffer[column(21), plot.maxY].symbol == "✕")
        #expect(buffer[column(22), plot.y].symbol == "▲")

        // One "last": the legend, the table and --json all give step 23's 0.2.
        var json = ""
        LogRun.writeJSON(try read(Self.damaged), to: &json)
        let scalars = try #require(JSONValue(parsing: json)["runs"]?.arrayValue?.first?["scalars"]?["loss"]?.arrayValue)
        let jsonLast = try #require(scalars.last?.arrayValue?.last?.doubleValue)
        #expect(jsonLast == 0.2)
        let legend = buffer.lines[1]
        #expect(legend.contains("run.jsonl \(NumberFormat.short(jsonLast)) "), "legend: \(legend)")
        #expect(legend.contains("1 ✕ NaN") && legend.contains("1 ▲ inf"))
        let row = try #require(screen.table.rows.first)
        #expect(row.stats.last == jsonLast && row.stats.lastStep == 23)
    }

    @Test func zeroAndTheSmallestSubnormalAreDrawnWithTrueLabels() throws {
        var screen = screen(try read("{\"step\": 0, \"v\": 0}\n{\"step\": 1, \"v\": 5e-324}\n"))
        for (width, height) in [(80, 24), (200, 60)] {
            var buffer = Buffer(width: width, height: height)
            screen.render(into: &buffer, unicode: true, colorMode: .palette256)
            let (chart, area) = try #require(chart(&screen, tag: "v", width: width, height: height))
            let layout = try #require(chart.plotLayout(in: area))
            let dots = Drawing.dots(in: layout.plot, of: buffer)
            // 0 on the bottom dot row, 5e-324 on the top one, at the two ends.
            #expect(dots.contains(Drawing.Dot(x: 0, y: layout.plot.height * 4 - 1)))
            #expect(dots.contains(Drawing.Dot(x: layout.plot.width * 2 - 1, y: 0)))
            let labels = buffer.lines.compactMap { line -> Double? in
                guard let tick = line.firstIndex(of: "┤") else { return nil }
                return Double(line[..<tick].trimmingCharacters(in: .whitespaces))
            }
            #expect(Set(labels) == [0, .leastNonzeroMagnitude], "labels \(labels)")
        }
    }

    /// A tensorboard run whose `loss` has wall times at both ends of Double's range, and
    /// whose histograms of `w` span -1e308 to 1e308.
    func extremeRun() -> LogRun {
        var run = LogRun(name: "extreme", path: "extreme", format: .tensorboard)
        var loss = Series(label: "loss")
        var w = HistogramSeries(tag: "w")
        for (step, time) in [(0, 1e308), (1, -1e308), (2, 1e308), (3, -.greatestFiniteMagnitude)] {
            loss.append(step: Int64(step), value: 0.5 + Double(step), wallTime: time)
            w.append(step: Int64(step), min: -1e308, max: 1e308, count: 10, wallTime: time)
        }
        w.append(step: 4, min: -1e308, max: 1e308, count: 4, wallTime: 0, bucketLimits: [-1e307, 0, 1e308],
                 buckets: [1, 2, 1])
        run.scalars = [loss]
        run.histograms = [w]
        return run
    }

    @Test func wallTimesAtTheEndsOfDoubleAndEveryXModeDraw() {
        let runs = [extremeRun()]
        var screen = screen(runs)
        for size in [(80, 24), (200, 60)] {
            for _ in XMode.allCases {
                var buffer = Buffer(width: size.0, height: size.1)
                screen.render(into: &buffer, unicode: true, colorMode: .palette256)
                #expect(buffer.lines[0].contains("nndash watch"))
                #expect(screen.handle(.character("x")) == .rebuild)
                screen.show({ var c = WatchCurves(screen.view.settings); c.update(from: runs); return c }())
            }
        }
        #expect(XMode.clock(-1e308) == XMode.clock(-1e308) && XMode.clock(.nan) == "--:--:--")
        #expect(XMode.clock(86_400 * 3 + 3_723) == "01:02:03" && XMode.clock(-1) == "23:59:59")
    }

    @Test func histogramsAcrossDoubleKeepTheirCounts() throws {
        let band = try #require(screen([extremeRun()]).curves.runs.first?.histograms.first)
        let grid = band.grid(bins: 24, span: -1e308...1e308)
        // Each column holds its histogram's count, spread over the bins from min to max.
        for (c, column) in band.columns.enumerated() {
            let total = grid.reduce(0.0) { $0 + ($1[c].isNaN ? 0 : $1[c]) }
            #expect(abs(total - column.count) < 1e-9 * column.count, "column \(c): \(total) of \(column.count)")
        }
        // The evenly spread columns fill every bin alike.
        let first = grid.map { $0[0] }
        #expect(first.allSatisfy { abs($0 - 10.0 / 24) < 1e-9 }, "\(first)")
        // The bucketed one: half its values (2) between -1e307 and 0, in the bins there.
        let bucketed = grid.map { $0[4] }
        let middle = AxisMap(range: -1e308...1e308, scale: .linear, positions: 24, flipped: true)
        let zeroRow = try #require(middle.bin(0))
        #expect(bucketed[zeroRow].isFinite)
        let heatmap = band.heatmap(title: "w", bins: 24, colorMode: .palette256, dotGrid: .braille)
        let text = heatmap.plainText(width: 80, height: 24)
        #expect(text.contains("e307") || text.contains("e308"), "\(text)")
    }
}
