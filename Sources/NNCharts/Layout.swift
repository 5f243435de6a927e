/// Splitting a rectangle into weighted rows and columns.
public enum Layout {
    /// Splits `area` into columns whose widths follow `weights`, `gap` blank columns apart.
    /// Every column of `area` goes to some part (rounding is spread, not dropped).
    public static func columns(_ area: Rect, weights: [Double], gap: Int = 0) -> [Rect] {
        sizes(total: area.width, weights: weights, gap: gap).map { offset, size in
            Rect(x: area.x + offset, y: area.y, width: size, height: area.height)
        }
    }

    /// Splits `area` into rows whose heights follow `weights`, `gap` blank rows apart.
    public static func rows(_ area: Rect, weights: [Double], gap: Int = 0) -> [Rect] {
        sizes(total: area.height, weights: weights, gap: gap).map { offset, size in
            Rect(x: area.x, y: area.y + offset, width: area.width, height: size)
        }
    }

    /// Splits `area` into a `rows` x `columns` grid of equal cells, row by row.
    public static func grid(_ area: Rect, rows: Int, columns: Int, gap: Int = 0) -> [Rect] {
        Layout.rows(area, weights: Array(repeating: 1, count: max(0, rows)), gap: gap).flatMap {
            Layout.columns($0, weights: Array(repeating: 1, count: max(0, columns)), gap: gap)
        }
    }

    /// Offsets and sizes of parts of `total` in proportion to `weights` (negative or
    /// non-finite weights count as 0; all-zero weights share equally).
    static func sizes(total: Int, weights: [Double], gap: Int) -> [(Int, Int)] {
        guard !weights.isEmpty else { return [] }
        let gap = max(0, gap)
        let usable = max(0, total - gap * (weights.count - 1))
        var w = weights.map { $0.isFinite && $0 > 0 ? $0 : 0 }
        if w.allSatisfy({ $0 == 0 }) { w = Array(repeating: 1, count: w.count) }
        let sum = w.reduce(0, +)
        var result: [(Int, Int)] = []
        var cumulative = 0.0, offset = 0, previousEnd = 0
        for weight in w {
            cumulative += weight
            let end = Int((cumulative / sum * Double(usable)).rounded())
            result.append((offset, end - previousEnd))
            offset += end - previousEnd + gap
            previousEnd = end
        }
        return result
    }
}
