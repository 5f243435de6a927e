/// Glyphs that fill part of a cell, for bars finer than a cell.
enum Bars {
    /// Left-aligned eighths: a horizontal bar's last cell.
    static let horizontal: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    /// Bottom-aligned eighths: a vertical bar's top cell, a sparkline's level.
    static let vertical: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// ASCII stand-ins (no sub-cell steps).
    static let asciiHorizontal: [Character] = [" ", " ", " ", " ", "#", "#", "#", "#", "#"]
    static let asciiVertical: [Character] = [" ", " ", " ", " ", "#", "#", "#", "#", "#"]
    static let asciiSparkline: [Character] = [" ", "_", ".", "-", "-", "~", "^", "^", "#"]
}
