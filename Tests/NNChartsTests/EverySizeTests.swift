import NNCharts
import Testing

/// Every widget, at every size from 0x0 to 30x12 and with every dot grid: no trap (Swift traps
/// on a range like `0..<-1`), and no cell written outside the area it was given.
@Suite struct EverySizeTests {
    /// Widgets with data that stresses them: single points, flat lines, non-finite values,
    /// negative values on log axes, long labels.
    static func widgets(dotGrid: DotGrid) -> [(String, any Widget)] {
        let spiky = [1.0, .nan, 3, .infinity, -2, 1e300, -1e-300, 0]
        var growing = LineSeries(name: "growing", capacity: 64)
        for i in 0..<50 { growing.append(x: Double(i), y: 1 / Double(i + 1)) }
        return [
            ("empty line chart", LineChart(dotGrid: dotGrid)),
            ("line chart", LineChart(
                title: "a long title that will not fit anywhere", series: [
                    growing, LineSeries(name: "one point", y: [2]), LineSeries(name: "flat", y: [5, 5, 5]),
                    LineSeries(name: "spiky", y: spiky, smoothing: 0.6),
                ], dotGrid: dotGrid)),
            ("log line chart", LineChart(
                series: [LineSeries(name: "signs", y: [-1, 0, 1, 100])],
                yAxis: Axis(title: "loss", scale: .log10), dotGrid: dotGrid)),
            ("heatmap", Heatmap(
                title: "h", values: [[1, 2], [.nan, -4], [5, .infinity]], valueScale: .log10,
                paths: [HeatmapPath(name: "p", x: [0, 1, .nan], y: [0, 1, 2])], dotGrid: dotGrid)),
            ("one-cell heatmap", Heatmap(values: [[7]], dotGrid: dotGrid)),
            ("empty heatmap", Heatmap(values: [], dotGrid: dotGrid)),
            ("bar chart", BarChart(
                title: "bars", bars: [.init(label: "a very long label", value: 3), .init(label: "n", value: .nan),
                                      .init(label: "neg", value: -2)], dotGrid: dotGrid)),
            ("empty bar chart", BarChart(bars: [], dotGrid: dotGrid)),
            ("table", Table(
                columns: [.init("name", maxWidth: 3), .init("value", alignment: .right)],
                rows: [["alpha", "1"], ["β", "22222222222"], []], selectedRow: 2, dotGrid: dotGrid)),
            ("empty table", Table(columns: [], rows: [], dotGrid: dotGrid)),
            ("block", Block(title: "title", border: Block.border(for: dotGrid), isFocused: true)),
        ]
    }

    @Test(arguments: [DotGrid.braille, .quadrant, .halfBlock, .ascii])
    func everyWidgetAtEverySize(dotGrid: DotGrid) {
        let outside = Cell("·")
        for (name, widget) in Self.widgets(dotGrid: dotGrid) {
            for width in 0...30 {
                for height in 0...12 {
                    var buffer = Buffer(width: 32, height: 14, fill: outside)
                    let area = Rect(x: 1, y: 1, width: width, height: height)
                    widget.render(in: area, into: &buffer)
                    let strays = Self.cellsWritten(in: buffer, outside: area, blank: outside)
                    #expect(strays == 0, "\(name) at \(width)x\(height) wrote \(strays) cells outside its area")
                }
            }
        }
    }

    /// Areas that hang off the buffer's edges, or lie wholly outside it, are clipped.
    @Test func areasBeyondTheBuffer() {
        for (_, widget) in Self.widgets(dotGrid: .braille) {
            for area in [Rect(x: 10, y: 5, width: 30, height: 12), Rect(x: 40, y: 40, width: 5, height: 5),
                         Rect(x: 0, y: 0, width: 1, height: 1)] {
                var buffer = Buffer(width: 20, height: 8)
                widget.render(in: area, into: &buffer)
                #expect(buffer.width == 20 && buffer.height == 8)
            }
            var empty = Buffer(width: 0, height: 0)
            widget.render(in: empty.area, into: &empty)
            #expect(empty.cells.isEmpty)
        }
    }

    static func cellsWritten(in buffer: Buffer, outside area: Rect, blank: Cell) -> Int {
        var count = 0
        for y in 0..<buffer.height {
            for x in 0..<buffer.width where !(area.x..<area.maxX).contains(x) || !(area.y..<area.maxY).contains(y) {
                if buffer[x, y] != blank { count += 1 }
            }
        }
        return count
    }
}
