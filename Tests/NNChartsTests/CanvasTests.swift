import NNCharts
import Testing

@Suite struct CanvasTests {
    /// The symbol of the single cell of a 1x1 canvas after plotting `dots`.
    private func cell(_ dotGrid: DotGrid, _ dots: [(Int, Int)]) -> Character {
        var canvas = Canvas(width: 1, height: 1, dotGrid: dotGrid)
        for (x, y) in dots { canvas.plot(x: x, y: y, ink: Ink()) }
        var buffer = Buffer(width: 1, height: 1)
        canvas.render(x: 0, y: 0, into: &buffer)
        return buffer[0, 0].symbol
    }

    @Test func brailleDotsFollowTheUnicodeBitLayout() {
        // Unicode braille patterns: dots 1,2,3 down the left column are bits 0,1,2; dots
        // 4,5,6 down the right are bits 3,4,5; dot 7 (bottom left) bit 6, dot 8 bit 7.
        let expected: [((Int, Int), UInt32)] = [
            ((0, 0), 0x01), ((0, 1), 0x02), ((0, 2), 0x04), ((1, 0), 0x08),
            ((1, 1), 0x10), ((1, 2), 0x20), ((0, 3), 0x40), ((1, 3), 0x80),
        ]
        for (dot, bit) in expected {
            #expect(cell(.braille, [dot]) == Character(Unicode.Scalar(0x2800 + bit)!))
        }
        let all = (0..<2).flatMap { x in (0..<4).map { (x, $0) } }
        #expect(cell(.braille, all) == "⣿")
    }

    @Test func blockDotGridsUseQuadrantsAndHalves() {
        #expect(cell(.quadrant, [(0, 0), (1, 1)]) == "▚")
        #expect(cell(.quadrant, [(1, 0), (0, 1)]) == "▞")
        #expect(cell(.quadrant, [(0, 1), (1, 1)]) == "▄")
        #expect(cell(.halfBlock, [(0, 0)]) == "▀")
        #expect(cell(.halfBlock, [(0, 1)]) == "▄")
        #expect(cell(.halfBlock, [(0, 0), (0, 1)]) == "█")
        var canvas = Canvas(width: 1, height: 1, dotGrid: .ascii)
        canvas.plot(x: 0, y: 0, ink: Ink(glyph: "+"))
        var buffer = Buffer(width: 1, height: 1)
        canvas.render(x: 0, y: 0, into: &buffer)
        #expect(buffer[0, 0].symbol == "+")
    }

    @Test func steepLineLeavesNoRowEmpty() {
        // One cell wide, ten high: 2x40 dots. A line from the top-left dot to the
        // bottom-right one must set a dot in every one of the 40 dot rows.
        var canvas = Canvas(width: 1, height: 10, dotGrid: .braille)
        canvas.line(x0: 0, y0: 0, x1: 1, y1: 39, ink: Ink())
        var buffer = Buffer(width: 1, height: 10)
        canvas.render(x: 0, y: 0, into: &buffer)
        let rowBits: [UInt32] = [0x01 | 0x08, 0x02 | 0x10, 0x04 | 0x20, 0x40 | 0x80]
        for row in 0..<10 {
            let bits = buffer[0, row].symbol.unicodeScalars.first!.value - 0x2800
            for r in 0..<4 { #expect(bits & rowBits[r] != 0, "dot row \(4 * row + r) is empty") }
        }
    }

    @Test func linesAreClippedToTheCanvas() {
        // A 3x2-cell canvas (6x8 dots) at (1, 1) of a 5x4 buffer. The diagonal from far
        // outside to far outside crosses dots (0,0)...(5,5): cell (0,0) holds dots (0,0)
        // and (1,1) = bits 0x01|0x10 = ⠑; cell (1,0) holds (2,2) and (3,3), local (0,2) and
        // (1,3) = 0x04|0x80 = ⢄; cell (2,1) holds (4,4) and (5,5), local (0,0), (1,1) = ⠑.
        var canvas = Canvas(width: 3, height: 2, dotGrid: .braille)
        canvas.line(x0: -10, y0: -10, x1: 100, y1: 100, ink: Ink())
        var buffer = Buffer(width: 5, height: 4)
        canvas.render(x: 1, y: 1, into: &buffer)
        #expect(buffer.lines == ["     ", " ⠑⢄  ", "   ⠑ ", "     "])
    }

    @Test func theInkDrawnLastColoursASharedCell() {
        var canvas = Canvas(width: 1, height: 1)
        canvas.plot(x: 0, y: 0, ink: Ink(color: .red))
        canvas.plot(x: 1, y: 3, ink: Ink(color: .blue))
        var buffer = Buffer(width: 1, height: 1)
        canvas.render(x: 0, y: 0, into: &buffer)
        #expect(buffer[0, 0] == Cell("⢁", foreground: .blue))
    }

    @Test func asciiIsChosenWithoutAUTF8Locale() {
        #expect(DotGrid.preferred(utf8: false) == .ascii)
        #expect(DotGrid.preferred(utf8: true) == .braille)
    }
}
