import NNText

/// Where a line chart's parts go inside its area, and the value-to-dot mappings.
extension LineChart {
    /// One frame's geometry: the plot's cells, the axes' ranges and the ticks shown.
    struct Frame {
        var plot: Rect
        var labelWidth: Int
        var x: AxisMap
        var y: AxisMap
        var xTicks: [(column: Int, label: String, start: Int)]
        var yTicks: [(row: Int, label: String)]
        var xTitleStart: Int?
    }

    /// Lays out the chart in `rows` (the area under the header), or nil without data.
    func frame(for rows: Rect) -> Frame? {
        // Only marked NaNs and infinities: an axis of 0 to 1 to put their marks against.
        let onlyMarks = series.contains { !$0.isHidden && !$0.marks.isEmpty } ? 0.0...1.0 : nil
        guard let xRange = shownXRange else { return nil }
        // With both limits set (as a watched chart's are) the data's range is not needed, and
        // finding it is the frame's costliest step.
        let needsData = yAxis.lowerLimit == nil || yAxis.upperLimit == nil
        guard var yRange = shownRange(yAxis, data: needsData ? yDataRange(x: xRange) ?? onlyMarks : nil) else { return nil }
        let plotHeight = rows.height - 2
        let dy = dotGrid.dotsPerRow, dx = dotGrid.dotsPerColumn
        let fitsLower = yAxis.lowerLimit == nil, fitsUpper = yAxis.upperLimit == nil

        // Y ticks: as many as fit with a free row between labels. A linear range fitted to
        // the data at both ends labels its ends with the data's extremes, in the digits that
        // name them, so the values on the plot's edge rows read exactly (a nice tick beyond
        // the data would share a row with them and name another value, as `0.00` for
        // 0.00125); nice ticks fill the rows between. Otherwise the range is widened to the
        // outer nice ticks where it is fitted, so both ends carry a value.
        var yTicks: [(row: Int, label: String)] = []
        var finalRange = yRange
        let gap = plotHeight >= 5 ? 2 : 1
        var ends: [(row: Int, label: String)] = []
        if yAxis.scale == .linear && fitsLower && fitsUpper && plotHeight >= 1 {
            let values = [yRange.upperBound, yRange.lowerBound]
            // Digits enough that a label stays within half a row of its value.
            let halfRow = (yRange.upperBound * 0.5 - yRange.lowerBound * 0.5) / Double(plotHeight)
            let labels = yAxis.showsPercent
                ? NumberFormat.distinct(values.map { $0 * 100 }, within: halfRow * 100).map { $0 + "%" }
                : NumberFormat.distinct(values, within: halfRow)
            ends = [(0, labels[0])]
            if plotHeight - 1 >= gap { ends.append((plotHeight - 1, labels[1])) }
        }
        var count = max(2, plotHeight / 3 + 1)
        while count >= 2 {
            var ticks = Ticks.make(scale: yAxis.scale, lower: yRange.lowerBound, upper: yRange.upperBound, count: count)
            if yAxis.showsPercent { ticks = ticks.percent }
            var range = yRange
            if ends.isEmpty, yAxis.scale == .linear, ticks.values.count >= 2 {
                let step = ticks.values[1] - ticks.values[0]
                if fitsLower, let first = ticks.values.first, first < range.lowerBound,
                    range.lowerBound - first < step { range = first...range.upperBound }
                if fitsUpper, let last = ticks.values.last, last > range.upperBound,
                    last - range.upperBound < step { range = range.lowerBound...last }
            }
            let map = AxisMap(range: range, scale: yAxis.scale, positions: plotHeight * dy, flipped: true)
            let shown = ticks.within(lower: range.lowerBound, upper: range.upperBound)
            let placed = zip(shown.values, shown.labels).map { (row: nearest(map.position($0)) / dy, label: $1) }
                .filter { tick in ends.allSatisfy { abs($0.row - tick.row) >= gap } }
            let apart = zip(placed, placed.dropFirst()).allSatisfy { abs($0.row - $1.row) >= gap }
            if apart || count == 2 {
                yTicks = ends.isEmpty ? (apart ? placed : Array(placed.prefix(1)))
                    : (ends + (apart ? placed : [])).sorted { $0.row < $1.row }
                finalRange = range
                break
            }
            count -= 1
        }
        yRange = finalRange

        let labelWidth = min(max(1, yTicks.map(\.label.count).max() ?? 1), max(1, rows.width / 3))
        let plotX = rows.x + labelWidth + 2
        let plotWidth = rows.maxX - plotX - 1
        guard plotWidth >= 2, plotHeight >= 1 else { return nil }
        let plot = Rect(x: plotX, y: rows.y, width: plotWidth, height: plotHeight)
        let xMap = AxisMap(range: xRange, scale: xAxis.scale, positions: plotWidth * dx, flipped: false)
        let yMap = AxisMap(range: yRange, scale: yAxis.scale, positions: plotHeight * dy, flipped: true)

        // X labels never overlap each other; the x title takes the right end of their row
        // when it fits after them, and is left out otherwise (the ticks matter more).
        let xTicks = TickPlacement.horizontal(
            range: xRange, scale: xAxis.scale, width: plotWidth, minX: rows.x, maxX: rows.maxX,
            wholeNumbers: xAxis.wholeNumbers
        ) { plotX + nearest(xMap.position($0)) / dx }
        let title = xAxis.title
        let labelsEnd = xTicks.last.map { $0.start + $0.label.count } ?? rows.x
        let titleStart = rows.maxX - title.count
        let xTitleStart = !title.isEmpty && titleStart >= labelsEnd + 2 ? titleStart : nil
        return Frame(plot: plot, labelWidth: labelWidth, x: xMap, y: yMap, xTicks: xTicks,
                     yTicks: yTicks, xTitleStart: xTitleStart)
    }
}
