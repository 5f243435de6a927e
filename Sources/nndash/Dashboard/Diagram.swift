import NNCharts

/// Boxes of text joined by arrows, laid out by fractions of the area: a network drawn as text.
struct Diagram: Widget, Sendable {
    /// A framed block of lines centred at (`x`, `y`), fractions of the area's width and height.
    struct Box: Sendable, Equatable {
        var x: Double
        var y: Double
        var lines: [String]
        var color: Color = .default
    }

    /// An arrow from the right edge of box `from` to the left edge of box `to`, labelled near its tail.
    struct Arrow: Sendable, Equatable {
        var from: Int
        var to: Int
        var label: String = ""
    }

    var boxes: [Box]
    var arrows: [Arrow]
    var unicode = true

    func render(in area: Rect, into buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let frames = boxes.map { frame(of: $0, in: area) }
        let drawn = arrows.filter { frames.indices.contains($0.from) && frames.indices.contains($0.to) }
        let lines = drawn.map { path(from: frames[$0.from], to: frames[$0.to]) }
        // Every line first, then every label, so that no line crosses out a label.
        for points in lines { drawLine(points, in: area, into: &buffer) }
        for (arrow, points) in zip(drawn, lines) where !arrow.label.isEmpty && points.count > 2 {
            let (x, y) = points[points.count / 4]
            buffer.write(arrow.label, x: x, y: y, foreground: .cyan, clip: area)
        }
        for (box, rect) in zip(boxes, frames) {
            Block(title: "", border: unicode ? .rounded : .ascii, color: .gray).render(in: rect, into: &buffer)
            for (i, line) in box.lines.enumerated() {
                buffer.write(line, x: rect.x + 1, y: rect.y + 1 + i, foreground: box.color,
                             style: i == 0 ? .bold : [], clip: rect.inset(dx: 1, dy: 1))
            }
        }
    }

    /// The box's frame: its lines plus a border, centred on its place and kept inside `area`.
    func frame(of box: Box, in area: Rect) -> Rect {
        let width = min(area.width, (box.lines.map(\.count).max() ?? 0) + 2)
        let height = min(area.height, box.lines.count + 2)
        let cx = area.x + Int((box.x * Double(area.width - 1)).rounded())
        let cy = area.y + Int((box.y * Double(area.height - 1)).rounded())
        let x = max(area.x, min(area.maxX - width, cx - width / 2))
        let y = max(area.y, min(area.maxY - height, cy - height / 2))
        return Rect(x: x, y: y, width: width, height: height)
    }

    /// The cells of an arrow from the middle of `a`'s right edge to the middle of `b`'s left edge.
    private func path(from a: Rect, to b: Rect) -> [(Int, Int)] {
        Self.line(from: (a.maxX, a.y + a.height / 2), to: (b.x - 1, b.y + b.height / 2))
    }

    private func drawLine(_ points: [(Int, Int)], in area: Rect, into buffer: inout Buffer) {
        for (x, y) in points.dropLast() { buffer.write(unicode ? "·" : ".", x: x, y: y, foreground: .gray, clip: area) }
        if let (x, y) = points.last { buffer.write(unicode ? "▶" : ">", x: x, y: y, foreground: .gray, clip: area) }
    }

    /// The cells of a straight line between two cells, both included (Bresenham, 1965).
    static func line(from start: (Int, Int), to end: (Int, Int)) -> [(Int, Int)] {
        var (x, y) = start
        let dx = Swift.abs(end.0 - x), dy = -Swift.abs(end.1 - y)
        let sx = x < end.0 ? 1 : -1, sy = y < end.1 ? 1 : -1
        var error = dx + dy
        var points: [(Int, Int)] = []
        while true {
            points.append((x, y))
            if x == end.0 && y == end.1 { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x += sx }
            if e2 <= dx { error += dx; y += sy }
        }
        return points
    }
}
