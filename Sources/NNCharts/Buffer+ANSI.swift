/// The buffer as text with terminal colour codes, for exporting a panel.
extension Buffer {
    /// Each row with SGR escape sequences (ECMA-48 §8.3.117) for its colours and styles
    /// in `mode` (256-colour `38;5;n`, basic `30+n`, or none), reset at every line end;
    /// trailing blank cells are dropped.
    public func ansiText(colorMode: ColorMode = .palette256) -> String {
        var out = ""
        for y in 0..<height {
            var end = width
            while end > 0 && cells[y * width + end - 1] == .blank { end -= 1 }
            var current: (Color, Color, TextStyle) = (.default, .default, [])
            for x in 0..<end {
                let cell = cells[y * width + x]
                let fg = colorMode.resolve(cell.foreground), bg = colorMode.resolve(cell.background)
                if current != (fg, bg, cell.style) {
                    out += Buffer.sgr(foreground: fg, background: bg, style: cell.style)
                    current = (fg, bg, cell.style)
                }
                out.append(cell.symbol)
            }
            if current != (.default, .default, []) { out += "\u{1B}[0m" }
            if y + 1 < height { out += "\n" }
        }
        return out
    }

    /// The SGR sequence that sets exactly these attributes from the default ones.
    static func sgr(foreground: Color, background: Color, style: TextStyle) -> String {
        var codes = ["0"]
        if style.contains(.bold) { codes.append("1") }
        if style.contains(.dim) { codes.append("2") }
        if style.contains(.underline) { codes.append("4") }
        if style.contains(.reverse) { codes.append("7") }
        if case .indexed(let i) = foreground { codes.append(i < 8 ? "\(30 + Int(i))" : "38;5;\(i)") }
        if case .indexed(let i) = background { codes.append(i < 8 ? "\(40 + Int(i))" : "48;5;\(i)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
