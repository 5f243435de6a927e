/// Panels in a grid: how many columns suit an area, and each panel's cell, row by row.
public enum Layout {
    /// Blank columns between two panels of a row: a heatmap's labels reach its edge, and a line
    /// chart's legend, which leaves its own last column blank, would otherwise read on into the
    /// neighbour's title ("1.47 train/m1") or a scale label into its axis ("0.001760.5").
    public static let panelGap = 1

    /// How many columns of at least `cellWidth` fit in `width`, `panelGap` apart.
    public static func columns(fitting width: Int, cellWidth: Int) -> Int {
        (width + panelGap) / (cellWidth + panelGap)
    }

    /// The columns of a grid of `count` panels in `area`: about as many as rows, one fewer where
    /// the area is narrow, terminal cells being about twice as tall as wide.
    public static func columns(_ area: Rect, count: Int) -> Int {
        var columns = 1
        while columns * columns < count { columns += 1 }
        if area.width < area.height * 3 { columns = max(1, columns - 1) }
        return columns
    }

    /// `count` cells of `area`, `columns` a row and row by row, `gap` blank columns between
    /// two cells of a row (so that one panel's text never runs into the next one's); the rows
    /// share the height and the last row shares the width among its fewer panels.
    public static func grid(_ area: Rect, count: Int, columns: Int, gap: Int = 0) -> [Rect] {
        guard count > 0 else { return [] }
        let columns = min(max(1, columns), count)
        let rows = (count + columns - 1) / columns
        return (0..<count).map { i in
            let r = i / columns, c = i % columns
            return area.row(r, of: rows).column(c, of: r == rows - 1 ? count - r * columns : columns, gap: gap)
        }
    }

    /// `count` cells of `area` in `columns(_:count:)` columns.
    public static func grid(_ area: Rect, count: Int, gap: Int = 0) -> [Rect] {
        grid(area, count: count, columns: columns(area, count: count), gap: gap)
    }
}
