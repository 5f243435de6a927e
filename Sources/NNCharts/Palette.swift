/// Colours and glyphs that tell series apart, and the colour scale of heatmaps.
public enum Palette {
    /// Series colours in the 256 palette: hues far apart, all legible on dark and light
    /// backgrounds (blue, orange, green, red, purple, sand, teal, pink, grey, ochre).
    public static let series256: [Color] = [39, 208, 41, 203, 141, 222, 44, 211, 250, 136].map(Color.indexed)
    /// Series colours among the eight basic ones (black is skipped).
    public static let series8: [Color] = [6, 3, 2, 1, 5, 4, 7].map(Color.indexed)
    /// Marker glyphs that tell series apart without colour.
    public static let glyphs: [Character] = ["●", "■", "▲", "◆", "○", "□", "△", "◇", "★", "✚"]
    /// ASCII marker glyphs, one per series.
    public static let asciiGlyphs: [Character] = ["*", "+", "o", "x", "#", "@", "%", "=", "&", "$"]

    /// The colour of series number `index` in `mode`.
    public static func seriesColor(_ index: Int, mode: ColorMode) -> Color {
        switch mode {
        case .palette256: series256[index % series256.count]
        case .basic8: series8[index % series8.count]
        case .none: .default
        }
    }

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
