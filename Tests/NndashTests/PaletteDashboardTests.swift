import ChartReading
import Foundation
@testable import nndash
import NNCharts
import NNStudies
import Testing

/// `--palette`: the series of every chart take the chosen palette's colours on screen and in
/// the SVG export; `mono` (like `NO_COLOR`) draws no colour at all.
@Suite struct PaletteDashboardTests {
    static func sweep() throws -> LearningRateSweep.Snapshot {
        try #require(try StudyLauncher.runToEnd(LearningRateSweep(.init(lrMax: 0.3, num: 4, iterations: 30)))
            as? LearningRateSweep.Snapshot)
    }

    /// The colours of the braille cells (the plotted lines) of a sweep dashboard drawn in `palette`.
    static func lineColours(_ palette: Palette, mode: ColorMode) throws -> Set<Color> {
        let state = try sweep()
        var buffer = Buffer(width: 120, height: 36)
        let frame = DashboardFrame(state: state, status: "finished", steps: 30, note: nil, view: ViewState(),
                                   unicode: true, colorMode: palette.mode(mode), palette: palette)
        DashboardRenderer(screen: SweepScreen()).render(frame, into: &buffer)
        var colours = Set<Color>()
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if let scalar = cell.symbol.unicodeScalars.first, (0x2801...0x28FF).contains(scalar.value) {
                    colours.insert(cell.foreground)
                }
            }
        }
        return colours
    }

    @Test func theLinesTakeThePalettesColours() throws {
        for palette in [Palette.standard, .okabeIto, .light] {
            let drawn = try Self.lineColours(palette, mode: .palette256)
            #expect(!drawn.isEmpty)
            #expect(drawn.isSubset(of: Set(palette.series256.prefix(4))), "\(palette.name): \(drawn)")
            let basic = try Self.lineColours(palette, mode: .basic8)
            #expect(basic.isSubset(of: Set(palette.series8.prefix(4))), "\(palette.name) in 8 colours: \(basic)")
        }
        #expect(try Self.lineColours(.okabeIto, mode: .palette256) != Self.lineColours(.standard, mode: .palette256))
    }

    @Test func monoAndNoColorDrawEveryLineInTheTerminalsOwnColour() throws {
        #expect(try Self.lineColours(.mono, mode: .palette256) == [.default])
        // NO_COLOR makes the terminal's mode none, which every palette keeps.
        let noColor = ColorMode(noColor: true, colors: 256)
        for palette in [Palette.standard, .okabeIto, .light] {
            #expect(try Self.lineColours(palette, mode: noColor) == [.default])
        }
    }

    @Test func theSVGExportIsDrawnInThePalette() throws {
        let snapshot = try Self.sweep()
        let panel = SweepScreen().panels(for: snapshot)[0]
        let folder = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for palette in [Palette.light, .okabeIto, .mono] {
            let message = PanelExport.write(Buffer(width: 10, height: 2), chart: panel.chartData(view: ViewState(), index: 0, palette: palette),
                                            study: "sweep", folder: folder.path, palette: palette)
            let stem = try #require(message.wholeMatch(of: /exported to (sweep-[\d-]+)\.txt, \.csv, \.svg/), "\(message)").1
            let text = try String(contentsOf: folder.appendingPathComponent("\(stem).svg"), encoding: .utf8)
            let svg = try SVGReading.read(text).get()
            #expect(text.contains("<rect width=\"800\" height=\"500\" fill=\"\(palette.svgBackground)\"/>"), "\(palette.name)")
            let expected = snapshot.labels.indices.map { palette.seriesColor($0, mode: .palette256).hex(default: palette.svgForeground) }
            #expect(svg.legend.map(\.color) == expected, "\(palette.name)")
            #expect(svg.polylines.map(\.color).allSatisfy(expected.contains), "\(palette.name)")
            // Without colour, the series differ by dash pattern.
            let dashed = text.split(separator: "\n").filter { $0.contains("class=\"series\"") && $0.contains("stroke-dasharray") }
            #expect(dashed.isEmpty == (palette.name != .mono), "\(palette.name)")
        }
    }
}
