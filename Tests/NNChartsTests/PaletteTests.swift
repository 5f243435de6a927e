import NNCharts
import Testing

@Suite struct PaletteTests {
    @Test func colourModeFollowsTheTerminal() {
        #expect(ColorMode(noColor: true, colors: 256) == .none)
        #expect(ColorMode(noColor: false, colors: 2) == .none)
        #expect(ColorMode(noColor: false, colors: 8) == .basic8)
        #expect(ColorMode(noColor: false, colors: 256) == .palette256)
    }

    @Test func seriesColoursAndGlyphsAreDistinct() {
        #expect(Set(Palette.series256).count == Palette.series256.count)
        #expect(Set(Palette.series8).count == Palette.series8.count)
        #expect(Palette.series8.allSatisfy { $0 != .black })
        #expect(Set(Palette.glyphs).count == Palette.glyphs.count)
        #expect(Palette.asciiGlyphs.allSatisfy { $0.isASCII })
    }

    @Test func basicModeMapsPaletteColoursToTheirNearestBasicOne() {
        // 196 is pure red (5,0,0), 21 pure blue (0,0,5), 226 yellow (5,5,0), 255 light grey.
        #expect(ColorMode.basic8.resolve(.indexed(196)) == .red)
        #expect(ColorMode.basic8.resolve(.indexed(21)) == .blue)
        #expect(ColorMode.basic8.resolve(.indexed(226)) == .yellow)
        #expect(ColorMode.basic8.resolve(.indexed(255)) == .white)
        #expect(ColorMode.none.resolve(.indexed(196)) == .default)
    }
}
