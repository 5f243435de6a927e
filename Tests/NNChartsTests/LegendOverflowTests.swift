import NNCharts
import Testing

/// When the legend's entries do not all fit, "+N more" is drawn whole, and N is the number of
/// entries not drawn, whatever the title's length.
@Suite struct LegendOverflowTests {
    static let names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]

    @Test(arguments: [
        ("loss", 12, 10), ("loss", 20, 10), ("loss by learning rate, until the smoothed loss passed 4x its best", 30, 10),
        ("loss by learning rate, until the smoothed loss passed 4x its best", 14, 10),
        ("▸ sigmoid", 14, 8), ("a title exactly twenty", 22, 12), ("x", 40, 12), ("a long title", 60, 18),
    ])
    func moreIsAlwaysWhole(title: String, width: Int, height: Int) {
        let series = Self.names.enumerated().map { i, name in LineSeries(name: name, y: [Double(i), Double(i) + 1]) }
        let chart = LineChart(title: title, series: series, colorMode: .none)
        var buffer = Buffer(width: width, height: height)
        chart.render(in: buffer.area, into: &buffer)
        let lines = buffer.lines
        // The header: the rows above the y axis title or plot (the rows that name series).
        let header = lines.prefix { line in !line.contains("┤") && !line.contains("│") }
        let text = header.joined(separator: "\n")
        let shown = Self.names.filter { text.contains(" \($0) ") }
        let missing = Self.names.count - shown.count
        guard missing > 0 else {
            #expect(!text.contains("more"), "\(width)x\(height):\n\(text)")
            return
        }
        let pattern = "+\(missing) more"
        #expect(text.contains(pattern), "\(width)x\(height): \(missing) entries not drawn, and no \"\(pattern)\":\n\(text)")
        // Nothing is cut: every row fits the width with the count whole at its end.
        #expect(header.last?.trimmingCharacters(in: .whitespaces).hasSuffix("more") == true, "\(text)")
    }
}
