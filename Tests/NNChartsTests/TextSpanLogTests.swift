import NNCharts
import Testing

/// The span log sees text drawn over text, text cut by its clip, and paint that erases.
@Suite struct TextSpanLogTests {
    @Test func textOverVisibleTextIsAnOverlapAndSpacesAreNot() throws {
        var buffer = Buffer(width: 20, height: 2)
        buffer.startSpanLog()
        buffer.write("loss 1.5", x: 0, y: 0)
        buffer.write("   ", x: 4, y: 0)          // blanks cover nothing
        buffer.write("acc", x: 10, y: 0)
        buffer.write("xy", x: 11, y: 0)          // over "cc"
        let log = try #require(buffer.spanLog)
        #expect(log.overlaps.map(\.x) == [11, 12])
        #expect(log.overlaps.allSatisfy { $0.under == 2 && $0.over == 3 })
    }

    @Test func paintErasesTextUnderIt() throws {
        var buffer = Buffer(width: 20, height: 2)
        buffer.startSpanLog()
        buffer.write("label", x: 0, y: 1)
        buffer.fill(Rect(x: 0, y: 1, width: 20, height: 1))
        buffer.write("other", x: 0, y: 1)
        #expect(try #require(buffer.spanLog).overlaps.isEmpty)
    }

    @Test func clippedCharactersAreCounted() throws {
        var buffer = Buffer(width: 10, height: 2)
        buffer.startSpanLog()
        buffer.write("validation", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 5, height: 1))
        buffer.write("a b", x: 8, y: 0)          // "b" falls off the buffer
        buffer.write("gone", x: 0, y: 5)         // below the buffer: all cut
        let entries = try #require(buffer.spanLog).entries
        #expect(entries.map(\.cutCharacters) == [5, 1, 4])
        #expect(entries[0].shown == 0..<5)
    }
}
