import ChartReading
import Foundation
@testable import nndash
import NNCharts
import NNRuns
import NNStudies
import Testing

/// `e` writes the selected panel as text, its data as CSV and the chart as SVG, named as run
/// folders are; what the files hold is read back and checked against the study's data.
@Suite struct PanelExportTests {
    /// The rows of a CSV without quoted fields, split at commas.
    static func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func aSweepPanelIsWrittenAsTextCSVAndSVGOfItsData() throws {
        let snapshot = try #require(try StudyLauncher.runToEnd(LearningRateSweep(.init(lrMax: 0.3, num: 4, iterations: 30)))
            as? LearningRateSweep.Snapshot)
        let panel = SweepScreen().panels(for: snapshot)[0]
        var view = ViewState()
        view.hiddenSeries = [0: [1]]
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var buffer = Buffer(width: 100, height: 30)
        ChartPanel(panel: panel, view: view, selected: false, unicode: true, colorMode: .none).render(in: buffer.area, into: &buffer)
        let message = PanelExport.write(buffer, chart: panel.chartData(view: view, index: 0), study: "sweep", folder: folder.path)
        let match = try #require(message.wholeMatch(of: /exported to (sweep-\d{8}-\d{6})\.txt, \.csv, \.svg/), "\(message)")
        let stem = String(match.1)
        let read = { (ext: String) in try String(contentsOf: folder.appendingPathComponent("\(stem).\(ext)"), encoding: .utf8) }

        #expect(try read("txt").hasPrefix(buffer.plainText))

        let rows = Self.rows(try read("csv"))
        #expect(rows.first == ["iteration"] + snapshot.labels)
        #expect(rows.count == 1 + snapshot.losses.map(\.count).max()!)
        for (i, losses) in snapshot.losses.enumerated() {
            for (step, loss) in losses.enumerated() {
                #expect(Double(rows[1 + step][0]) == Double(step))
                #expect(Double(rows[1 + step][1 + i])?.bitPattern == loss.bitPattern, "\(snapshot.labels[i]) at \(step)")
            }
        }

        let svg = try SVGReading.read(try read("svg")).get()
        #expect(svg.legend.map(\.name) == snapshot.labels.enumerated().map { $0 == 1 ? $1 + " (hidden)" : $1 })
        #expect(svg.legend.map(\.color) == snapshot.labels.indices.map { Palette.standard.seriesColor($0, mode: .palette256).hex(default: "") })
        #expect(!svg.polylines.contains { $0.series == 1 }, "the hidden series is not drawn")
        for (i, losses) in snapshot.losses.enumerated() where i != 1 {
            // On the log axis a loss of 0 cannot be drawn: the line stops there.
            let expected = losses.enumerated().filter { $0.element > 0 && $0.element.isFinite }
            let drawn = svg.decodedPoints(series: i, logY: true)
            #expect(drawn.count == expected.count, "\(snapshot.labels[i])")
            for (d, e) in zip(drawn, expected) {
                #expect(abs(d.x - Double(e.offset)) < 0.01, "\(snapshot.labels[i]) x \(d.x) vs \(e.offset)")
                #expect(abs(log10(d.y) - log10(e.element)) < 0.01, "\(snapshot.labels[i]) at \(e.offset): \(d.y) vs \(e.element)")
            }
        }
        // A second export in the same second takes the next name.
        let again = PanelExport.write(buffer, chart: nil, study: "sweep", folder: folder.path)
        #expect(again.hasPrefix("exported to sweep-") && again.hasSuffix(".txt") && !again.contains(stem + ".txt"))
    }

    /// A table panel is exported as text only.
    @Test func aPanelOfAnotherKindHasNoChartData() {
        #expect(Panel(title: "t", content: .table(columns: ["a"], rows: [["1"]])).chartData(view: ViewState(), index: 0) == nil)
    }

    /// watch's chart exports every charted run's points of its tag as the log holds them.
    @Test func aWatchChartExportsEachRunsPoints() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{\"step\": 0, \"loss\": 4}\n{\"step\": 1, \"loss\": 3.25}\n".utf8).write(to: folder.appendingPathComponent("a.jsonl"))
        try Data("step,loss\n0,5\n10,0.5\n".utf8).write(to: folder.appendingPathComponent("b.csv"))
        let runs = try RunWatcher.read(paths: [folder.path])
        var curves = WatchCurves(WatchFeed.Settings())
        curves.update(from: runs)
        var screen = WatchScreen()
        screen.show(curves)
        let data = try #require(screen.selectedChartData { r, tag in
            runs[r].scalars.first { $0.label == tag }.map { (Array($0.x), Array($0.y)) }
        })
        #expect(data.title == "loss")
        let rows = Self.rows(data.csv)
        #expect(rows.first?.count == 3)
        let byName = Dictionary(uniqueKeysWithValues: runs.map { ($0.name, $0) })
        for (column, name) in (rows.first ?? []).enumerated().dropFirst() {
            let run = try #require(byName[name])
            let scalar = try #require(run.scalars.first)
            let read = rows.dropFirst().compactMap { row in Double(row[column]).map { (Double(row[0])!, $0) } }
            #expect(read.map(\.0) == Array(scalar.x) && read.map(\.1) == Array(scalar.y), "\(name)")
        }
    }
}
