/// Glyphs that fill part of a cell, for bars finer than a cell.
enum BarGlyphs {
    /// Left-aligned eighths: a horizontal bar's last cell.
    static let horizontal: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    /// ASCII stand-ins (no sub-cell steps).
    static let asciiHorizontal: [Character] = [" ", " ", " ", " ", "#", "#", "#", "#", "#"]
}
