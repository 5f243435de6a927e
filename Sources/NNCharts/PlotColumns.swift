/// Per dot column of a plot: the first, last, lowest and highest value a series takes
/// there, gathered in one pass over its envelope and reused from series to series.
///
/// Values are mapped to dot rows only per column, not per bucket, which matters on a log
/// axis. The mappings are monotonic, so a column's extremes map to its extreme rows.
struct PlotColumns {
    /// One dot column: the first, last, lowest and highest value a series takes there.
    struct Column {
        var first = 0.0
        var last = 0.0
        var low = 0.0
        var high = 0.0
        var present = false
        /// Whether a gap lies before the column's first point: no line joins it to the left.
        var startsSegment = false
    }

    var spans: [Column]
    private var y = AxisMap(range: 0...1, scale: .linear, positions: 1, flipped: true)
    /// The last point left of the plot and the first right of it (x in dots, y a value),
    /// to draw lines entering and leaving through the edges.
    private var before: (x: Double, y: Double)?
    private var after: (x: Double, y: Double, startsSegment: Bool)?

    init(count: Int) {
        spans = Array(repeating: Column(), count: count)
    }

    mutating func collect(_ envelope: SeriesEnvelope, x: AxisMap, y: AxisMap) {
        var before: (x: Double, y: Double)?
        var after: (x: Double, y: Double, startsSegment: Bool)?
        spans.withUnsafeMutableBufferPointer { spans in
            let n = spans.count
            for i in 0..<n {
                spans[i].present = false
                spans[i].startsSegment = false
            }
            let right = Double(n) - 0.5
            envelope.forEachBucket { b in
                guard after == nil else { return }
                let x0 = x.position(b.firstX), x1 = x.position(b.lastX)
                if x1 < -0.5 {
                    before = (x1, b.last)
                    return
                }
                if x0 > right {
                    after = (x0, b.first, b.startsSegment)
                    return
                }
                let c0 = min(n - 1, max(0, nearest(x0)))
                let c1 = min(n - 1, max(0, nearest(x1)))
                if b.startsSegment && !spans[c0].present { spans[c0].startsSegment = true }
                if c0 == c1 {
                    PlotColumns.add(&spans[c0], first: b.first, last: b.last, low: b.min, high: b.max)
                } else {
                    // A bucket wider than a dot column: its extremes go to its middle column.
                    PlotColumns.add(&spans[c0], first: b.first, last: b.first, low: b.first, high: b.first)
                    PlotColumns.add(&spans[(c0 + c1) / 2], first: b.min, last: b.max, low: b.min, high: b.max)
                    PlotColumns.add(&spans[c1], first: b.last, last: b.last, low: b.last, high: b.last)
                }
            }
        }
        self.y = y
        self.before = before
        self.after = after
    }

    @inline(__always)
    private static func add(_ span: inout Column, first: Double, last: Double, low: Double, high: Double) {
        if span.present {
            span.last = last
            span.low = min(span.low, low)
            span.high = max(span.high, high)
        } else {
            span = Column(first: first, last: last, low: low, high: high, present: true, startsSegment: span.startsSegment)
        }
    }

    /// The dot row of column `c`'s last value.
    func lastRow(_ c: Int) -> Double { y.position(spans[c].last) }

    /// Joins consecutive columns with lines and fills each column's span.
    ///
    /// Neighbouring columns are joined as Bresenham would join them, without the general
    /// line: the step from one column's last row to the next one's first splits at its
    /// middle, the upper half in the left column, the lower in the right.
    func draw(on canvas: inout Canvas, ink: Ink) {
        let ink = canvas.register(ink)
        var previous = before.map { (x: $0.x, y: y.position($0.y)) }
        for c in spans.indices where spans[c].present {
            let span = spans[c]
            let first = y.position(span.first)
            var top = y.position(span.high), bottom = y.position(span.low)
            if let p = previous, !span.startsSegment {
                if p.x == Double(c - 1) {
                    let middle = (p.y + first) / 2
                    canvas.verticalLine(x: c - 1, y0: nearest(p.y), y1: nearest(middle), ink: ink)
                    top = min(top, middle)
                    bottom = max(bottom, middle)
                } else {
                    canvas.line(x0: p.x, y0: p.y, x1: Double(c), y1: first, ink: ink)
                }
            }
            canvas.verticalLine(x: c, y0: nearest(top), y1: nearest(bottom), ink: ink)
            previous = (Double(c), y.position(span.last))
        }
        if let p = previous, let a = after, !a.startsSegment {
            canvas.line(x0: p.x, y0: p.y, x1: a.x, y1: y.position(a.y), ink: ink)
        }
    }
}
