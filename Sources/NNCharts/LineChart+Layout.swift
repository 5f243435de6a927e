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

    /// Maps values of one axis to dot positions (`0...dots-1`; y grows downwards).
    struct AxisMap {
        var range: ClosedRange<Double>
        var scale: Scale
        var dots: Int
        var flipped: Bool
        private let low: Double
        private let factor: Double

        init(range: ClosedRange<Double>, scale: Scale, dots: Int, flipped: Bool) {
            self.range = range
            self.scale = scale
            self.dots = dots
            self.flipped = flipped
            low = scale.transform(range.lowerBound) ?? 0
            let high = scale.transform(range.upperBound) ?? 1
            factor = high > low ? Double(dots - 1) / (high - low) : 0
        }

        /// The dot position of `value`, far outside the plot for values the scale cannot
        /// show, and limited to a few plot sizes away so clipping stays exact enough.
        @inline(__always)
        func dot(_ value: Double) -> Double {
            let limit = Double(4 * dots + 8)
            guard let t = scale.transform(value) else { return flipped ? limit : -limit }
            let d = (t - low) * factor
            let position = flipped ? Double(dots - 1) - d : d
            return min(limit, max(-limit, position))
        }
    }

    /// Lays out the chart in `rows` (the area under the header), or nil without data.
    func frame(for rows: Rect) -> Frame? {
        guard let xRange = shownRange(xAxis, data: xDataRange),
            var yRange = shownRange(yAxis, data: yDataRange(x: xRange))
        else { return nil }
        let plotHeight = rows.height - 2
        let dy = marker.dotsPerRow, dx = marker.dotsPerColumn
        let fitsLower = yAxis.lowerLimit == nil, fitsUpper = yAxis.upperLimit == nil

        // Y ticks: as many as fit with a free row between labels, the range widened to
        // the outer ticks when it is fitted to the data, so both ends carry a value.
        var yTicks: [(row: Int, label: String)] = []
        var finalRange = yRange
        var count = max(2, plotHeight / 3 + 1)
        while count >= 2 {
            let ticks = Ticks.make(scale: yAxis.scale, lower: yRange.lowerBound, upper: yRange.upperBound, count: count)
            var range = yRange
            if yAxis.scale == .linear, ticks.values.count >= 2 {
                let step = ticks.values[1] - ticks.values[0]
                if fitsLower, let first = ticks.values.first, first < range.lowerBound,
                    range.lowerBound - first < step { range = first...range.upperBound }
                if fitsUpper, let last = ticks.values.last, last > range.upperBound,
                    last - range.upperBound < step { range = range.lowerBound...last }
            }
            let map = AxisMap(range: range, scale: yAxis.scale, dots: plotHeight * dy, flipped: true)
            let shown = ticks.within(lower: range.lowerBound, upper: range.upperBound)
            let placed = zip(shown.values, shown.labels).map { (nearest(map.dot($0)) / dy, $1) }
            let gap = plotHeight >= 5 ? 2 : 1
            let apart = zip(placed, placed.dropFirst()).allSatisfy { abs($0.0 - $1.0) >= gap }
            if apart || count == 2 {
                yTicks = apart ? placed : Array(placed.prefix(1))
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
        let xMap = AxisMap(range: xRange, scale: xAxis.scale, dots: plotWidth * dx, flipped: false)
        let yMap = AxisMap(range: yRange, scale: yAxis.scale, dots: plotHeight * dy, flipped: true)

        // X labels never overlap each other; the x title takes the right end of their row
        // when it fits after them, and is left out otherwise (the ticks matter more).
        let xTicks = TickPlacement.horizontal(
            range: xRange, scale: xAxis.scale, width: plotWidth, minX: rows.x, maxX: rows.maxX
        ) { plotX + nearest(xMap.dot($0)) / dx }
        let title = xAxis.title
        let labelsEnd = xTicks.last.map { $0.start + $0.label.count } ?? rows.x
        let titleStart = rows.maxX - title.count
        let xTitleStart = !title.isEmpty && titleStart >= labelsEnd + 2 ? titleStart : nil
        return Frame(plot: plot, labelWidth: labelWidth, x: xMap, y: yMap, xTicks: xTicks,
                     yTicks: yTicks, xTitleStart: xTitleStart)
    }
}
