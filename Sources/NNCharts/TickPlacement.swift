/// Choosing how many ticks an axis gets so that their labels never collide.
enum TickPlacement {
    /// A tick label on a horizontal axis: the tick's column and where its label starts.
    typealias Horizontal = (column: Int, label: String, start: Int)

    /// Ticks along a row: the most (up to `width / 6`) whose labels, centred under their
    /// columns and kept inside `minX..<maxX`, stay two columns apart.
    /// - Parameters:
    ///   - range: the axis's values.
    ///   - wholeNumbers: whether only whole numbers get ticks (an axis of steps).
    ///   - column: the column of a value.
    static func horizontal(
        range: ClosedRange<Double>, scale: Scale, width: Int, minX: Int, maxX: Int, wholeNumbers: Bool = false,
        column: (Double) -> Int
    ) -> [Horizontal] {
        var count = max(2, width / 6)
        while true {
            var ticks = Ticks.make(scale: scale, lower: range.lowerBound, upper: range.upperBound, count: count)
                .within(lower: range.lowerBound, upper: range.upperBound)
            if wholeNumbers { ticks = ticks.wholeNumbers }
            var placed: [Horizontal] = []
            var fits = true
            for (value, label) in zip(ticks.values, ticks.labels) {
                let c = column(value)
                let start = min(max(minX, c - (label.count - 1) / 2), maxX - label.count)
                if let previous = placed.last, start < previous.start + previous.label.count + 2 {
                    fits = false
                    break
                }
                placed.append((c, label, start))
            }
            if fits { return placed }
            if count <= 2 { return Array(placed.prefix(1)) }
            count -= 1
        }
    }

    /// Ticks down a column: the most (up to `height / 3 + 1`) whose rows are two apart.
    static func vertical(
        range: ClosedRange<Double>, scale: Scale, height: Int, row: (Double) -> Int
    ) -> [(row: Int, label: String)] {
        var count = max(2, height / 3 + 1)
        let gap = height >= 5 ? 2 : 1
        while true {
            let ticks = Ticks.make(scale: scale, lower: range.lowerBound, upper: range.upperBound, count: count)
                .within(lower: range.lowerBound, upper: range.upperBound)
            let placed = zip(ticks.values, ticks.labels).map { (row: row($0), label: $1) }
            if zip(placed, placed.dropFirst()).allSatisfy({ abs($0.row - $1.row) >= gap }) { return placed }
            if count <= 2 { return Array(placed.prefix(1)) }
            count -= 1
        }
    }
}
