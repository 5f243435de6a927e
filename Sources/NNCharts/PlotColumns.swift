/// Per dot column of a plot: the first, last, highest and lowest dot row a series reaches
/// there, built in one pass over the series' envelope and reused from series to series.
struct PlotColumns {
    struct Span {
        var first = 0.0
        var last = 0.0
        var top = 0.0
        var bottom = 0.0
        var present = false
    }

    var spans: [Span]
    /// The last point left of the plot and the first right of it, to draw lines entering
    /// and leaving through the edges.
    var before: (x: Double, y: Double)?
    var after: (x: Double, y: Double)?

    init(count: Int) {
        spans = Array(repeating: Span(), count: count)
    }

    mutating func collect(_ envelope: SeriesEnvelope, x: LineChart.AxisMap, y: LineChart.AxisMap) {
        var before: (x: Double, y: Double)?
        var after: (x: Double, y: Double)?
        spans.withUnsafeMutableBufferPointer { spans in
            let n = spans.count
            for i in 0..<n { spans[i].present = false }
            let right = Double(n) - 0.5
            envelope.forEachBucket { b in
                guard after == nil else { return }
                let x0 = x.dot(b.firstX), x1 = x.dot(b.lastX)
                if x1 < -0.5 {
                    before = (x1, y.dot(b.last))
                    return
                }
                if x0 > right {
                    after = (x0, y.dot(b.first))
                    return
                }
                let c0 = min(n - 1, max(0, nearest(x0)))
                let c1 = min(n - 1, max(0, nearest(x1)))
                let yFirst = y.dot(b.first), yLast = y.dot(b.last)
                if c0 == c1 && b.count == 1 {
                    PlotColumns.add(&spans[c0], first: yFirst, last: yFirst, low: yFirst, high: yFirst)
                } else if c0 == c1 {
                    // Rows grow downwards: the highest value has the smallest row.
                    PlotColumns.add(&spans[c0], first: yFirst, last: yLast, low: y.dot(b.max), high: y.dot(b.min))
                } else {
                    // A bucket wider than a dot column: its extremes go to its middle column.
                    let top = y.dot(b.max), bottom = y.dot(b.min)
                    PlotColumns.add(&spans[c0], first: yFirst, last: yFirst, low: yFirst, high: yFirst)
                    PlotColumns.add(&spans[(c0 + c1) / 2], first: bottom, last: top, low: top, high: bottom)
                    PlotColumns.add(&spans[c1], first: yLast, last: yLast, low: yLast, high: yLast)
                }
            }
        }
        self.before = before
        self.after = after
    }

    @inline(__always)
    private static func add(_ span: inout Span, first: Double, last: Double, low: Double, high: Double) {
        let top = min(low, min(first, last)), bottom = max(high, max(first, last))
        if span.present {
            span.last = last
            span.top = min(span.top, top)
            span.bottom = max(span.bottom, bottom)
        } else {
            span = Span(first: first, last: last, top: top, bottom: bottom, present: true)
        }
    }

    /// Joins consecutive columns with lines and fills each column's span.
    func draw(on canvas: inout Canvas, ink: Ink) {
        let ink = canvas.register(ink)
        var previous = before
        for c in spans.indices where spans[c].present {
            let span = spans[c]
            let x = Double(c)
            if let p = previous { canvas.line(x0: p.x, y0: p.y, x1: x, y1: span.first, ink: ink) }
            canvas.verticalLine(x: c, y0: nearest(span.top), y1: nearest(span.bottom), ink: ink)
            previous = (x, span.last)
        }
        if let p = previous, let a = after { canvas.line(x0: p.x, y0: p.y, x1: a.x, y1: a.y, ink: ink) }
    }
}
