/// A grid of dots, several a cell, that lines are drawn on and then put into a buffer.
///
/// Dot (0, 0) is the top-left; `y` grows downwards. Dots outside the grid are dropped, and
/// lines are clipped to it, so nothing drawn here can reach outside the canvas's cells.
/// Where inks overlap in a cell the dots merge and the ink drawn last colours the cell.
public struct Canvas: Sendable {
    /// Size in cells.
    public let width: Int
    public let height: Int
    public let marker: Marker
    private var bits: [UInt8]
    private var inks: [Ink]
    private var overlays: [Int: (Character, Ink)] = [:]

    public init(width: Int, height: Int, marker: Marker = .braille) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.marker = marker
        bits = Array(repeating: 0, count: self.width * self.height)
        inks = Array(repeating: Ink(), count: self.width * self.height)
    }

    /// Size in dots.
    public var dotWidth: Int { width * marker.dotsPerColumn }
    public var dotHeight: Int { height * marker.dotsPerRow }

    /// Sets dot (`x`, `y`) with `ink`; dots outside the canvas are ignored.
    @inline(__always)
    public mutating func plot(x: Int, y: Int, ink: Ink) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let dx = marker.dotsPerColumn, dy = marker.dotsPerRow
        let index = (y / dy) * width + x / dx
        bits[index] |= marker.bit(column: x % dx, row: y % dy)
        inks[index] = ink
    }

    /// Draws the straight line between two points given in dot coordinates (fractions
    /// allowed), clipped to the canvas. Consecutive dots touch (Bresenham, 1965), so a
    /// steep line leaves no gaps.
    public mutating func line(x0: Double, y0: Double, x1: Double, y1: Double, ink: Ink) {
        guard let (a, b) = clip(x0: x0, y0: y0, x1: x1, y1: y1) else { return }
        var x = Int(a.x.rounded()), y = Int(a.y.rounded())
        let xEnd = Int(b.x.rounded()), yEnd = Int(b.y.rounded())
        let dx = abs(xEnd - x), sx = x < xEnd ? 1 : -1
        let dy = -abs(yEnd - y), sy = y < yEnd ? 1 : -1
        var error = dx + dy
        while true {
            plot(x: x, y: y, ink: ink)
            if x == xEnd && y == yEnd { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x += sx }
            if e2 <= dx { error += dx; y += sy }
        }
    }

    /// Sets the dots of column `x` from row `y0` to row `y1` (either order), clipped.
    public mutating func verticalLine(x: Int, y0: Int, y1: Int, ink: Ink) {
        guard x >= 0, x < dotWidth else { return }
        let top = max(0, min(y0, y1)), bottom = min(dotHeight - 1, max(y0, y1))
        guard top <= bottom else { return }
        for y in top...bottom { plot(x: x, y: y, ink: ink) }
    }

    /// Puts `character` over cell (`column`, `row`) of the canvas, above any dots there.
    public mutating func mark(_ character: Character, column: Int, row: Int, ink: Ink) {
        guard column >= 0, row >= 0, column < width, row < height else { return }
        overlays[row * width + column] = (character, ink)
    }

    /// Whether cell (`column`, `row`) has any dot or mark.
    public func isOccupied(column: Int, row: Int) -> Bool {
        guard column >= 0, row >= 0, column < width, row < height else { return false }
        let index = row * width + column
        return bits[index] != 0 || overlays[index] != nil
    }

    /// Writes the cells that hold dots or marks into `buffer` with the canvas's top-left at
    /// (`x`, `y`); empty cells leave the buffer as it was.
    public func render(x: Int, y: Int, into buffer: inout Buffer) {
        for row in 0..<height {
            for column in 0..<width {
                let index = row * width + column
                if let (character, ink) = overlays[index] {
                    buffer[x + column, y + row] = Cell(
                        character, foreground: ink.color, style: ink.style)
                } else if bits[index] != 0 {
                    let ink = inks[index]
                    buffer[x + column, y + row] = Cell(
                        marker.glyph(bits: bits[index], ascii: ink.glyph),
                        foreground: ink.color, style: ink.style)
                }
            }
        }
    }

    /// The part of a segment inside the dot grid (Liang and Barsky, 1984), or nil.
    private func clip(x0: Double, y0: Double, x1: Double, y1: Double)
        -> ((x: Double, y: Double), (x: Double, y: Double))?
    {
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite, dotWidth > 0, dotHeight > 0
        else { return nil }
        let xMin = -0.49, yMin = -0.49
        let xMax = Double(dotWidth) - 0.51, yMax = Double(dotHeight) - 0.51
        let dx = x1 - x0, dy = y1 - y0
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, x0 - xMin), (dx, xMax - x0), (-dy, y0 - yMin), (dy, yMax - y0)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 {
                    if r > t1 { return nil }
                    t0 = max(t0, r)
                } else {
                    if r < t0 { return nil }
                    t1 = min(t1, r)
                }
            }
        }
        return ((x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy))
    }
}
