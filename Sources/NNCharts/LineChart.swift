/// Several series against shared axes, drawn as lines on a canvas of sub-cell dots.
///
/// Layout, top to bottom: the title and a legend (each series' colour swatch, name and
/// newest value, and a divergence note), the y axis title, the plot with the y tick labels
/// on its left, the x axis with its tick labels and title. Lines join consecutive points on
/// the dot grid and are clipped to the plot. Series are drawn in order, so where several share
/// a cell the last one colours it.
/// A series that reached NaN or infinity ends with a line to the plot's edge and a cross
/// there, and its legend entry says where ("diverged at step 12").
public struct LineChart: Widget, Sendable {
    public var title: String
    /// Words shown in parentheses after the title (the view's state), kept whole when the
    /// title is shortened for "+N more".
    public var titleNote: String = ""
    public var series: [LineSeries]
    public var xAxis: Axis
    public var yAxis: Axis
    public var dotGrid: DotGrid
    public var colorMode: ColorMode
    /// The colours series take when they carry none.
    public var palette: Palette = .standard
    /// Named points drawn over the series, in the cells of their values.
    public var callouts: [Callout]
    /// The part of the x range shown (zoomed and panned by the viewer); the y axis fits
    /// what is shown.
    public var xWindow = XWindow.whole
    /// The most series the legend lists (the first ones); the others count in "+N more", so
    /// that charts side by side can list the same series. Nil: as many as fit.
    public var legendLimit: Int?
    /// The most rows the title and legend take; nil: a sixth of the chart's height, up to five.
    public var headerRows: Int?
    /// Where the value cursor stands (an x value), or nil for none; see `drawCursor`.
    public var cursor: Double?

    /// - Parameters:
    ///   - title: shown bold at the top left.
    ///   - series: the lines, coloured by position unless they carry a colour.
    ///   - xAxis: usually `Axis(title: "step")`.
    ///   - yAxis: the value axis.
    ///   - dotGrid: the dot grid (`DotGrid.preferred(utf8:)` for the terminal's locale).
    ///   - colorMode: what the terminal can show; `.none` tells series apart by glyph.
    public init(
        title: String = "", series: [LineSeries] = [], xAxis: Axis = Axis(title: "step"),
        yAxis: Axis = Axis(), dotGrid: DotGrid = .braille, colorMode: ColorMode = .palette256,
        callouts: [Callout] = []
    ) {
        self.title = title
        self.series = series
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.dotGrid = dotGrid
        self.colorMode = colorMode
        self.callouts = callouts
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area)
        let (header, rows, showsYTitle) = parts(of: area)
        for (i, spans) in header.enumerated() where i < area.height {
            buffer.write(spans, x: area.x, y: area.y + i, clip: area)
        }
        if showsYTitle { buffer.write(yAxis.title, x: area.x, y: rows.y - 1, foreground: axisColor, clip: area) }
        guard rows.height >= 3, rows.width >= 8 else { return }
        guard let frame = frame(for: rows) else {
            buffer.write("no data", x: rows.x + rows.width / 2 - 3, y: rows.y + rows.height / 2,
                         foreground: axisColor, clip: rows)
            return
        }
        draw(frame, into: &buffer)
    }

    /// Where the chart drawn in `area` puts its plot (the cells of the dot grid) and the
    /// values its axes span there; nil when it draws no plot. Each value maps linearly (or
    /// logarithmically) from the range's ends to the centres of the grid's outer dots.
    public func plotLayout(in area: Rect) -> (plot: Rect, x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        let rows = parts(of: area).rows
        guard rows.height >= 3, rows.width >= 8, let frame = frame(for: rows) else { return nil }
        return (frame.plot, frame.x.range, frame.y.range)
    }

    /// The header's rows, the rows under the header (and the y title) and whether the y
    /// title is shown.
    private func parts(of area: Rect) -> (header: [[Span]], rows: Rect, showsYTitle: Bool) {
        // The last column stays blank, as right of the plot: a legend never runs into a neighbour.
        let header = headerRows(width: area.width - 1, maxRows: headerRowLimit(height: area.height))
        var rows = area.splitRows(at: min(area.height, header.count)).bottom
        let showsYTitle = !yAxis.title.isEmpty && rows.height >= 6
        if showsYTitle { rows = rows.splitRows(at: 1).bottom }
        return (header, rows, showsYTitle)
    }

    var axisColor: Color { colorMode == .none ? .default : .gray }

    /// Indices of the series drawn, in drawing order: as given, hidden ones left out.
    var drawingOrder: [Int] { series.indices.filter { !series[$0].isHidden } }

    /// The colour of series `index` in this chart's colour mode.
    func color(of index: Int) -> Color {
        if let color = series[index].color { return colorMode.resolve(color) }
        return palette.seriesColor(index, mode: colorMode)
    }
}
