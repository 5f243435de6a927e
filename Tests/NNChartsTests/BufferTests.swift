import NNCharts
import Testing

@Suite struct BufferTests {
    @Test func writeClipsToTheBufferAndTheClipRect() {
        var buffer = Buffer(width: 6, height: 2)
        buffer.write("abcdefgh", x: 2, y: 0)
        buffer.write("xyz", x: -1, y: 1, clip: Rect(x: 0, y: 0, width: 2, height: 2))
        #expect(buffer.lines == ["  abcd", "yz    "])
    }

    @Test func controlCharactersNeverReachTheScreen() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("a\u{1B}[b", x: 0, y: 0)
        #expect(buffer.lines == ["a\u{FFFD}[b"])
    }

    @Test func plainTextTrimsTrailingBlanks() {
        var buffer = Buffer(width: 5, height: 2)
        buffer.write("hi", x: 0, y: 0)
        #expect(buffer.plainText == "hi\n")
    }
}
