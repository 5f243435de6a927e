/// A grid of dots, several a cell, that lines are drawn on and then put into a buffer.
///
/// Dot (0, 0) is the top-left; `y` grows downwards. Dots outside the grid are dropped, and
/// lines are clipped to it, so nothing drawn here can reach outside the canvas's cells.
/// Where inks overlap in a cell the dots merge and the ink drawn last colours the cell.
public struct Canvas: Sendable {
    /// Size in cells.
    public let width: Int
    public let height: Int
    public let dotGrid: DotGrid
    private let dotsAcross: Int
    private let dotsDown: Int
    private var bits: [UInt8]
    /// Per cell, the index in `inks` of the ink drawn there last.
    private var cellInks: [UInt16]
    private var inks: [Ink] = [Ink()]
    private var overlays: [Int: (Character, Ink)] = [:]

    public init(width: Int, height: Int, dotGrid: DotGrid = .braille) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.dotGrid = dotGrid
        dotsAcross = dotGrid.dotsPerColumn
        dotsDown = dotGrid.dotsPerRow
        bits = Array(repeating: 0, count: self.width * self.height)
        cellInks = Array(repeating: 0, count: self.width * self.height)
    }

    /// Size in dots.
    public var dotWidth: Int { width * dotGrid.dotsPerColumn }
    public var dotHeight: Int { height * dotGrid.dotsPerRow }

    /// An ink registered with a canvas, cheap to draw with many times.
    public struct InkID: Hashable, Sendable {
        fileprivate let index: UInt16
    }

    /// Registers `ink` (once per distinct ink) for drawing by id.
    public mutating func register(_ ink: Ink) -> InkID {
        if let i = inks.lastIndex(of: ink) { return InkID(index: UInt16(i)) }
        inks.append(ink)
        return InkID(index: UInt16(inks.count - 1))
    }

    /// Sets dot (`x`, `y`) with `ink`; dots outside the canvas are ignored.
    public mutating func plot(x: Int, y: Int, ink: Ink) {
        plot(x: x, y: y, ink: register(ink))
    }

    /// Sets dot (`x`, `y`) with a registered ink; dots outside the canvas are ignored.
    @inline(__always)
    public mutating func plot(x: Int, y: Int, ink: InkID) {
        guard x >= 0, y >= 0, x < width * dotsAcross, y < height * dotsDown else { return }
        let index = (y / dotsDown) * width + x / dotsAcross
        bits[index] |= dotGrid.bit(column: x % dotsAcross, row: y % dotsDown)
        cellInks[index] = ink.index
    }

    /// Draws the straight line between two points given in dot coordinates (fractions
    /// allowed), clipped to the canvas. Consecutive dots touch (Bresenham, 1965), so a
    /// steep line leaves no gaps.
    public mutating func line(x0: Double, y0: Double, x1: Double, y1: Double, ink: Ink) {
        line(x0: x0, y0: y0, x1: x1, y1: y1, ink: register(ink))
    }

    /// `line` with a registered ink.
    public mutating func line(x0: Double, y0: Double, x1: Double, y1: Double, ink: InkID) {
        guard let (a, b) = clip(x0: x0, y0: y0, x1: x1, y1: y1) else { return }
        var x = nearest(a.x), y = nearest(a.y)
        let xEnd = nearest(b.x), yEnd = nearest(b.y)
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
    public mutating func verticalLine(x: Int, y0: Int, y1: Int, ink: InkID) {
        guard x >= 0, x < dotWidth else { return }
        let top = max(0, min(y0, y1)), bottom = min(dotHeight - 1, max(y0, y1))
        guard top <= bottom else { return }
        let column = x / dotsAcross, dotColumn = x % dotsAcross
        let (dotsDown, width, dotGrid) = (self.dotsDown, self.width, self.dotGrid)
        bits.withUnsafeMutableBufferPointer { bits in
            cellInks.withUnsafeMutableBufferPointer { inks in
                var y = top
                while y <= bottom {
                    // One cell at a time: the bits of the rows of this cell the line covers.
                    let row = y / dotsDown
                    let last = min(bottom, row * dotsDown + dotsDown - 1)
                    var mask: UInt8 = 0
                    for r in (y - row * dotsDown)...(last - row * dotsDown) {
                        mask |= dotGrid.bit(column: dotColumn, row: r)
                    }
                    let index = row * width + column
                    bits[index] |= mask
                    inks[index] = ink.index
                    y = last + 1
                }
            }
        }
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
                    let ink = inks[Int(cellInks[index])]
                    buffer[x + column, y + row] = Cell(
                        dotGrid.glyph(bits: bits[index], ascii: ink.glyph),
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
        guard Canvas.clipEdge(-dx, x0 - xMin, &t0, &t1), Canvas.clipEdge(dx, xMax - x0, &t0, &t1),
            Canvas.clipEdge(-dy, y0 - yMin, &t0, &t1), Canvas.clipEdge(dy, yMax - y0, &t0, &t1)
        else { return nil }
        return ((x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy))
    }
}

extension Canvas {
    /// Narrows the segment's parameter interval `t0...t1` to one clip edge; false when the
    /// segment lies wholly outside it.
    @inline(__always)
    fileprivate static func clipEdge(_ p: Double, _ q: Double, _ t0: inout Double, _ t1: inout Double) -> Bool {
        if p == 0 { return q >= 0 }
        let r = q / p
        if p < 0 {
            if r > t1 { return false }
            t0 = max(t0, r)
        } else {
            if r < t0 { return false }
            t1 = min(t1, r)
        }
        return true
    }
}

/// `x` rounded to the nearest integer, halves up; for |x| below a million, without a call
/// into the C library (`rounded()` is not inlined on baseline x86-64).
@inline(__always)
func nearest(_ x: Double) -> Int { Int(x + 1_048_576.5) - 1_048_576 }
