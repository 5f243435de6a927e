import Foundation

/// A chart drawn as an SVG file from its exported data, as the terminal draws it: the title, a
/// legend naming each series in its palette colour (a hidden one dimmed and not drawn), axes
/// with ticks, labels and titles, and each series as a polyline (measured points as dots), on the
/// palette's background (dark like the terminal's, white for `light` and `mono`; `mono` tells
/// series apart by dash pattern).
public struct SVGChart: Sendable {
    public var data: ChartData
    /// The picture's size in pixels.
    public var width: Int
    public var height: Int

    /// Where the page's colours come from; the series carry their own.
    public var palette: Palette

    public init(_ data: ChartData, width: Int = 800, height: Int = 500, palette: Palette = .standard) {
        self.data = data
        self.palette = palette
        self.width = max(200, width)
        self.height = max(150, height)
    }

    private var background: String { palette.svgBackground }
    private var foreground: String { palette.svgForeground }
    private var gridColor: String { palette.svgGrid }
    /// The width of a character of the 12-pixel monospace font, to lay text out.
    static let charWidth = 7.2
    /// Points a series keeps per pixel column before its columns are reduced to their first,
    /// lowest, highest and last values (M4), so a long run stays a file of bounded size.
    static let pointsPerPixel = 4

    /// The SVG document.
    public var text: String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" \
            viewBox="0 0 \(width) \(height)" font-family="monospace" font-size="12">

            """
        out += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"\(background)\"/>\n"
        out += "<text class=\"title\" x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\" fill=\"\(foreground)\">"
            + Self.escaped(data.title) + "</text>\n"
        let legendBottom = legend(into: &out)

        let visible = data.series.filter { !$0.isHidden }
        let xRange = range(of: visible.isEmpty ? data.series : visible, onX: true)
        let yRange = range(of: visible.isEmpty ? data.series : visible, onX: false)
        let xTicks = ticks(data.xAxis, xRange)
        let yTicks = ticks(data.yAxis, yRange)
        let labelWidth = Double(yTicks.labels.map(\.count).max() ?? 1) * Self.charWidth
        let plot = (left: 30 + labelWidth + 8, right: Double(width) - 20,
                    top: min(legendBottom + 12, Double(height) / 2), bottom: Double(height) - 45)
        let mapX = { (v: Double) -> Double? in
            data.xAxis.scale.transform(v).map { plot.left + ($0 - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (plot.right - plot.left) }
        }
        let mapY = { (v: Double) -> Double? in
            data.yAxis.scale.transform(v).map { plot.bottom - ($0 - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (plot.bottom - plot.top) }
        }

        // Grid, ticks and their labels, then the axes over them.
        for (value, label) in zip(xTicks.values, xTicks.labels) {
            guard let x = mapX(value) else { continue }
            out += "<line class=\"grid\" x1=\"\(f(x))\" y1=\"\(f(plot.top))\" x2=\"\(f(x))\" y2=\"\(f(plot.bottom))\" stroke=\"\(gridColor)\"/>\n"
            out += "<line class=\"tick x\" x1=\"\(f(x))\" y1=\"\(f(plot.bottom))\" x2=\"\(f(x))\" y2=\"\(f(plot.bottom + 5))\" stroke=\"\(foreground)\"/>\n"
            out += "<text class=\"tick-label x\" x=\"\(f(x))\" y=\"\(f(plot.bottom + 18))\" text-anchor=\"middle\" fill=\"\(foreground)\">\(Self.escaped(label))</text>\n"
        }
        for (value, label) in zip(yTicks.values, yTicks.labels) {
            guard let y = mapY(value) else { continue }
            out += "<line class=\"grid\" x1=\"\(f(plot.left))\" y1=\"\(f(y))\" x2=\"\(f(plot.right))\" y2=\"\(f(y))\" stroke=\"\(gridColor)\"/>\n"
            out += "<line class=\"tick y\" x1=\"\(f(plot.left - 5))\" y1=\"\(f(y))\" x2=\"\(f(plot.left))\" y2=\"\(f(y))\" stroke=\"\(foreground)\"/>\n"
            out += "<text class=\"tick-label y\" x=\"\(f(plot.left - 8))\" y=\"\(f(y + 4))\" text-anchor=\"end\" fill=\"\(foreground)\">\(Self.escaped(label))</text>\n"
        }
        out += "<polyline class=\"axes\" points=\"\(f(plot.left)),\(f(plot.top)) \(f(plot.left)),\(f(plot.bottom)) \(f(plot.right)),\(f(plot.bottom))\" fill=\"none\" stroke=\"\(foreground)\"/>\n"
        let xTitle = data.xAxis.title + (data.xAxis.scale == .log10 ? " (log)" : "")
        let yTitle = data.yAxis.title + (data.yAxis.scale == .log10 ? " (log)" : "")
        if !xTitle.isEmpty {
            out += "<text class=\"axis-title x\" x=\"\(f((plot.left + plot.right) / 2))\" y=\"\(height - 8)\" text-anchor=\"middle\" fill=\"\(foreground)\">\(Self.escaped(xTitle))</text>\n"
        }
        if !yTitle.isEmpty {
            out += "<text class=\"axis-title y\" transform=\"translate(16,\(f((plot.top + plot.bottom) / 2))) rotate(-90)\" text-anchor=\"middle\" fill=\"\(foreground)\">\(Self.escaped(yTitle))</text>\n"
        }

        let columns = max(1, Int(plot.right - plot.left))
        for (index, series) in data.series.enumerated() where !series.isHidden {
            let color = series.color.hex(default: foreground)
            for segment in Self.segments(series, mapX: mapX, mapY: mapY) {
                if series.isPoints {
                    for (x, y) in segment {
                        out += "<circle class=\"point\" data-series=\"\(index)\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"2.5\" fill=\"\(color)\"/>\n"
                    }
                    continue
                }
                let points = segment.count > Self.pointsPerPixel * columns ? Self.reduced(segment, left: plot.left) : segment
                out += "<polyline class=\"series\" data-series=\"\(index)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\"\(dash(index)) points=\""
                out += points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ") + "\"/>\n"
            }
        }
        out += "</svg>\n"
        return out
    }

    /// Writes the legend, in rows under the title; returns the y below it.
    private func legend(into out: inout String) -> Double {
        var x = 10.0, y = 40.0
        for (index, series) in data.series.enumerated() {
            let name = series.name + (series.isHidden ? " (hidden)" : "")
            let entry = 28 + Double(name.count) * Self.charWidth + 14
            if x > 10, x + entry > Double(width) - 10 {
                x = 10
                y += 18
            }
            let color = series.color.hex(default: foreground)
            out += "<g class=\"legend\" data-series=\"\(index)\"\(series.isHidden ? " opacity=\"0.4\"" : "")>"
            out += "<line x1=\"\(f(x))\" y1=\"\(f(y - 4))\" x2=\"\(f(x + 20))\" y2=\"\(f(y - 4))\" stroke=\"\(color)\" stroke-width=\"3\"\(dash(index))/>"
            out += "<text x=\"\(f(x + 26))\" y=\"\(f(y))\" fill=\"\(color)\">\(Self.escaped(name))</text></g>\n"
            x += entry
        }
        return data.series.isEmpty ? 24 : y + 6
    }

    /// The ticks of `axis` over `range` (in the axis's own coordinate), labelled as the terminal labels them.
    private func ticks(_ axis: Axis, _ range: ClosedRange<Double>) -> Ticks {
        let lower = axis.scale.inverse(range.lowerBound), upper = axis.scale.inverse(range.upperBound)
        var ticks = Ticks.make(scale: axis.scale, lower: lower, upper: upper, count: 6).within(lower: lower, upper: upper)
        if axis.wholeNumbers { ticks = ticks.wholeNumbers }
        if axis.showsPercent { ticks = ticks.percent }
        return ticks
    }

    /// The range the drawable points of `series` cover on the x axis (`onX`) or the y axis, in
    /// that axis's own coordinate, widened when it is one value.
    func range(of series: [ChartData.Series], onX: Bool) -> ClosedRange<Double> {
        var low = Double.infinity, high = -Double.infinity
        for s in series {
            for (x, y) in zip(s.x, s.y) {
                guard let tx = data.xAxis.scale.transform(x), let ty = data.yAxis.scale.transform(y) else { continue }
                let t = onX ? tx : ty
                low = min(low, t)
                high = max(high, t)
            }
        }
        guard low <= high else { return 0...1 }
        guard high > low else {
            let pad = (onX ? data.xAxis : data.yAxis).scale == .log10 ? 0.5 : max(abs(low) * 0.1, 0.5)
            return (low - pad)...(high + pad)
        }
        return low...high
    }

    /// The series' points in pixels, split where a value cannot be drawn (NaN, infinity, or
    /// not positive on a log axis) so no line crosses the gap.
    static func segments(_ series: ChartData.Series, mapX: (Double) -> Double?, mapY: (Double) -> Double?)
        -> [[(Double, Double)]]
    {
        var segments: [[(Double, Double)]] = [[]]
        for (x, y) in zip(series.x, series.y) {
            if let px = mapX(x), let py = mapY(y) {
                segments[segments.count - 1].append((px, py))
            } else if !segments[segments.count - 1].isEmpty {
                segments.append([])
            }
        }
        return segments.filter { !$0.isEmpty }
    }

    /// A long segment reduced to each pixel column's first, lowest, highest and last points,
    /// in order (M4: Jugel et al., VLDB 2014), which draw the same line.
    static func reduced(_ points: [(Double, Double)], left: Double) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        var i = 0
        while i < points.count {
            let column = Int(points[i].0 - left)
            var j = i
            var low = i, high = i
            while j < points.count, Int(points[j].0 - left) == column {
                if points[j].1 < points[low].1 { low = j }
                if points[j].1 > points[high].1 { high = j }
                j += 1
            }
            for k in Set([i, low, high, j - 1]).sorted() { out.append(points[k]) }
            i = j
        }
        return out
    }

    /// The dash attribute of series `index`'s line, empty for a solid one.
    private func dash(_ index: Int) -> String {
        palette.dashes(index).map { " stroke-dasharray=\"\($0)\"" } ?? ""
    }

    /// A coordinate with two decimals.
    private func f(_ value: Double) -> String { String(format: "%.2f", value) }

    /// `text` safe inside an XML element or attribute: markup characters as entities, and
    /// characters XML 1.0 does not allow dropped.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += " "
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) || (0xD800...0xDFFF).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
