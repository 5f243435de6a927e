extension String {
    /// The string with everything that could drive a terminal made visible and inert: escape
    /// sequences (CSI, OSC, and two-byte ESC forms) become one `�`, as do other C0 and C1
    /// control characters, DEL, and the bidirectional overrides that reorder text on screen.
    ///
    /// Logs are untrusted input: run names, tags and keys pass through this before drawing.
    public var displaySafe: String {
        let scalars = Array(unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            i += 1
            if s == "\u{1B}" {
                if i < scalars.count, scalars[i] == "[" {
                    i += 1
                    while i < scalars.count, !(0x40...0x7E).contains(scalars[i].value) { i += 1 }
                    i = min(i + 1, scalars.count)
                } else if i < scalars.count, scalars[i] == "]" {
                    while i < scalars.count, scalars[i] != "\u{07}", scalars[i] != "\u{1B}" { i += 1 }
                    if i < scalars.count, scalars[i] == "\u{07}" { i += 1 }
                } else if i < scalars.count {
                    i += 1
                }
                out.append("\u{FFFD}")
            } else if Self.isUnsafe(s) {
                out.append("\u{FFFD}")
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    private static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }
}
