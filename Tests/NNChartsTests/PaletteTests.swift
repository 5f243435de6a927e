import Foundation
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
        #expect(Set(Palette.standard.series256).count == Palette.standard.series256.count)
        #expect(Set(Palette.standard.series8).count == Palette.standard.series8.count)
        #expect(Palette.standard.series8.allSatisfy { $0 != .black })
        #expect(Set(Palette.glyphs).count == Palette.glyphs.count)
        #expect(Palette.asciiGlyphs.allSatisfy { $0.isASCII })
    }

    /// WCAG's relative luminance of `#rrggbb`.
    static func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        let channels = [(value >> 16) & 255, (value >> 8) & 255, value & 255].map { c -> Double in
            let v = Double(c) / 255
            return v <= 0.03928 ? v / 12.92 : Foundation.pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }

    /// WCAG's contrast ratio of two luminances.
    static func contrast(_ a: Double, _ b: Double) -> Double { (max(a, b) + 0.05) / (min(a, b) + 0.05) }

    @Test func everyPaletteIsNamedAndItsColoursAreDistinct() {
        for name in Palette.Name.allCases {
            let palette = Palette.Name(rawValue: name.rawValue)?.palette
            #expect(palette?.name == name)
            guard let palette, name != .mono else { continue }
            #expect(Set(palette.series256).count == palette.series256.count, "\(name)")
            #expect(Set(palette.series8).count == palette.series8.count, "\(name)")
            #expect(palette.series256.count >= 8 && palette.series8.count >= 6, "\(name)")
        }
        #expect(Palette.Name(rawValue: "Okabe-Ito") == nil && Palette.Name(rawValue: "") == nil)
        #expect(Palette.Name.allCases.map(\.rawValue) == ["default", "okabe-ito", "light", "mono"])
    }

    @Test func seriesReadOnTheBackgroundTheirPaletteIsFor() {
        // Dark palettes against a black terminal, the light one against a white one: WCAG's
        // 3:1 for graphics, every series colour.
        for (palette, background) in [(Palette.standard, 0.0), (.okabeIto, 0.0), (.light, 1.0)] {
            for (i, color) in palette.series256.enumerated() {
                let ratio = Self.contrast(Self.luminance(color.hex(default: "#000000")), background)
                #expect(ratio >= 3, "\(palette.name) series \(i) (\(color)) contrast \(ratio)")
            }
            let page = Self.contrast(Self.luminance(palette.svgBackground), Self.luminance(palette.svgForeground))
            #expect(page >= 7, "\(palette.name) SVG text contrast \(page)")
        }
        // The light palette's SVG page is white, and so is mono's.
        #expect(Palette.light.svgBackground == "#ffffff" && Palette.mono.svgBackground == "#ffffff")
    }

    @Test func okabeItoIsTheNearestPaletteEntryOfEachPublishedColour() {
        // Okabe & Ito (2008): orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
        let published = ["#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7"]
        for (hex, color) in zip(published, Palette.okabeIto.series256) {
            let want = Int(hex.dropFirst(), radix: 16)!, got = Int(color.hex(default: "").dropFirst(), radix: 16)!
            let distance = [16, 8, 0].map { abs(((want >> $0) & 255) - ((got >> $0) & 255)) }.max()!
            #expect(distance <= 40, "\(hex) drawn as \(color.hex(default: ""))")
        }
    }

    @Test func monoAndNoColorDrawNoColour() {
        for mode in ColorMode.allCases {
            #expect(Palette.mono.mode(mode) == .none)
            #expect(Palette.mono.seriesColor(3, mode: mode) == .default)
            #expect(Palette.okabeIto.mode(mode) == mode)
        }
        // NO_COLOR wins over any palette: the terminal's mode is none, and every palette keeps it.
        for palette in [Palette.standard, .okabeIto, .light, .mono] {
            #expect(palette.seriesColor(0, mode: ColorMode(noColor: true, colors: 256)) == .default)
        }
        #expect(Palette.mono.dashes(0) == nil && Palette.mono.dashes(1) != nil && Palette.light.dashes(1) == nil)
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
