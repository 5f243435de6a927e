import NNText

/// A grid of cells that widgets draw into; the terminal backend puts it on the screen.
public struct Buffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where text was written and what covered what, once `startSpanLog()` was called.
    public internal(set) var spanLog: TextSpanLog?

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; writes outside the buffer are ignored.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard contains(x: x, y: y) else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard contains(x: x, y: y) else { return }
            cells[y * width + x] = newValue
        }
    }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Writes `text` from column `x` of row `y`, one character a cell, clipped to `clip`
    /// (the whole buffer when nil). Returns the column after the last character written.
    @discardableResult
    public mutating func write(
        _ text: String, x: Int, y: Int, foreground: Color = .default,
        background: Color = .default, style: TextStyle = [], clip: Rect? = nil
    ) -> Int {
        let bounds = clip.map { $0.intersection(area) } ?? area
        spanLog?.record(text, x: x, y: y, bounds: bounds)
        guard y >= bounds.y, y < bounds.maxY else { return x }
        var column = x
        for character in text {
            if column >= bounds.maxX { break }
            if column >= bounds.x {
                self[column, y] = Cell(
                    Cell.printable(character), foreground: foreground,
                    background: background, style: style)
            }
            column += 1
        }
        return column
    }

    /// Sets every cell of `rect` to `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let r = rect.intersection(area)
        spanLog?.erase(r)
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x] = cell }
        }
    }

    /// The text of each row, trailing blanks kept, colours dropped.
    public var lines: [String] {
        (0..<height).map { y in String(cells[(y * width)..<((y + 1) * width)].map(\.symbol)) }
    }

    /// The buffer as plain text, one line a row, trailing blanks trimmed.
    public var plainText: String {
        lines.map { line in
            var s = Substring(line)
            // One character back at a time: `dropLast()` counts the whole line each time.
            while s.last == " " { s = s[..<s.index(before: s.endIndex)] }
            return String(s)
        }.joined(separator: "\n")
    }
}

extension Cell {
    /// `character` if it is safe to put on a terminal as one column, else U+FFFD.
    /// Control characters, escape sequences and bidirectional overrides from untrusted text
    /// never reach the screen (`Unicode.Scalar.isDisplayControl`).
    public static func printable(_ character: Character) -> Character {
        character.unicodeScalars.contains(where: \.isDisplayControl) ? "\u{FFFD}" : character
    }
}
