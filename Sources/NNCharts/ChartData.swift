import NNText

/// A chart's data as it is exported: its series' points, names and colours and its axes, for
/// the CSV (`csv`) and SVG (`SVGChart`) files a dashboard writes beside its text export.
public struct ChartData: Sendable {
    /// One series of the chart.
    public struct Series: Sendable {
        public var name: String
        public var color: Color
        public var x: [Double]
        public var y: [Double]
        /// Whether the series is hidden on screen: it stays in the CSV and the legend (dimmed),
        /// and is not drawn.
        public var isHidden: Bool
        /// Whether its points are drawn on their own (measured data) rather than joined.
        public var isPoints: Bool

        public init(name: String, color: Color, x: [Double], y: [Double], isHidden: Bool = false, isPoints: Bool = false) {
            self.name = name
            self.color = color
            self.x = x
            self.y = y
            self.isHidden = isHidden
            self.isPoints = isPoints
        }
    }

    public var title: String
    public var xAxis: Axis
    public var yAxis: Axis
    public var series: [Series]

    public init(title: String, xAxis: Axis = Axis(), yAxis: Axis = Axis(), series: [Series]) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
    }

    /// The first column's title: the x axis's, else `step`.
    public var xColumn: String { xAxis.title.isEmpty ? "step" : xAxis.title }

    /// The data as CSV (RFC 4180 quoting, lines ended by a line feed): a column of x (every x
    /// any series has, in order) and one column per series, blank where the series has no point at that x. Values are written as
    /// the shortest text that reads back as the same Double (`nan`, `inf`, `-inf` for the others).
    public var csv: String {
        var values: [[Double: Double]] = series.map { _ in [:] }
        var xs = Set<Double>()
        for (i, s) in series.enumerated() {
            for (x, y) in zip(s.x, s.y) where !x.isNaN {
                values[i][x] = y
                xs.insert(x)
            }
        }
        var text = ([xColumn] + series.map(\.name)).map(Self.field).joined(separator: ",") + "\n"
        for x in xs.sorted() {
            let cells = [Self.number(x)] + values.map { $0[x].map(Self.number) ?? "" }
            text += cells.joined(separator: ",") + "\n"
        }
        return text
    }

    /// `value` as a CSV cell that reads back as exactly `value`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : value > 0 ? "inf" : "-inf" }
        return NumberFormat.roundTrip(value)
    }

    /// `text` as a CSV field, quoted when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
