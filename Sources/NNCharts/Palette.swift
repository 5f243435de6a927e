/// Colours that tell series apart, the glyphs that do without colour, and the colour scale of
/// heatmaps. A palette is chosen by name (`--palette`); `NO_COLOR` still turns colour off
/// whatever the palette (see `ColorMode`).
public struct Palette: Hashable, Sendable {
    /// The palettes a user can choose, by the name `--palette` takes.
    public enum Name: String, CaseIterable, Hashable, Sendable {
        /// Hues far apart, for dark backgrounds.
        case standard = "default"
        /// Okabe and Ito's eight colours (2008), told apart with any colour-vision deficiency.
        case okabeIto = "okabe-ito"
        /// Darker hues that read on a light background.
        case light
        /// No colour: series differ by glyph, as with `NO_COLOR`.
        case mono

        /// The palette of this name.
        public var palette: Palette {
            switch self {
            case .standard: .standard
            case .okabeIto: .okabeIto
            case .light: .light
            case .mono: .mono
            }
        }
    }

    public let name: Name
    /// Series colours in the 256 palette, one a series in order, repeating after the last.
    public let series256: [Color]
    /// Series colours among the eight basic ones, for terminals that show only those.
    public let series8: [Color]
    /// The colours of an SVG export drawn in this palette: its background, its text and
    /// axes, and its grid lines, as `#rrggbb`.
    public let svgBackground: String, svgForeground: String, svgGrid: String

    /// Hues far apart, all legible on a dark background (blue, orange, green, red, purple,
    /// sand, teal, pink, grey, ochre).
    public static let standard = Palette(
        name: .standard, series256: [39, 208, 41, 203, 141, 222, 44, 211, 250, 136].map(Color.indexed),
        series8: [6, 3, 2, 1, 5, 4, 7].map(Color.indexed),
        svgBackground: "#1c1c1c", svgForeground: "#d0d0d0", svgGrid: "#3a3a3a")
    /// Okabe-Ito at the nearest 256-palette entries: orange, sky blue, bluish green, yellow,
    /// blue, vermillion, reddish purple, and light grey for its black (the background is dark).
    /// Among the basic colours, those a red-green deficiency tells apart come first.
    public static let okabeIto = Palette(
        name: .okabeIto, series256: [178, 74, 36, 221, 25, 166, 175, 250].map(Color.indexed),
        series8: [3, 6, 4, 5, 7, 1, 2].map(Color.indexed),
        svgBackground: "#1c1c1c", svgForeground: "#d0d0d0", svgGrid: "#3a3a3a")
    /// Dark, saturated hues for a light background (blue, orange, green, red, purple, brown,
    /// teal, magenta, dark grey, ochre); no yellow or white series.
    public static let light = Palette(
        name: .light, series256: [25, 166, 28, 160, 91, 94, 30, 162, 240, 136].map(Color.indexed),
        series8: [4, 1, 2, 5, 6, 0].map(Color.indexed),
        svgBackground: "#ffffff", svgForeground: "#303030", svgGrid: "#dadada")
    /// No colour at all: series are told apart by glyph and, in an SVG, by dash pattern.
    public static let mono = Palette(
        name: .mono, series256: [.default], series8: [.default],
        svgBackground: "#ffffff", svgForeground: "#000000", svgGrid: "#dadada")

    /// The colour mode a terminal showing `mode` draws this palette in: none for `mono`.
    public func mode(_ mode: ColorMode) -> ColorMode { name == .mono ? .none : mode }

    /// The colour of series number `index` in `mode`.
    public func seriesColor(_ index: Int, mode: ColorMode) -> Color {
        switch self.mode(mode) {
        case .palette256: series256[index % series256.count]
        case .basic8: series8[index % series8.count]
        case .none: .default
        }
    }

    /// The dash pattern (SVG `stroke-dasharray`) that tells series `index` apart where colour
    /// does not (`mono`); nil for a solid line.
    public func dashes(_ index: Int) -> String? {
        guard name == .mono else { return nil }
        let patterns: [String?] = [nil, "6 3", "2 2", "8 3 2 3", "1 3", "12 4", "4 2 1 2 1 2"]
        return patterns[index % patterns.count]
    }

    /// Marker glyphs that tell series apart without colour.
    public static let glyphs: [Character] = ["●", "■", "▲", "◆", "○", "□", "△", "◇", "★", "✚"]
    /// ASCII marker glyphs, one per series.
    public static let asciiGlyphs: [Character] = ["*", "+", "o", "x", "#", "@", "%", "=", "&", "$"]

    /// The marker glyph of series number `index`.
    public static func glyph(_ index: Int, ascii: Bool) -> Character {
        let set = ascii ? asciiGlyphs : glyphs
        return set[index % set.count]
    }

    /// A perceptual scale from dark purple through teal and green to yellow, sampled from
    /// viridis (van der Walt and Smith, matplotlib, 2015) at the nearest 256-palette entries.
    public static let viridis256: [Color] = [53, 54, 60, 24, 30, 36, 72, 71, 77, 113, 149, 148, 184, 220]
        .map(Color.indexed)
    /// The same idea in basic colours: blue, cyan, green, yellow.
    public static let viridis8: [Color] = [4, 6, 2, 3].map(Color.indexed)
    /// Density ramp for heatmaps without colour, light to heavy.
    public static let shades: [Character] = [" ", "░", "▒", "▓", "█"]
    public static let asciiShades: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

    /// The heatmap colour for `t` in 0...1 (clamped) in `mode`.
    public static func heat(_ t: Double, mode: ColorMode) -> Color {
        let scale = mode == .basic8 ? viridis8 : viridis256
        guard mode != .none else { return .default }
        let u = t.isFinite ? min(1, max(0, t)) : 0
        return scale[min(scale.count - 1, Int(u * Double(scale.count)))]
    }

    /// The basic colour (0...7) nearest a 256-palette entry.
    static func nearestBasic(_ index: UInt8) -> UInt8 {
        switch index {
        case 0..<8: return index
        case 8..<16: return index - 8
        case 232...255: return index >= 244 ? 7 : 0
        default:
            let n = Int(index) - 16
            let levels = [n / 36, (n / 6) % 6, n % 6]
            let top = levels.max() ?? 0
            guard top > 0 else { return 0 }
            var bits: UInt8 = 0
            for (bit, level) in levels.enumerated() where 2 * level >= top { bits |= 1 << UInt8(bit) }
            return bits == 0 ? 7 : bits
        }
    }
}
