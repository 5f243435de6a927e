extension Unicode.Scalar {
    /// Whether the scalar could drive a terminal or disguise text rather than show as a
    /// character: C0 and C1 control characters (ESC and CSI among them), DEL, and the
    /// bidirectional marks and overrides that reorder text on screen.
    ///
    /// The one definition of an unsafe character: `displaySafe`, the screen's cells and the
    /// JSON writer's `\u` escapes all use it.
    public var isDisplayControl: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }
}

extension String {
    /// The string with everything that could drive a terminal made visible and inert: escape
    /// sequences (CSI, OSC, and two-byte ESC forms) become one `�`, as do other C0 and C1
    /// control characters, DEL, and the bidirectional overrides that reorder text on screen.
    ///
    /// Logs are untrusted input: run names, tags and keys pass through this before drawing.
    public var displaySafe: String { displaySafe(keepingLineBreaks: false) }

    /// The string made display-safe as `displaySafe` does, except that line feeds are kept
    /// (and end any escape sequence they interrupt): text of several lines, for `Output`.
    public func displaySafe(keepingLineBreaks: Bool) -> String {
        // Printable ASCII (and line feeds, when kept) is safe as it is: checked byte by byte,
        // the common case costs no decoding.
        let printable = utf8.withContiguousStorageIfAvailable { bytes in
            var unsafe = false
            for b in bytes { unsafe = unsafe || (b &- 0x20 > 0x5E && !(keepingLineBreaks && b == 0x0A)) }
            return !unsafe
        }
        if printable == true { return self }
        if !unicodeScalars.contains(where: { $0.isDisplayControl && !(keepingLineBreaks && $0 == "\n") }) {
            return self
        }
        let scalars = Array(unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func isEnd(_ s: Unicode.Scalar) -> Bool { keepingLineBreaks && s == "\n" }
        while i < scalars.count {
            let s = scalars[i]
            i += 1
            if isEnd(s) {
                out.append(s)
            } else if s == "\u{1B}" {
                if i < scalars.count, scalars[i] == "[" {
                    i += 1
                    while i < scalars.count, !(0x40...0x7E).contains(scalars[i].value), !isEnd(scalars[i]) { i += 1 }
                    if i < scalars.count, !isEnd(scalars[i]) { i += 1 }
                } else if i < scalars.count, scalars[i] == "]" {
                    while i < scalars.count, scalars[i] != "\u{07}", scalars[i] != "\u{1B}", !isEnd(scalars[i]) { i += 1 }
                    if i < scalars.count, scalars[i] == "\u{07}" { i += 1 }
                } else if i < scalars.count, !isEnd(scalars[i]) {
                    i += 1
                }
                out.append("\u{FFFD}")
            } else if s.isDisplayControl {
                out.append("\u{FFFD}")
            } else {
                out.append(s)
            }
        }
        return String(out)
    }
}
