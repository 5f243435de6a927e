import ChartReading
import Foundation
import NNCharts
import NNTestSupport
import Testing

/// A chart's export: its CSV reads back as exactly its data, and its SVG is well-formed XML
/// whose lines, decoded through the axes its ticks define, pass through the data.
@Suite struct ChartExportTests {
    /// Reads CSV (RFC 4180: quoted fields, doubled quotes, CRLF) into rows of fields.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r\n" || c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.append(c)
            }
        }
        return rows
    }

    /// Three series on partly shared steps, with a NaN, an infinity and names a CSV must quote.
    static func data(_ random: inout SeededRandom) -> ChartData {
        func values(_ n: Int) -> [Double] { (0..<n).map { _ in Double.random(in: -1e3...1e3, using: &random) * pow(10, Double(Int.random(in: -20...5, using: &random))) } }
        var b = values(30)
        b[7] = .nan
        b[11] = .infinity
        return ChartData(title: "loss <by> \"step\" & more", xAxis: Axis(title: "step"), yAxis: Axis(title: "loss"), series: [
            .init(name: "lr=0.01", color: Palette.standard.seriesColor(0, mode: .palette256), x: (0..<40).map(Double.init), y: values(40)),
            .init(name: "a, \"quoted\" run", color: Palette.standard.seriesColor(1, mode: .palette256), x: (0..<30).map { Double($0 * 2) }, y: b),
            .init(name: "<script>", color: Palette.standard.seriesColor(2, mode: .palette256), x: [5, 1e9, 0.5], y: [1, 2, 3], isHidden: true),
        ])
    }

    @Test func csvHasAStepColumnAndAColumnPerSeriesThatReadBackExactly() {
        var random = SeededRandom("csv export", seed: 0xC5F)
        let data = Self.data(&random)
        let rows = Self.parseCSV(data.csv)
        #expect(rows.first == ["step", "lr=0.01", "a, \"quoted\" run", "<script>"])
        var read: [[Double: Double]] = [[:], [:], [:]]
        var steps: [Double] = []
        for row in rows.dropFirst() {
            #expect(row.count == 4)
            guard let x = Double(row[0]) else { Issue.record("bad step \(row[0])"); continue }
            steps.append(x)
            for s in 0..<3 where !row[s + 1].isEmpty { read[s][x] = Double(row[s + 1]) }
        }
        #expect(steps == steps.sorted() && Set(steps).count == steps.count)
        for (s, series) in data.series.enumerated() {
            #expect(read[s].count == series.x.count, "series \(s)")
            for (x, y) in zip(series.x, series.y) {
                let back = read[s][x]
                #expect(back?.bitPattern == y.bitPattern || (back?.isNaN == true && y.isNaN), "series \(s) at \(x): \(String(describing: back)) vs \(y)")
            }
        }
    }

    @Test func svgIsXMLWhoseLinesDecodeBackToTheData() throws {
        var random = SeededRandom("svg export", seed: 0x5A6)
        for logY in [false, true] {
            let n = 60
            let x = (0..<n).map { Double($0 * 3) }
            let y1 = (0..<n).map { _ in Double.random(in: 0.01...50, using: &random) }
            let y2 = (0..<n).map { Double($0) + 1 }
            var data = ChartData(title: "loss & <acc>", xAxis: Axis(title: "step"), yAxis: Axis(title: "loss", scale: logY ? .log10 : .linear), series: [
                .init(name: "run \"a\"", color: Palette.standard.seriesColor(0, mode: .palette256), x: x, y: y1),
                .init(name: "b", color: Palette.standard.seriesColor(1, mode: .palette256), x: x, y: y2, isPoints: true),
                .init(name: "hidden one", color: Palette.standard.seriesColor(2, mode: .palette256), x: [0], y: [1e9], isHidden: true),
            ])
            data.series[0].y[10] = .nan  // A gap: two polylines.
            let svg = try SVGReading.read(SVGChart(data).text).get()
            #expect(svg.title == "loss & <acc>")
            #expect(svg.legend.map(\.name) == ["run \"a\"", "b", "hidden one (hidden)"])
            #expect(svg.legend.map(\.dimmed) == [false, false, true])
            #expect(svg.legend.map(\.color) == (0..<3).map { Palette.standard.seriesColor($0, mode: .palette256).hex(default: "") })
            #expect(svg.polylines.filter { $0.series == 0 }.count == 2)
            #expect(svg.polylines.allSatisfy { $0.series != 2 } && svg.dots.allSatisfy { $0.series != 2 }, "a hidden series is not drawn")
            #expect(svg.xTicks.count >= 2 && svg.yTicks.count >= 2)
            for (s, expected) in [(0, Array(zip(x, data.series[0].y)).filter { !$0.1.isNaN }), (1, Array(zip(x, y2)))] {
                let drawn = svg.decodedPoints(series: s, logY: logY)
                #expect(drawn.count == expected.count, "series \(s), log \(logY)")
                for (d, e) in zip(drawn, expected) {
                    #expect(abs(d.x - e.0) <= 180 * 1e-4, "x of series \(s): \(d.x) vs \(e.0)")
                    let error = logY ? abs(log10(d.y) - log10(e.1)) : abs(d.y - e.1)
                    #expect(error <= (logY ? 4 : 60) * 1e-4, "y of series \(s) at \(e.0): \(d.y) vs \(e.1), log \(logY)")
                }
            }
        }
    }

    /// Every string a log can hold stays well-formed XML; a long series is drawn in bounded size.
    @Test func hostileNamesStayXMLAndLongSeriesAreReduced() throws {
        let names = ["]]><!--", "&amp;&", "\u{FFFE}\u{1}tab\there", "'\"<>", "💥"]
        let n = 50_000
        let data = ChartData(title: names.joined(), series: names.enumerated().map { i, name in
            .init(name: name, color: .default, x: (0..<n).map(Double.init), y: (0..<n).map { sin(Double($0 + i) / 1000) })
        })
        let text = SVGChart(data).text
        let svg = try SVGReading.read(text).get()
        #expect(svg.legend.count == names.count)
        #expect(text.utf8.count < 5_000_000, "\(text.utf8.count) bytes")
        // Reduced to each pixel column's extremes, the line still spans -1...1.
        let ys = svg.decodedPoints(series: 0).map(\.y)
        #expect(abs((ys.min() ?? 0) + 1) < 0.01 && abs((ys.max() ?? 0) - 1) < 0.01)
    }
}
