/// What a buffer that keeps a log learns from each `write`: where text landed, what the
/// clip cut off, and which text covered other text. Tests read it to check a layout exactly
/// (no two texts overlap, no label is cut without an ellipsis) instead of guessing from cells.
public struct TextSpanLog: Hashable, Sendable {
    /// One `write`, as drawn.
    public struct Entry: Hashable, Sendable {
        public var x: Int
        public var y: Int
        /// The text as written, before clipping.
        public var text: String
        /// The columns drawn, from `x`.
        public var shown: Range<Int>
        /// Printable characters the clip left out.
        public var cutCharacters: Int
    }

    /// Text drawn over a visible character of earlier text.
    public struct Overlap: Hashable, Sendable {
        public var x: Int
        public var y: Int
        /// Indices in `entries`: the text drawn first and the one drawn over it.
        public var under: Int
        public var over: Int
    }

    public private(set) var entries: [Entry] = []
    public private(set) var overlaps: [Overlap] = []
    /// For each cell, the entry whose visible character it shows, or -1.
    private var owners: [Int]
    private let width: Int

    init(width: Int, height: Int) {
        self.width = width
        owners = Array(repeating: -1, count: width * height)
    }

    /// Records a write of `text` at (`x`, `y`) drawn in `bounds`.
    mutating func record(_ text: String, x: Int, y: Int, bounds: Rect) {
        let index = entries.count
        let characters = Array(text)
        var cut = 0, first = Int.max, last = Int.min
        for (i, character) in characters.enumerated() {
            let column = x + i
            let visible = !character.isWhitespace
            guard y >= bounds.y, y < bounds.maxY, column >= bounds.x, column < bounds.maxX else {
                if visible { cut += 1 }
                continue
            }
            first = min(first, column)
            last = max(last, column)
            let cell = y * width + column
            if visible {
                if owners[cell] >= 0 { overlaps.append(Overlap(x: column, y: y, under: owners[cell], over: index)) }
                owners[cell] = index
            } else {
                owners[cell] = -1
            }
        }
        entries.append(Entry(x: x, y: y, text: text, shown: first <= last ? first..<(last + 1) : x..<x,
                             cutCharacters: cut))
    }

    /// Forgets the text under `rect`, which was painted over.
    mutating func erase(_ rect: Rect) {
        for y in rect.y..<rect.maxY {
            for x in rect.x..<rect.maxX { owners[y * width + x] = -1 }
        }
    }
}

extension Buffer {
    /// Starts keeping a `TextSpanLog` of every later write (for tests of layouts).
    public mutating func startSpanLog() { spanLog = TextSpanLog(width: width, height: height) }
}
