import Foundation
@testable import nndash
import NNCharts
import NNRuns
import NNStudies
import Testing

/// `nndash replay RUN_DIR RUN_DIR...`: runs of one study on the same charts, one colour per
/// run, checked by decoding the drawn colours and the legend against each run's data.
@Suite struct OverlayReplayTests {
    static func sweeps() throws -> (RecordedStudy, RecordedStudy) {
        let a = try SnapshotReplayTests.recordAndReplay(LearningRateSweep(.init(lrMax: 0.2, num: 3, iterations: 20)),
                                                        screen: SweepScreen()).replayed
        let b = try SnapshotReplayTests.recordAndReplay(LearningRateSweep(.init(lrMin: 0.05, lrMax: 0.3, num: 2, iterations: 15)),
                                                        screen: SweepScreen()).replayed
        return (a, b)
    }

    @Test func eachRunsSeriesAreOnTheSameChartInTheRunsColour() throws {
        let (a, b) = try Self.sweeps()
        let overlay = try RecordedOverlay([(name: "run-a", study: a), (name: "run-b", study: b)])
        let panels = overlay.screen.panels(of: overlay.wholeState)
        try #require(panels.count == 1)
        let panel = panels[0]
        let runs = [(name: "run-a", state: try #require(a.state as? LearningRateSweep.Snapshot)),
                    (name: "run-b", state: try #require(b.state as? LearningRateSweep.Snapshot))]
        // The chart holds every run's series, with its data, labelled by the run.
        var expected: [(label: String, run: Int, y: [Double])] = []
        for (k, run) in runs.enumerated() {
            for (i, label) in run.state.labels.enumerated() { expected.append(("\(run.name) · \(label)", k, run.state.losses[i])) }
        }
        #expect(panel.series.map(\.label) == expected.map(\.label))
        for (s, e) in zip(panel.series, expected) { #expect(Array(s.y) == e.y, "\(e.label)") }

        // Drawn with only one run's series shown, every plotted cell is in that run's colour, and
        // the swatches of that run's legend entries are in it.
        for k in runs.indices {
            var view = ViewState()
            view.hiddenSeries = [0: Set(expected.indices.filter { expected[$0].run != k })]
            var buffer = Buffer(width: 120, height: 30)
            ChartPanel(panel: panel, view: view, selected: false, unicode: true, colorMode: .palette256)
                .render(in: buffer.area, into: &buffer)
            let colour = Palette.standard.seriesColor(k, mode: .palette256)
            var plotted = 0
            for y in 0..<buffer.height {
                for x in 0..<buffer.width {
                    let cell = buffer[x, y]
                    guard let scalar = cell.symbol.unicodeScalars.first, (0x2801...0x28FF).contains(scalar.value) else { continue }
                    plotted += 1
                    #expect(cell.foreground == colour, "run \(k): cell \(x),\(y) is \(cell.foreground)")
                }
            }
            #expect(plotted > 20, "run \(k) is drawn")
            let text = (0..<buffer.height).map { y in String((0..<buffer.width).map { buffer[$0, y].symbol }) }
            for e in expected where e.run == k {
                let row = try #require(text.firstIndex { $0.contains(e.label) }, "\(e.label) in the legend")
                let x = try #require(text[row].range(of: e.label)).lowerBound
                let column = text[row].distance(from: text[row].startIndex, to: x)
                // The swatch just before the name.
                let swatch = (0..<column).last { buffer[$0, row].symbol != " " }
                #expect(swatch.map { buffer[$0, row].foreground } == colour, "\(e.label)'s swatch is in its run's colour")
            }
        }
    }

    /// Played back, every run is cut at the same step.
    @Test func playbackCutsEveryRunAtTheSameStep() throws {
        let (a, b) = try Self.sweeps()
        let overlay = try RecordedOverlay([(name: "a", study: a), (name: "b", study: b)])
        #expect(overlay.steps.count == 20)
        let state = try #require(overlay.state(steps: 5) as? RunOverlay)
        for run in state.runs {
            let sweep = try #require(run.state as? LearningRateSweep.Snapshot)
            #expect(sweep.losses.allSatisfy { $0.count == 5 }, "\(run.name)")
        }
    }

    /// From the command line: two sweeps overlaid print both; a sweep and a gd run are refused
    /// with a one-line error and exit status 2.
    @Test func theCommandOverlaysRunsOfOneStudyOnly() throws {
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = folder.appendingPathComponent("runs").path
        for arguments in [["sweep", "--num", "2", "--iterations", "10"], ["sweep", "--num", "3", "--iterations", "12", "--lr-max", "0.3"],
                          ["gd", "--iterations", "5"]] {
            let made = try Binary.run(arguments + ["--plain", "--runs-dir", runs])
            #expect(made.status == 0, "\(arguments): \(made.stderr)")
        }
        let folders = try FileManager.default.contentsOfDirectory(atPath: runs).sorted().map { runs + "/" + $0 }
        let sweeps = folders.filter { $0.contains("/sweep-") }, gd = try #require(folders.first { $0.contains("/gd-") })
        try #require(sweeps.count == 2)
        let both = try Binary.run(["replay"] + sweeps + ["--plain"])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stdout.contains("2 runs overlaid"))
        for path in sweeps { #expect(both.stdout.contains(URL(fileURLWithPath: path).lastPathComponent + " · lr=")) }
        let mixed = try Binary.run(["replay", sweeps[0], gd])
        #expect(mixed.status == 2)
        #expect(mixed.stderr.split(separator: "\n").count == 1 && mixed.stderr.contains("different studies"), "\(mixed.stderr)")
        let json = try Binary.run(["replay"] + sweeps + ["--json"])
        #expect(json.status == 0 && json.stdout.hasPrefix("["), "several runs print an array of reports")
    }
}
